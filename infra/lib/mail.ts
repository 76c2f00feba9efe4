import { CfnOutput, Duration, Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import * as route53 from "aws-cdk-lib/aws-route53";
import * as ses from "aws-cdk-lib/aws-ses";
import type * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { HANDLER_GROUPS, type HandlerGroup } from "../../functions/routes.ts";
import { encryptedTopic } from "./encrypted-topic.ts";
import { acknowledgeFindings } from "./nag.ts";

export interface AtharMailProps {
  stageName: string;
  /** The domain receipts are sent from (the site's own, so donors recognise the sender). */
  mailDomain: string;
  functions: Record<HandlerGroup, lambda.Function>;
  /** The stage's Route 53 zone, when it has one: DKIM's records are written there, else given as outputs. */
  zone?: route53.IHostedZone;
}

/**
 * Amazon SES for the groups that e-mail (functions/routes.ts `sendsEmail`): the domain's identity with
 * Easy DKIM, and one configuration set every e-mail goes through, which requires TLS, keeps reputation
 * metrics (the bounce and complaint alarms), suppresses addresses that bounced or complained, and
 * publishes bounces, complaints and rejections to an SNS topic that the mail events function reads
 * (`readsMailEvents`), so a receipt that never arrived is noted on it.
 */
export class AtharMail extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly events: sns.Topic;
  /** Events the mail events function failed on, after Lambda's retries. */
  readonly deadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: AtharMailProps) {
    super(scope, id);
    this.configurationSet = new ses.ConfigurationSet(this, "ConfigurationSet", {
      configurationSetName: `athar-${props.stageName}`,
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.identity = new ses.EmailIdentity(this, "Identity", {
      identity: ses.Identity.domain(props.mailDomain),
      configurationSet: this.configurationSet,
      // Easy DKIM with 2048-bit keys, which SES rotates itself.
      dkimSigning: true,
      dkimIdentity: ses.DkimIdentity.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT),
    });
    this.publishDkim(props);

    this.events = encryptedTopic(
      this,
      { key: "EventsKey", topic: "Events" },
      {
        publisher: "ses.amazonaws.com",
        keyDescription: `Athar (${props.stageName}): encrypts SES's bounce and complaint topic`,
        displayName: `Athar ${props.stageName} e-mail bounces and complaints`,
      },
    );
    this.configurationSet.addEventDestination("ToTopic", {
      destination: ses.EventDestination.snsTopic(this.events),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT, ses.EmailSendingEvent.REJECT],
    });
    this.deadLetters = new sqs.Queue(this, "EventsDeadLetters", {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledgeFindings(this.deadLetters, {
      "AwsSolutions-SQS3": "This is the dead-letter queue itself (of the mail events function).",
    });

    const stack = Stack.of(this);
    const sendingResources = [
      stack.formatArn({ service: "ses", resource: "identity", resourceName: props.mailDomain }),
      stack.formatArn({
        service: "ses",
        resource: "configuration-set",
        resourceName: this.configurationSet.configurationSetName,
      }),
    ];
    for (const [group, definition] of Object.entries(HANDLER_GROUPS)) {
      const fn = props.functions[group as HandlerGroup];
      if ("sendsEmail" in definition && definition.sendsEmail) {
        fn.addEnvironment("SES_CONFIGURATION_SET", this.configurationSet.configurationSetName);
        // SendEmail through a configuration set is authorised on the identity and on the set.
        fn.addToRolePolicy(
          new iam.PolicyStatement({
            actions: ["ses:SendEmail", "ses:SendRawEmail"],
            resources: sendingResources,
          }),
        );
      }
      if ("readsMailEvents" in definition && definition.readsMailEvents) {
        this.events.addSubscription(new subscriptions.LambdaSubscription(fn));
        fn.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(this.deadLetters) });
      }
    }
  }

  /** Easy DKIM's three CNAME records: in the stage's zone, or as outputs for the council's DNS provider. */
  private publishDkim(props: AtharMailProps): void {
    this.identity.dkimRecords.forEach((record, index) => {
      if (props.zone) {
        new route53.CnameRecord(this, `Dkim${index + 1}`, {
          zone: props.zone,
          recordName: `${record.name}.`,
          domainName: record.value,
        });
      } else {
        new CfnOutput(Stack.of(this), `DkimRecord${index + 1}`, {
          value: `${record.name}. CNAME ${record.value}.`,
          description:
            "Add this record at the domain's DNS provider, for SES's DKIM signature (docs/deploy.md)",
        });
      }
    });
  }
}
