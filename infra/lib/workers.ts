import { Duration, Stack } from "aws-cdk-lib";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as events from "aws-cdk-lib/aws-events";
import * as targets from "aws-cdk-lib/aws-events-targets";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq, SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import type * as nodejs from "aws-cdk-lib/aws-lambda-nodejs";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { HANDLER_GROUPS, type HandlerGroup, type StreamGroup } from "../../functions/routes.ts";
import { MAX_RECEIVES } from "../../functions/streams/queue-batch.ts";
import { mergedFilters } from "../../functions/streams/routing.ts";
import { acknowledgeFindings } from "./nag.ts";

export interface AtharWorkersProps {
  table: dynamodb.ITable;
  functions: Record<HandlerGroup, nodejs.NodejsFunction>;
}

/** How long SQS keeps what a worker or the router gave up on, for a redrive: its longest. */
const DEAD_LETTER_RETENTION = Duration.days(14);

/**
 * What runs without a donor waiting. The table's stream has one reader, the stream router, which sends
 * each record to the queue of every worker whose filter it matches (AWS advises at most two readers of a
 * shard). Each worker reads its own queue in batches and answers with partial batch responses: a record
 * that keeps failing goes, after MAX_RECEIVES deliveries, to the worker's dead-letter queue, and a batch
 * the router cannot queue is retried (bisected), then noted in the router's. Workers with a schedule also
 * run on it, to catch up after failures.
 */
export class AtharWorkers extends Construct {
  /** Each worker's queue and dead-letter queue (alarms watch the dead letters). */
  readonly queues = new Map<StreamGroup, { queue: sqs.Queue; deadLetters: sqs.Queue }>();
  /** Where the router notes stream batches it could not queue. */
  readonly routerDeadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: AtharWorkersProps) {
    super(scope, id);
    const encryptedQueue = (queueId: string, options: sqs.QueueProps = {}) =>
      new sqs.Queue(this, queueId, {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        ...options,
      });

    const entries = Object.entries(HANDLER_GROUPS) as [HandlerGroup, (typeof HANDLER_GROUPS)[HandlerGroup]][];
    for (const [group, definition] of entries) {
      const fn = props.functions[group];
      if (!("stream" in definition)) continue;
      const { stream } = definition;
      const deadLetters = encryptedQueue(`${group}DeadLetters`, { retentionPeriod: DEAD_LETTER_RETENTION });
      acknowledgeFindings(deadLetters, {
        "AwsSolutions-SQS3": "This is the dead-letter queue itself (of the worker's queue).",
      });
      const queue = encryptedQueue(`${group}Queue`, {
        // AWS's advice for a Lambda-fed queue: six times the function's timeout.
        visibilityTimeout: fn.timeout ? Duration.seconds(fn.timeout.toSeconds() * 6) : Duration.minutes(1),
        deadLetterQueue: { queue: deadLetters, maxReceiveCount: MAX_RECEIVES },
      });
      this.queues.set(group as StreamGroup, { queue, deadLetters });
      fn.addEventSource(
        new SqsEventSource(queue, {
          batchSize: stream.batchSize,
          // More than ten messages a batch need a batching window.
          ...(stream.batchSize > 10 ? { maxBatchingWindow: Duration.seconds(1) } : {}),
          reportBatchItemFailures: true,
        }),
      );
      if ("scheduleMinutes" in stream) {
        new events.Rule(this, `${group}Schedule`, {
          description: `Athar: ${definition.description} (catch-up)`,
          schedule: events.Schedule.rate(Duration.minutes(stream.scheduleMinutes)),
          targets: [new targets.LambdaFunction(fn)],
        });
      }
    }

    this.routerDeadLetters = encryptedQueue("RouterDeadLetters", { retentionPeriod: DEAD_LETTER_RETENTION });
    acknowledgeFindings(this.routerDeadLetters, {
      "AwsSolutions-SQS3":
        "This is where the stream router's event source mapping notes batches it gave up on: a destination, " +
        "not a queue anything reads from.",
    });
    for (const [group, definition] of entries) {
      if (!("routesStream" in definition)) continue;
      const router = props.functions[group];
      const workers = [...this.queues];
      router.addEnvironment(
        "WORKER_QUEUE_URLS",
        Stack.of(this).toJsonString(
          Object.fromEntries(workers.map(([worker, { queue }]) => [worker, queue.queueUrl])),
        ),
      );
      for (const [, { queue }] of workers) queue.grantSendMessages(router);
      router.addEventSource(
        new DynamoEventSource(props.table, {
          startingPosition: lambda.StartingPosition.TRIM_HORIZON,
          batchSize: definition.routesStream.batchSize,
          maxBatchingWindow: Duration.seconds(1),
          // Only what some worker wants: the workers' own filters, merged where they differ in one list
          // (Lambda allows five to a mapping); the router then sends each worker exactly its own.
          filters: mergedFilters(workers.map(([worker]) => HANDLER_GROUPS[worker].stream.filter)).map(
            (filter) => lambda.FilterCriteria.filter(filter as Record<string, unknown>),
          ),
          bisectBatchOnError: true,
          retryAttempts: 5,
          // The stream keeps records a day; a batch still failing after six hours is noted and left.
          maxRecordAge: Duration.hours(6),
          onFailure: new SqsDlq(this.routerDeadLetters),
        }),
      );
    }
  }
}
