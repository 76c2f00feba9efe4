import { Duration } from "aws-cdk-lib";
import type * as apigwv2 from "aws-cdk-lib/aws-apigatewayv2";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as events from "aws-cdk-lib/aws-events";
import * as targets from "aws-cdk-lib/aws-events-targets";
import type * as nodejs from "aws-cdk-lib/aws-lambda-nodejs";
import * as logs from "aws-cdk-lib/aws-logs";
import type * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { HEALTH_METRICS, HEALTH_NAMESPACE } from "../../functions/monitoring/health.ts";
import { HANDLER_GROUPS, type HandlerGroup, ROUTES, routeKey } from "../../functions/routes.ts";
import { encryptedTopic } from "./encrypted-topic.ts";

export interface AtharMonitoringProps {
  stageName: string;
  alarmEmail: string;
  functions: Record<HandlerGroup, nodejs.NodejsFunction>;
  httpApi: apigwv2.HttpApi;
  table: dynamodb.ITable;
  /** Every dead-letter queue: a message in one is work that did not get done. */
  deadLetterQueues: Record<string, sqs.IQueue>;
}

const FIVE_MINUTES = Duration.minutes(5);
const WEBHOOK_ROUTE = routeKey(
  ROUTES.find((route) => route.group === "stripeWebhook") ?? { method: "POST", path: "/api/stripe/webhook" },
);

/**
 * Alarms to one SNS topic (the stage's alarm e-mail), and one dashboard: every function's errors and
 * throttles, the API's 5xx, every dead-letter queue, the stream router's iterator age, webhook failures,
 * DynamoDB throttles and transaction conflicts, SES's bounce and complaint rates, and the health probe's
 * checks (the site through CloudFront, the payment keys). Logs stay as they are: the metrics come from
 * AWS's own figures and from log fields that hold no personal data (route, status).
 */
export class AtharMonitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: AtharMonitoringProps) {
    super(scope, id);
    this.topic = encryptedTopic(
      this,
      { key: "AlarmTopicKey", topic: "Alarms" },
      {
        publisher: "cloudwatch.amazonaws.com",
        keyDescription: `Athar (${props.stageName}): encrypts the alarm topic`,
        displayName: `Athar ${props.stageName} alarms`,
      },
    );
    this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    const notify = new actions.SnsAction(this.topic);

