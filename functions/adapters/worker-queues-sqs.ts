/**
 * The workers' queues in AWS (SQS): the stream router sends each worker its records, ten to a
 * SendMessageBatch. A message that SQS did not take fails the router's batch, so the event source mapping
 * retries it (bisecting) and finally records it in the router's dead-letter queue.
 */
import { SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { DynamoDBRecord } from "aws-lambda";
import type { StreamGroup } from "../routes.ts";

export interface WorkerQueues {
  send(group: StreamGroup, records: readonly DynamoDBRecord[]): Promise<void>;
}

const PER_CALL = 10;

export function createSqsWorkerQueues(
  urls: Partial<Record<StreamGroup, string>>,
  client: Pick<SQSClient, "send"> = new SQSClient({}),
): WorkerQueues {
  return {
    async send(group, records) {
      const url = urls[group];
      if (!url) throw new Error(`No queue for the ${group} worker`);
      for (let start = 0; start < records.length; start += PER_CALL) {
        const entries = records.slice(start, start + PER_CALL).map((record, index) => ({
          // Unique within one call; the stream's sequence number identifies the record itself.
          Id: String(index),
          MessageBody: JSON.stringify(record),
        }));
        const { Failed = [] } = await client.send(
          new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }),
        );
        if (Failed.length > 0) {
          throw new Error(
            `${Failed.length} of ${entries.length} records not queued for ${group}: ${Failed.map((f) => f.Code).join(", ")}`,
          );
        }
      }
    },
  };
}
