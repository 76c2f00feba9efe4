/**
 * The handler groups that run without a donor waiting (functions/routes.ts `stream`): fed by the table's
 * stream (local/stream-poller.ts) and run on their schedule, as Lambda's event source mapping and an
 * EventBridge rule run them in AWS. Their DynamoDB calls are counted like an HTTP request's.
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { DynamoDBStreamEvent, ScheduledEvent } from "aws-lambda";
import { withCallCounting } from "../functions/adapters/call-counter.ts";
import { HANDLER_GROUPS, type StreamGroup } from "../functions/routes.ts";
import type { StreamConsumer } from "./stream-poller.ts";

type WorkerHandler = (event: DynamoDBStreamEvent | ScheduledEvent) => Promise<unknown>;

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
  const timers: NodeJS.Timeout[] = [];

  const invoke = async (group: StreamGroup, event: DynamoDBStreamEvent | ScheduledEvent) => {
    const handler = handlers.get(group);
    if (!handler) throw new Error(`No worker ${group}`);
    const { result, dynamodbActions } = await withCallCounting(() => handler(event));
    for (const action of dynamodbActions) actions.get(group)?.add(action);
    return result;
  };

  const consumers: StreamConsumer[] = [];
  for (const [name, definition] of Object.entries(HANDLER_GROUPS)) {
    if (!("stream" in definition)) continue;
    const group = name as StreamGroup;
    const module = (await import(pathToFileURL(join(repoRoot, definition.entry)).href)) as {
      handler: WorkerHandler;
    };
    handlers.set(group, module.handler);
    actions.set(group, new Set());
    const { filter, batchSize } = definition.stream;
    consumers.push({ name: group, filter, batchSize, handler: (event) => invoke(group, event) });
  }

  return {
    consumers,
    /** Runs a group as its schedule would, now. */
    runScheduled: (group: StreamGroup) => invoke(group, scheduledEvent(group)),
    /** Hands a group stream records as the event source mapping would (tests use it for what DynamoDB Local cannot produce, such as TTL deletions). */
    deliver: (group: StreamGroup, event: DynamoDBStreamEvent) => invoke(group, event),
    actions: (group: StreamGroup) => [...(actions.get(group) ?? [])].sort(),
    /** Every group on its own schedule, as EventBridge runs them in AWS. */
    startSchedules() {
      for (const group of handlers.keys()) {
        const minutes = HANDLER_GROUPS[group].stream.scheduleMinutes;
        const timer = setInterval(() => {
          invoke(group, scheduledEvent(group)).catch((error) =>
            console.error(`schedule: ${group} failed:`, error),
          );
        }, minutes * 60_000);
        timer.unref();
        timers.push(timer);
      }
    },
    stopSchedules() {
      for (const timer of timers) clearInterval(timer);
    },
  };
}
