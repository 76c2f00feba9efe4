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

const isList = (value: StreamRecordFilter | readonly string[]): value is readonly string[] =>
  Array.isArray(value);

/**
 * `b` merged into `a` when the two have the same fields everywhere and differ in at most one list: the
 * union of their lists there. Such a merge matches exactly the records either matches, no more.
 */
function mergeOne(a: StreamRecordFilter, b: StreamRecordFilter): StreamRecordFilter | undefined {
  const fields = Object.keys(a);
  if (fields.length !== Object.keys(b).length || !fields.every((field) => field in b)) return undefined;
  let differing = 0;
  const merged: Record<string, StreamRecordFilter | readonly string[]> = {};
  for (const field of fields) {
    const [left, right] = [a[field], b[field]] as [
      StreamRecordFilter | readonly string[],
      StreamRecordFilter | readonly string[],
    ];
    if (JSON.stringify(left) === JSON.stringify(right)) {
      merged[field] = left;
      continue;
    }
    differing += 1;
    if (differing > 1) return undefined;
    if (isList(left) && isList(right)) merged[field] = [...new Set([...left, ...right])];
    else if (!isList(left) && !isList(right)) {
      const inner = mergeOne(left, right);
      if (!inner) return undefined;
      merged[field] = inner;
    } else return undefined;
  }
  return merged;
}

/**
 * The fewest filters that match exactly what the given ones match, merging those that differ in one list
 * (an entity name, say): the stream router's event source mapping takes five at most.
 */
export function mergedFilters(filters: readonly StreamRecordFilter[]): StreamRecordFilter[] {
  const merged: StreamRecordFilter[] = [];
  for (const filter of filters) {
    const index = merged.findIndex((kept) => mergeOne(kept, filter));
    if (index < 0) merged.push(filter);
    else merged[index] = mergeOne(merged[index] as StreamRecordFilter, filter) as StreamRecordFilter;
  }
  return merged;
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
