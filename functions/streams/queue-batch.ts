/**
 * A worker's batch from its queue: SQS messages whose bodies are the table's stream records (as the
 * router sent them). Workers answer with a partial batch response: the messages whose handling failed are
 * retried by SQS, up to the queue's receive limit, and then kept in its dead-letter queue for a redrive.
 */
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord, ScheduledEvent, SQSBatchResponse, SQSEvent } from "aws-lambda";

/** Deliveries of a message before its queue moves it to the dead-letter queue (SQS's maxReceiveCount). */
export const MAX_RECEIVES = 5;

export interface QueuedRecord {
  messageId: string;
  record: DynamoDBRecord;
}

export const isQueueBatch = (event: SQSEvent | ScheduledEvent): event is SQSEvent => "Records" in event;

export function queuedRecords(event: SQSEvent): QueuedRecord[] {
  return event.Records.map((message) => ({
    messageId: message.messageId,
    record: JSON.parse(message.body) as DynamoDBRecord,
  }));
}

/** The item a record carries (its NewImage, or OldImage for a removal), as plain values. */
export function itemOf<T>(record: DynamoDBRecord, which: "NewImage" | "OldImage"): T | undefined {
  const image = record.dynamodb?.[which];
  return image ? (unmarshall(image as Parameters<typeof unmarshall>[0]) as T) : undefined;
}

/**
 * Each record on its own: those whose handling throws are reported, so that only they are retried.
 * `onFailure` logs what failed (never personal data).
 */
export async function forEachRecord(
  event: SQSEvent,
  handle: (record: DynamoDBRecord) => Promise<void>,
  onFailure: (messageId: string, error: unknown) => void,
): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse["batchItemFailures"] = [];
  for (const { messageId, record } of queuedRecords(event)) {
    try {
      await handle(record);
    } catch (error) {
      onFailure(messageId, error);
      batchItemFailures.push({ itemIdentifier: messageId });
    }
  }
  return { batchItemFailures };
}

/** For workers the records only wake: one pass for the whole batch; if it throws, every message is retried. */
export async function forWholeBatch(
  event: SQSEvent,
  handle: (records: DynamoDBRecord[]) => Promise<void>,
  onFailure: (error: unknown) => void,
): Promise<SQSBatchResponse> {
  const queued = queuedRecords(event);
  try {
    await handle(queued.map(({ record }) => record));
    return { batchItemFailures: [] };
  } catch (error) {
    onFailure(error);
    return { batchItemFailures: queued.map(({ messageId }) => ({ itemIdentifier: messageId })) };
  }
}
