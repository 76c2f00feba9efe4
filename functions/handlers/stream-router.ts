import type { DynamoDBStreamEvent } from "aws-lambda";
import { loadConfig } from "../config.ts";
import { logger } from "../http/logger.ts";
import { routeStreamRecords } from "../streams/routing.ts";
import { workerQueues } from "./wiring.ts";

const config = loadConfig();
const queues = workerQueues(config);

/**
 * The table stream's one consumer: sends each record to the queue of every worker whose filter it matches
 * (the event source mapping's filters already drop records no worker wants). A failure throws, so the
 * mapping retries the batch, bisecting it, and in the end records it in the router's dead-letter queue.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<void> {
  const routed = routeStreamRecords(event.Records);
  for (const [group, records] of routed) await queues.send(group, records);
  logger.info("stream records routed", {
    records: event.Records.length,
    ...Object.fromEntries([...routed].map(([group, records]) => [group, records.length])),
  });
}
