/**
 * The one reader of the table's stream (functions/handlers/stream-router.ts in AWS, local/stream-poller.ts
 * locally) hands each record to the queue of every worker whose filter it matches. One consumer per shard,
 * as AWS advises, instead of one event source mapping per worker; the queues then give each worker its own
 * retries and dead-letter queue.
 */
import type { DynamoDBRecord } from "aws-lambda";
import { HANDLER_GROUPS, type StreamGroup, type StreamRecordFilter } from "../routes.ts";

/** Lambda's filter semantics for exact-match lists: every field named must match one listed value. */
export function matchesFilter(value: unknown, filter: StreamRecordFilter): boolean {
  return Object.entries(filter).every(([field, expected]) => {
    const actual = (value as Record<string, unknown> | undefined)?.[field];
    return Array.isArray(expected)
      ? (expected as readonly string[]).includes(actual as string)
      : matchesFilter(actual, expected as StreamRecordFilter);
  });
}

/** The workers the stream feeds, with the filters that pick their records. */
export const STREAM_WORKERS = Object.entries(HANDLER_GROUPS).flatMap(([group, definition]) =>
  "stream" in definition ? [{ group: group as StreamGroup, filter: definition.stream.filter }] : [],
);

/** Each worker's records of a batch, in stream order; workers with none are left out. */
export function routeStreamRecords(records: readonly DynamoDBRecord[]): Map<StreamGroup, DynamoDBRecord[]> {
  const routed = new Map<StreamGroup, DynamoDBRecord[]>();
  for (const { group, filter } of STREAM_WORKERS) {
    const matching = records.filter((record) => matchesFilter(record, filter));
    if (matching.length > 0) routed.set(group, matching);
  }
  return routed;
}
