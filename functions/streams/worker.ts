/**
 * The one shape of a stream worker (the `stream` groups of functions/routes.ts): its queue's batch of the
 * table's stream records, each read back with the worker's zod schema of the item, handled in groups (by
 * default each record alone; a worker the records only wake groups them by what they wake, such as a
 * receipt year), with one failure policy: a group that throws, or a record that does not parse, fails only
 * its own messages (partial batch response), which SQS delivers again and in the end keeps in the worker's
 * dead-letter queue. A schedule, when the group has one, runs `onSchedule`. Lambda's context goes into
 * every log line; a failure is logged with the message ids and the error's name, never the record.
 */
import type { Context, ScheduledEvent, SQSBatchResponse, SQSEvent } from "aws-lambda";
import type { z } from "zod/mini";
import { logger } from "../http/logger.ts";
import { isQueueBatch, itemOf, queuedRecords } from "./queue-batch.ts";

export interface StreamWorkerSpec<T> {
  /** What the worker is, in its log lines ("receipt", "erasure"...). */
  name: string;
  /** The record's image the item is read from: NewImage for inserts and changes, OldImage for removals. */
  image: "NewImage" | "OldImage";
  item: z.ZodMiniType<T>;
  /** Records with the same key are handled together, once; each alone when omitted. */
  groupBy?: (item: T) => string;
  /** A group's items, never empty: the first is the one a worker without `groupBy` handles. */
  handle: (items: [T, ...T[]]) => Promise<void>;
  /** The catch-up schedule's run (functions/routes.ts `scheduleMinutes`). */
  onSchedule?: () => Promise<void>;
}

export type StreamWorkerHandler = (
  event: SQSEvent | ScheduledEvent,
  context?: Context,
) => Promise<SQSBatchResponse | undefined>;

export function createStreamWorker<T>(spec: StreamWorkerSpec<T>): StreamWorkerHandler {
  return async (event, context) => {
    if (context) logger.addContext(context);
    if (!isQueueBatch(event)) {
      if (!spec.onSchedule) throw new Error(`The ${spec.name} worker has no schedule`);
      await spec.onSchedule();
      return undefined;
    }
    const failed: string[] = [];
    const groups = new Map<string, { messageIds: string[]; items: [T, ...T[]] }>();
    for (const { messageId, record } of queuedRecords(event)) {
      const parsed = spec.item.safeParse(itemOf(record, spec.image));
      if (!parsed.success) {
        logger.error(`${spec.name} record unreadable`, { messageId });
        failed.push(messageId);
        continue;
      }
      const key = spec.groupBy ? spec.groupBy(parsed.data) : messageId;
      const group = groups.get(key);
      if (group) {
        group.messageIds.push(messageId);
        group.items.push(parsed.data);
      } else groups.set(key, { messageIds: [messageId], items: [parsed.data] });
    }
    for (const { messageIds, items } of groups.values()) {
      try {
        await spec.handle(items);
      } catch (error) {
        logger.error(`${spec.name} records failed`, { messageIds, error: (error as Error).name });
        failed.push(...messageIds);
      }
    }
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}
