import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBStreamEvent, ScheduledEvent } from "aws-lambda";
import { loadConfig } from "../config.ts";
import { eraseDonor } from "../domain/erasure.ts";
import { logger } from "../http/logger.ts";
import { createErasureStore } from "../table/erasure-store.ts";
import { documentClient, paymentGateway, systemClock } from "./wiring.ts";

const config = loadConfig();
const deps = {
  store: createErasureStore(documentClient(config), config.TABLE_NAME),
  payments: await paymentGateway(config),
  clock: systemClock,
  timeZone: config.COUNCIL_TIME_ZONE,
};

/** Requests a schedule run picks up at most, oldest first (the stream normally handles each at once). */
const PENDING_PER_RUN = 25;

function donorsOf(event: DynamoDBStreamEvent): string[] {
  const donors = new Set<string>();
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (image) donors.add(String(unmarshall(image as Parameters<typeof unmarshall>[0]).donorId));
  }
  return [...donors].filter((donorId) => donorId.startsWith("dnr_"));
}

/**
 * Woken by erasure requests on the table's stream, and by a schedule that finishes any a failed run left
 * (each step is idempotent). Logs only the hashed donor id.
 */
export async function handler(event: DynamoDBStreamEvent | ScheduledEvent): Promise<void> {
  const donors = "Records" in event ? donorsOf(event) : await deps.store.pending(PENDING_PER_RUN);
  for (const donorId of donors) {
    const { donations } = await eraseDonor(deps, donorId);
    logger.info("donor erased", { donorId, donations });
  }
}
