/**
 * A worker's batch from its queue: SQS messages whose bodies are the table's stream records (as the
 * router sent them), read by functions/streams/worker.ts, which answers with a partial batch response.
 */
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord, ScheduledEvent, SQSEvent } from "aws-lambda";

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
