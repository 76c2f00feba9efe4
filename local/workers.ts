/**
 * The handler groups that run without a donor waiting (functions/routes.ts `stream`), as AWS runs them:
 * the table stream's records are routed (functions/streams/routing.ts, as the stream router Lambda routes
 * them) into each worker's queue (local/worker-queues.ts, standing in for SQS with its retries and
 * dead-letter queue), and each worker also runs on its schedule, as an EventBridge rule runs it. Their
 * DynamoDB calls are counted like an HTTP request's.
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type {
  DynamoDBRecord,
  DynamoDBStreamEvent,
  ScheduledEvent,
  SQSBatchResponse,
  SQSEvent,
} from "aws-lambda";
import { withCallCounting } from "../functions/adapters/call-counter.ts";
import { HANDLER_GROUPS, type StreamGroup } from "../functions/routes.ts";
import { MAX_RECEIVES } from "../functions/streams/queue-batch.ts";
import { routeStreamRecords } from "../functions/streams/routing.ts";
import { createWorkerQueue, type WorkerQueue } from "./worker-queues.ts";

type WorkerHandler = (event: SQSEvent | ScheduledEvent) => Promise<SQSBatchResponse | undefined>;

/** The visibility timeout after a failed delivery, a short one for local runs. */
const RETRY_DELAY_MS = 100;

function scheduledEvent(group: string): ScheduledEvent {
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": "Scheduled Event",
    source: "aws.events",
    account: "000000000000",
    time: new Date().toISOString(),
    region: "local",
    resources: [`arn:aws:events:local:000000000000:rule/athar-${group}`],
    detail: {},
  };
}

export async function loadWorkers(repoRoot: string) {
  const handlers = new Map<StreamGroup, WorkerHandler>();
  const actions = new Map<StreamGroup, Set<string>>();
  const queues = new Map<StreamGroup, WorkerQueue>();
  const timers: NodeJS.Timeout[] = [];

  const invoke = async (group: StreamGroup, event: SQSEvent | ScheduledEvent) => {
    const handler = handlers.get(group);
    if (!handler) throw new Error(`No worker ${group}`);
    const { result, dynamodbActions } = await withCallCounting(() => handler(event));
    for (const action of dynamodbActions) actions.get(group)?.add(action);
    return result;
  };

  for (const [name, definition] of Object.entries(HANDLER_GROUPS)) {
    if (!("stream" in definition)) continue;
    const group = name as StreamGroup;
    const module = (await import(pathToFileURL(join(repoRoot, definition.entry)).href)) as {
      handler: WorkerHandler;
    };
    handlers.set(group, module.handler);
    actions.set(group, new Set());
    queues.set(
      group,
      createWorkerQueue((event) => invoke(group, event), {
        batchSize: definition.stream.batchSize,
        maxReceives: MAX_RECEIVES,
        retryDelayMs: RETRY_DELAY_MS,
        onError: (error) => console.error(`queue: ${group} failed:`, error),
      }),
    );
  }
  const queueOf = (group: StreamGroup) => {
    const queue = queues.get(group);
    if (!queue) throw new Error(`No queue for ${group}`);
    return queue;
  };
  const idle = () => Promise.all([...queues.values()].map((queue) => queue.idle())).then(() => undefined);
  const isIdle = () => [...queues.values()].every((queue) => queue.isIdle());

  return {
    /** What the stream router does with a batch of the table's stream records. */
    route(records: readonly DynamoDBRecord[]) {
      for (const [group, routed] of routeStreamRecords(records)) queueOf(group).send(routed);
    },
    /** Resolves once every queue is empty, nothing in flight or waiting to be retried. */
    idle,
    isIdle,
    /** Runs a group as its schedule would, now. */
    runScheduled: (group: StreamGroup) => {
      if (!("scheduleMinutes" in HANDLER_GROUPS[group].stream)) throw new Error(`${group} has no schedule`);
      return invoke(group, scheduledEvent(group));
    },
    /**
     * Puts stream records in a group's queue, as the router would, and waits until they are handled (tests
     * use it for what DynamoDB Local cannot produce, such as TTL deletions).
     */
    async deliver(group: StreamGroup, event: DynamoDBStreamEvent) {
      queueOf(group).send(event.Records);
      await idle();
    },
    /** The records a group's queue gave up on (its dead-letter queue), and a redrive of them. */
    deadLetters: (group: StreamGroup) => queueOf(group).deadLetters(),
    redrive: (group: StreamGroup) => queueOf(group).redrive(),
    actions: (group: StreamGroup) => [...(actions.get(group) ?? [])].sort(),
    /** Every group on its own schedule, as EventBridge runs them in AWS. */
    startSchedules() {
      for (const group of handlers.keys()) {
        const { stream } = HANDLER_GROUPS[group];
        if (!("scheduleMinutes" in stream)) continue;
        const minutes = stream.scheduleMinutes;
        const timer = setInterval(() => {
          invoke(group, scheduledEvent(group)).catch((error) =>
            console.error(`schedule: ${group} failed:`, error),
          );
        }, minutes * 60_000);
        timer.unref();
        timers.push(timer);
      }
    },
    stop() {
      for (const timer of timers) clearInterval(timer);
      for (const queue of queues.values()) queue.stop();
    },
  };
}
