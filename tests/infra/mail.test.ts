/**
 * Amazon SES as synthesised: the domain's identity with DKIM, the configuration set every e-mail goes
 * through, its bounces, complaints and rejections on an encrypted topic read by exactly the mail events
 * function, and sending rights on the identity and the set for exactly the groups that e-mail.
 */
import { Match } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type CfnResource,
  COUNCIL_STAGE,
  functionsByGroup,
  resourcesOfType,
  roleStatements,
  standInSiteDir,
  synthesizeAthar,
} from "./synth.ts";

let dev: ReturnType<typeof synthesizeAthar>;
let council: ReturnType<typeof synthesizeAthar>;
beforeAll(() => {
  dev = synthesizeAthar({ siteDir: standInSiteDir(), bundle: false });
  council = synthesizeAthar({ siteDir: standInSiteDir(), bundle: false, stage: COUNCIL_STAGE });
});

const only = (template: typeof dev.template, type: string): [string, CfnResource] => {
  const found = resourcesOfType(template, type);
  expect(found, type).toHaveLength(1);
  return found[0] as [string, CfnResource];
};

describe("e-mail through Amazon SES", () => {
  it("sends from the stage's domain through one configuration set: TLS required, reputation kept, bounces and complaints suppressed", () => {
    const [setId, set] = only(council.template, "AWS::SES::ConfigurationSet");
    expect(set.Properties).toEqual({
      Name: "athar-production",
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
      DeliveryOptions: { TlsPolicy: "REQUIRE" },
      SuppressionOptions: { SuppressedReasons: ["BOUNCE", "COMPLAINT"] },
    });
    council.template.hasResourceProperties("AWS::SES::EmailIdentity", {
      EmailIdentity: COUNCIL_STAGE.domain,
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: setId } },
      DkimAttributes: { SigningEnabled: true },
      DkimSigningAttributes: { NextSigningKeyLength: "RSA_2048_BIT" },
    });
  });

  it("publishes exactly bounces, complaints and rejections to a topic encrypted with a key SES may use", () => {
    const [setId] = only(dev.template, "AWS::SES::ConfigurationSet");
    const [, destination] = only(dev.template, "AWS::SES::ConfigurationSetEventDestination");
    const topics = dev.template.findResources("AWS::SNS::Topic", {
      Properties: { DisplayName: "Athar dev e-mail bounces and complaints" },
    });
    const [topicId] = Object.keys(topics) as [string];
    expect(destination.Properties).toEqual({
      ConfigurationSetName: { Ref: setId },
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ["bounce", "complaint", "reject"],
        SnsDestination: { TopicARN: { Ref: topicId } },
      },
    });
    const keyRef = (topics[topicId] as CfnResource).Properties.KmsMasterKeyId as { "Fn::GetAtt": [string] };
    const key = dev.template.findResources("AWS::KMS::Key")[keyRef["Fn::GetAtt"][0]] as CfnResource;
    expect(JSON.stringify(key.Properties.KeyPolicy)).toContain("ses.amazonaws.com");
    dev.template.hasResourceProperties("AWS::SNS::TopicPolicy", {
      Topics: [{ Ref: topicId }],
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Action: "sns:Publish", Principal: { Service: "ses.amazonaws.com" } }),
        ]),
      }),
    });
    // Read by the mail events function only; what it fails on twice more lands in a dead-letter queue.
    const subscribers = resourcesOfType(dev.template, "AWS::SNS::Subscription")
      .filter(
        ([, subscription]) =>
          JSON.stringify(subscription.Properties.TopicArn) === JSON.stringify({ Ref: topicId }),
      )
      .map(([, subscription]) => subscription.Properties);
    const byGroup = functionsByGroup(dev.template);
    const [mailEventsId] = byGroup.get("mailEvents") as [string, CfnResource];
    expect(subscribers).toEqual([
      { Protocol: "lambda", TopicArn: { Ref: topicId }, Endpoint: { "Fn::GetAtt": [mailEventsId, "Arn"] } },
    ]);
    dev.template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", {
      FunctionName: { Ref: mailEventsId },
      MaximumRetryAttempts: 2,
      DestinationConfig: {
        OnFailure: {
          Destination: { "Fn::GetAtt": [Match.stringLikeRegexp("^MailEventsDeadLetters"), "Arn"] },
        },
      },
    });
  });

  it("lets exactly the groups that e-mail send, on the identity and the configuration set, which they are told", () => {
    const senders = [...functionsByGroup(dev.template)].filter(([, [, fn]]) =>
      roleStatements(dev.template, fn).some((statement) => JSON.stringify(statement.Action).includes("ses:")),
    );
    expect(senders.map(([group]) => group).sort()).toEqual(["receipts", "signInMail"]);
    const [setId] = only(dev.template, "AWS::SES::ConfigurationSet");
    for (const [group, [, fn]] of senders) {
      const statements = roleStatements(dev.template, fn).filter((statement) =>
        JSON.stringify(statement.Action).includes("ses:"),
      );
      expect(
        statements.map((statement) => statement.Action),
        group,
      ).toEqual([["ses:SendEmail", "ses:SendRawEmail"]]);
      const resources = JSON.stringify(statements[0]?.Resource);
      expect(resources, group).toContain(":identity/give.example.org");
      expect(resources, group).toContain(`":configuration-set/",{"Ref":"${setId}"}`);
      expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({
        SES_CONFIGURATION_SET: { Ref: setId },
      });
    }
  });

  it("gives DKIM's three records as outputs without a zone, and writes them into the stage's zone when it has one", () => {
    expect(
      Object.keys(dev.template.findOutputs("*"))
        .filter((name) => name.startsWith("Dkim"))
        .sort(),
    ).toEqual(["DkimRecord1", "DkimRecord2", "DkimRecord3"]);
    const cnames = resourcesOfType(council.template, "AWS::Route53::RecordSet").filter(
      ([, record]) => record.Properties.Type === "CNAME",
    );
    expect(cnames).toHaveLength(3);
    for (const [, record] of cnames) {
      expect(record.Properties.HostedZoneId).toBe(COUNCIL_STAGE.hostedZone.id);
      expect(JSON.stringify(record.Properties.Name)).toContain("DkimDNSTokenName");
    }
    expect(Object.keys(council.template.findOutputs("*")).filter((name) => name.startsWith("Dkim"))).toEqual(
      [],
    );
  });
});
