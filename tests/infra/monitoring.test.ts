/**
 * What watches a deployment: alarms to one encrypted topic that e-mails the stage's address, a dashboard,
 * the health probe on its schedule, and a retention on every log group of all three stacks.
 */
import { Match } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { HANDLER_GROUPS, type HandlerGroup } from "../../functions/routes.ts";
import { type CfnResource, resourcesOfType, standInSiteDir, synthesizeAthar } from "./synth.ts";

let synthesized: ReturnType<typeof synthesizeAthar>;
beforeAll(() => {
  synthesized = synthesizeAthar({ siteDir: standInSiteDir(), bundle: false });
});
const template = () => synthesized.template;

interface Alarm {
  id: string;
  MetricName?: string;
  Namespace?: string;
  Threshold?: number;
  Statistic?: string;
  Metrics?: unknown;
  AlarmActions?: unknown;
  OKActions?: unknown;
}
const alarms = (): Alarm[] =>
  resourcesOfType(template(), "AWS::CloudWatch::Alarm").map(([id, alarm]) => ({ id, ...alarm.Properties }));
const topicId = () =>
  Object.keys(
    template().findResources("AWS::SNS::Topic", {
      Properties: { DisplayName: Match.stringLikeRegexp("alarms$") },
    }),
  )[0] as string;

describe("alarms", () => {
  it("go to one topic, encrypted with a key CloudWatch may use, TLS only, e-mailing the stage's address", () => {
    // The other topic is SES's bounces and complaints (tests/infra/mail.test.ts).
    expect(Object.keys(template().findResources("AWS::SNS::Topic"))).toHaveLength(2);
    expect(topicId()).toBeDefined();
    template().hasResourceProperties("AWS::SNS::Topic", {
      DisplayName: "Athar dev alarms",
      KmsMasterKeyId: Match.anyValue(),
    });
    template().hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: "alerts@example.org",
      TopicArn: { Ref: topicId() },
    });
    template().hasResourceProperties("AWS::KMS::Key", {
      EnableKeyRotation: true,
      KeyPolicy: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
          }),
        ]),
      }),
    });
    template().hasResourceProperties("AWS::SNS::TopicPolicy", {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        ]),
      }),
    });
    for (const alarm of alarms()) {
      expect(alarm.AlarmActions, alarm.id).toEqual([{ Ref: topicId() }]);
      expect(alarm.OKActions, alarm.id).toEqual([{ Ref: topicId() }]);
    }
  });

  it("watch every function's errors and throttles", () => {
    for (const group of Object.keys(HANDLER_GROUPS) as HandlerGroup[]) {
      for (const metric of ["Errors", "Throttles"]) {
        const found = alarms().filter(
          (alarm) =>
            alarm.MetricName === metric &&
            alarm.Namespace === "AWS/Lambda" &&
            alarm.id.startsWith(`Monitoring${group}${metric}`),
        );
        expect(found, `${group} ${metric}`).toHaveLength(1);
      }
    }
  });

  it("watch the API's 5xx, every dead-letter queue, the stream's lag, webhook failures, DynamoDB, SES and the health probe", () => {
    const by = (predicate: (alarm: ReturnType<typeof alarms>[number]) => boolean) =>
      alarms().filter(predicate);
    expect(by((a) => a.Namespace === "AWS/ApiGateway" && a.MetricName === "5xx")).toHaveLength(1);
    const deadLetters = by((a) => a.MetricName === "ApproximateNumberOfMessagesVisible");
    expect(
      deadLetters.map((a) => a.id.replace(/DeadLetters.*$/, "").replace("Monitoring", "")).sort(),
    ).toEqual([
      "erasure",
      "financeExports",
      "financeImports",
      "holds",
      "mailEvents",
      "receipts",
      "signInMail",
      "streamRouter",
    ]);
    for (const alarm of deadLetters) expect(alarm.Threshold).toBe(1);
    expect(by((a) => a.MetricName === "IteratorAge")).toEqual([
      expect.objectContaining({ Threshold: 300_000, Statistic: "Maximum" }),
    ]);
    expect(by((a) => a.MetricName === "WebhookFailures")).toEqual([
      expect.objectContaining({ Threshold: 3 }),
    ]);
    template().hasResourceProperties("AWS::Logs::MetricFilter", {
      FilterPattern:
        '{ ($.message = "request") && ($.routeKey = "POST /api/stripe/webhook") && ($.status >= 500) }',
      MetricTransformations: [Match.objectLike({ MetricName: "WebhookFailures", MetricValue: "1" })],
    });
    expect(by((a) => a.MetricName === "TransactionConflict")).toEqual([
      expect.objectContaining({ Threshold: 100 }),
    ]);
    expect(by((a) => JSON.stringify(a.Metrics ?? "").includes("WriteThrottleEvents"))).toHaveLength(1);
    expect(by((a) => a.MetricName === "Reputation.BounceRate")).toEqual([
      expect.objectContaining({ Threshold: 0.025 }),
    ]);
    expect(by((a) => a.MetricName === "Reputation.ComplaintRate")).toEqual([
      expect.objectContaining({ Threshold: 0.0005 }),
    ]);
    for (const metric of ["SiteUnhealthy", "PaymentsNotConfigured"]) {
      expect(
        by((a) => a.Namespace === "Athar/Health" && a.MetricName === metric),
        metric,
      ).toEqual([
        expect.objectContaining({
          TreatMissingData: "breaching",
          Dimensions: [{ Name: "Stage", Value: "dev" }],
        }),
      ]);
    }
  });
});