    const alarm = (
      alarmId: string,
      description: string,
      metric: cloudwatch.IMetric,
      options: { threshold?: number; missingIsBreaching?: boolean; evaluationPeriods?: number } = {},
    ) => {
      const created = new cloudwatch.Alarm(this, alarmId, {
        alarmDescription: `Athar (${props.stageName}): ${description}`,
        metric,
        threshold: options.threshold ?? 1,
        evaluationPeriods: options.evaluationPeriods ?? 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: options.missingIsBreaching
          ? cloudwatch.TreatMissingData.BREACHING
          : cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(notify);
      created.addOkAction(notify);
      this.alarms.push(created);
      return created;
    };

    for (const [group, fn] of Object.entries(props.functions) as [HandlerGroup, nodejs.NodejsFunction][]) {
      alarm(
        `${group}Errors`,
        `the ${group} function failed (${HANDLER_GROUPS[group].description})`,
        fn.metricErrors({ period: FIVE_MINUTES }),
      );
      alarm(
        `${group}Throttles`,
        `the ${group} function was throttled`,
        fn.metricThrottles({ period: FIVE_MINUTES }),
      );
    }
    const api5xx = props.httpApi.metricServerError({ period: FIVE_MINUTES });
    alarm("Api5xx", "the API answered 5xx to 5 or more requests in 5 minutes", api5xx, { threshold: 5 });
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      alarm(
        `${name}DeadLetters`,
        `${name}: work waits in its dead-letter queue (docs/operations.md)`,
        queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: "Maximum" }),
      );
    }
    const iteratorAge = props.functions.streamRouter.metric("IteratorAge", {
      period: FIVE_MINUTES,
      statistic: "Maximum",
    });
    alarm("StreamIteratorAge", "the table's stream is read more than 5 minutes late", iteratorAge, {
      threshold: 5 * 60 * 1000,
    });

    // Webhook deliveries Stripe will retry (and, if they keep failing, stop sending): 5xx answers.
    const webhookFailures = new logs.MetricFilter(this, "WebhookFailuresFilter", {
      logGroup: props.functions.stripeWebhook.logGroup,
      filterPattern: logs.FilterPattern.all(
        logs.FilterPattern.stringValue("$.message", "=", "request"),
        logs.FilterPattern.stringValue("$.routeKey", "=", WEBHOOK_ROUTE),
        logs.FilterPattern.numberValue("$.status", ">=", 500),
      ),
      metricNamespace: `Athar/${props.stageName}`,
      metricName: "WebhookFailures",
      metricValue: "1",
      defaultValue: 0,
    }).metric({ period: FIVE_MINUTES, statistic: "Sum" });
    alarm(
      "WebhookFailures",
      "Stripe's webhook deliveries failed (5xx) 3 or more times in 5 minutes",
      webhookFailures,
      {
        threshold: 3,
      },
    );

    const tableMetric = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: "AWS/DynamoDB",
        metricName,
        dimensionsMap: { TableName: props.table.tableName },
        period: FIVE_MINUTES,
        statistic: "Sum",
      });
    const throttles = new cloudwatch.MathExpression({
      expression: "reads + writes",
      usingMetrics: { reads: tableMetric("ReadThrottleEvents"), writes: tableMetric("WriteThrottleEvents") },
      label: "DynamoDB throttle events",
      period: FIVE_MINUTES,
    });
    alarm("TableThrottles", "DynamoDB throttled requests to the table", throttles);
    const conflicts = tableMetric("TransactionConflict");
    alarm(
      "TransactionConflicts",
      "100 or more DynamoDB transactions collided in 5 minutes (a hot item)",
      conflicts,
      {
        threshold: 100,
      },
    );

    const ses = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: "AWS/SES",
        metricName,
        period: Duration.hours(1),
        statistic: "Maximum",
      });
    // AWS reviews an account above 5 % bounces or 0.1 % complaints: these alarm at half of that.
    alarm("SesBounceRate", "SES bounce rate reached 2.5 %", ses("Reputation.BounceRate"), {
      threshold: 0.025,
    });
    alarm("SesComplaintRate", "SES complaint rate reached 0.05 %", ses("Reputation.ComplaintRate"), {
      threshold: 0.0005,
    });

    const health = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: HEALTH_NAMESPACE,
        metricName,
        dimensionsMap: { Stage: props.stageName },
        period: FIVE_MINUTES,
        statistic: "Maximum",
      });
    // The probe runs every five minutes: no figure for fifteen means it is not running at all.
    alarm(
      "SiteUnhealthy",
      "the site's /api/health did not answer through CloudFront",
      health(HEALTH_METRICS.site),
      {
        missingIsBreaching: true,
        evaluationPeriods: 3,
      },
    );
    alarm(
      "PaymentsNotConfigured",
      "the Stripe secret does not hold real keys yet: donors cannot pay",
      health(HEALTH_METRICS.paymentsConfigured),
      { missingIsBreaching: true, evaluationPeriods: 3 },
    );

    for (const [group, definition] of Object.entries(HANDLER_GROUPS)) {
      if (!("scheduled" in definition)) continue;
      const fn = props.functions[group as HandlerGroup];
      fn.addEnvironment("STAGE_NAME", props.stageName);
      new events.Rule(this, `${group}Schedule`, {
        description: `Athar: ${definition.description}`,
        schedule: events.Schedule.rate(Duration.minutes(definition.scheduled.scheduleMinutes)),
        targets: [new targets.LambdaFunction(fn)],
      });
    }

    const fnMetrics = (pick: (fn: nodejs.NodejsFunction) => cloudwatch.IMetric) =>
      Object.values(props.functions).map(pick);
    this.dashboard = new cloudwatch.Dashboard(this, "Dashboard", {
      dashboardName: `Athar-${props.stageName}`,
      widgets: [
        [
          new cloudwatch.GraphWidget({
            title: "API: requests and 5xx",
            left: [props.httpApi.metricCount({ period: FIVE_MINUTES }), api5xx],
            width: 12,
          }),
          new cloudwatch.GraphWidget({
            title: "API latency (p95)",
            left: [props.httpApi.metricLatency({ period: FIVE_MINUTES, statistic: "p95" })],
            width: 12,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: "Function errors",
            left: fnMetrics((fn) => fn.metricErrors({ period: FIVE_MINUTES })),
            width: 12,
          }),
          new cloudwatch.GraphWidget({
            title: "Function throttles",
            left: fnMetrics((fn) => fn.metricThrottles({ period: FIVE_MINUTES })),
            width: 12,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: "Dead letters",
            left: Object.values(props.deadLetterQueues).map((queue) =>
              queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: "Maximum" }),
            ),
            width: 8,
          }),
          new cloudwatch.GraphWidget({ title: "Stream iterator age", left: [iteratorAge], width: 8 }),
          new cloudwatch.GraphWidget({ title: "Webhook failures", left: [webhookFailures], width: 8 }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: "DynamoDB throttles and transaction conflicts",
            left: [throttles, conflicts],
            width: 12,
          }),
          new cloudwatch.GraphWidget({
            title: "SES reputation",
            left: [ses("Reputation.BounceRate"), ses("Reputation.ComplaintRate")],
            width: 6,
          }),
          new cloudwatch.AlarmStatusWidget({ title: "Alarms", alarms: this.alarms, width: 6 }),
        ],
      ],
    });
  }
}
