import { Duration, Stack } from "aws-cdk-lib";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as events from "aws-cdk-lib/aws-events";
import * as targets from "aws-cdk-lib/aws-events-targets";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import type * as nodejs from "aws-cdk-lib/aws-lambda-nodejs";
import * as ses from "aws-cdk-lib/aws-ses";
import { Construct } from "constructs";
import { HANDLER_GROUPS, type HandlerGroup } from "../../functions/routes.ts";

export interface AtharWorkersProps {
  table: dynamodb.ITable;
  functions: Record<HandlerGroup, nodejs.NodejsFunction>;
  /** The domain receipts are sent from (an SES identity is created for it; publish its DKIM records). */
  mailDomain: string;
}

/**
 * What runs without a donor waiting: stream-triggered groups (the receipt sequencer) with the same record
 * filter the local stack applies, a schedule that catches up after failures, and SES for groups that
 * send e-mail.
 */
export class AtharWorkers extends Construct {
  readonly mailIdentity: ses.EmailIdentity;

  constructor(scope: Construct, id: string, props: AtharWorkersProps) {
    super(scope, id);
    this.mailIdentity = new ses.EmailIdentity(this, "MailIdentity", {
      identity: ses.Identity.domain(props.mailDomain),
    });
    const identityArn = Stack.of(this).formatArn({
      service: "ses",
      resource: "identity",
      resourceName: props.mailDomain,
    });

    for (const [group, definition] of Object.entries(HANDLER_GROUPS) as [
      HandlerGroup,
      (typeof HANDLER_GROUPS)[HandlerGroup],
    ][]) {
      const fn = props.functions[group];
      if ("sendsEmail" in definition && definition.sendsEmail) {
        fn.addToRolePolicy(
          new iam.PolicyStatement({
            actions: ["ses:SendEmail", "ses:SendRawEmail"],
            resources: [identityArn],
          }),
        );
      }
      if (!("stream" in definition)) continue;
      const { filter, batchSize, scheduleMinutes } = definition.stream;
      fn.addEventSource(
        new DynamoEventSource(props.table, {
          startingPosition: lambda.StartingPosition.TRIM_HORIZON,
          batchSize,
          maxBatchingWindow: Duration.seconds(1),
          filters: [lambda.FilterCriteria.filter(filter as Record<string, unknown>)],
          // Issuing is idempotent: retry a failing batch, and let the schedule finish what is left.
          retryAttempts: 10,
          bisectBatchOnError: false,
        }),
      );
      new events.Rule(this, `${group}Schedule`, {
        description: `Athar: ${definition.description} (catch-up)`,
        schedule: events.Schedule.rate(Duration.minutes(scheduleMinutes)),
        targets: [new targets.LambdaFunction(fn)],
      });
    }
  }
}