describe("the health probe", () => {
  it("runs every five minutes, with its stage, and may read the Stripe secret to see it holds real keys", () => {
    const [id, fn] = resourcesOfType(template(), "AWS::Lambda::Function").find(
      ([, candidate]) =>
        candidate.Properties.Description === `Athar: ${HANDLER_GROUPS.healthProbe.description}`,
    ) as [string, CfnResource];
    template().hasResourceProperties("AWS::Events::Rule", {
      ScheduleExpression: "rate(5 minutes)",
      Targets: Match.arrayWith([Match.objectLike({ Arn: { "Fn::GetAtt": [id, "Arn"] } })]),
    });
    const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables.STAGE_NAME).toBe("dev");
    expect(variables.STRIPE_SECRET_ARN).toBeDefined();
    expect(variables.ORIGIN_VERIFY_SECRET_ARN).toBeUndefined();
  });
});

describe("the dashboard and the logs", () => {
  it("has one dashboard for the stage", () => {
    template().hasResourceProperties("AWS::CloudWatch::Dashboard", { DashboardName: "Athar-dev" });
  });

  it("keeps every log group for a set time, and sends every function's logs to one, in all three stacks", () => {
    for (const each of [synthesized.template, synthesized.certificateTemplate, synthesized.logsTemplate]) {
      const resources = each.toJSON().Resources as Record<string, CfnResource>;
      for (const [id, resource] of Object.entries(resources)) {
        if (resource.Type === "AWS::Logs::LogGroup")
          expect(resource.Properties.RetentionInDays, id).toBeGreaterThan(0);
        if (resource.Type === "AWS::Lambda::Function") {
          const group = (resource.Properties.LoggingConfig as { LogGroup?: { Ref?: string } } | undefined)
            ?.LogGroup;
          expect(group?.Ref, id).toBeDefined();
          expect(resources[String(group?.Ref)]?.Type, id).toBe("AWS::Logs::LogGroup");
        }
      }
    }
  });
});

describe("backups", () => {
  it("keep the table daily for 35 days and monthly for ten years, in a retained, encrypted vault of its own", () => {
    template().hasResource("AWS::Backup::BackupVault", {
      Properties: Match.objectLike({ EncryptionKeyArn: Match.anyValue() }),
      DeletionPolicy: "Retain",
    });
    const [[, plan]] = resourcesOfType(template(), "AWS::Backup::BackupPlan") as [[string, CfnResource]];
    const rules = (plan.Properties.BackupPlan as { BackupPlanRule: Record<string, unknown>[] })
      .BackupPlanRule;
    expect(
      rules.map((rule) => [
        rule.RuleName,
        rule.ScheduleExpression,
        (rule.Lifecycle as { DeleteAfterDays: number }).DeleteAfterDays,
      ]),
    ).toEqual([
      ["Daily", "cron(0 1 * * ? *)", 35],
      ["MonthlyForTenYears", "cron(0 2 1 * ? *)", 3653],
    ]);
    const tableId = Object.keys(template().findResources("AWS::DynamoDB::Table"))[0];
    template().hasResourceProperties("AWS::Backup::BackupSelection", {
      BackupSelection: Match.objectLike({ Resources: [{ "Fn::GetAtt": [tableId, "Arn"] }] }),
    });
  });
});
