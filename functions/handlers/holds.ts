import type { ScheduledEvent, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { loadConfig } from "../config.ts";
import { sweepAdoptions } from "../domain/adoption/adoption.ts";
import type { AdoptionDetails } from "../domain/ports.ts";
import { logger } from "../http/logger.ts";
import { forEachRecord, isQueueBatch, itemOf } from "../streams/queue-batch.ts";
import { inventoryStore, systemClock } from "./wiring.ts";

const config = loadConfig();
const deps = { inventory: inventoryStore(config), clock: systemClock };

/**
 * Every minute, the sweep gives back units of expired holds and ended sponsorships; and when the table's
 * TTL deletes a hold first, its stream record (filtered to TTL deletions of holds, through this worker's
 * queue) gives its units back, once: a record that fails is retried alone, then kept in the dead-letter
 * queue, since no sweep can find a hold the TTL has deleted.
 */
export async function handler(event: SQSEvent | ScheduledEvent): Promise<SQSBatchResponse | undefined> {
  if (isQueueBatch(event)) {
    let returned = 0;
    const response = await forEachRecord(
      event,
      async (record) => {
        const hold = itemOf<{ donationId: string; adoption: AdoptionDetails }>(record, "OldImage");
        if (hold && (await deps.inventory.returnExpiredHold(hold.donationId, hold.adoption))) returned += 1;
      },
      (messageId, error) => logger.error("hold message failed", { messageId, error: (error as Error).name }),
    );
    if (returned > 0) logger.info("units of holds removed by TTL returned", { returned });
    return response;
  }
  const { released, ended } = await sweepAdoptions(deps);
  if (released + ended > 0) logger.info("adoption sweep", { released, ended });
  return undefined;
}
