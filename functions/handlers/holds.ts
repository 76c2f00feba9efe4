import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBStreamEvent, ScheduledEvent } from "aws-lambda";
import { loadConfig } from "../config.ts";
import { sweepAdoptions } from "../domain/adoption.ts";
import type { AdoptionDetails } from "../domain/ports.ts";
import { logger } from "../http/logger.ts";
import { inventoryStore, systemClock } from "./wiring.ts";

const config = loadConfig();
const deps = { inventory: inventoryStore(config), clock: systemClock };

/**
 * Every minute, the sweep gives back units of expired holds and ended sponsorships; and when the table's
 * TTL deletes a hold first, its stream record (filtered to TTL deletions of holds) gives its units back.
 */
export async function handler(event: DynamoDBStreamEvent | ScheduledEvent): Promise<void> {
  if ("Records" in event) {
    let returned = 0;
    for (const record of event.Records) {
      const image = record.dynamodb?.OldImage;
      if (!image) continue;
      const hold = unmarshall(image as Parameters<typeof unmarshall>[0]) as {
        donationId: string;
        adoption: AdoptionDetails;
      };
      if (await deps.inventory.returnExpiredHold(hold.donationId, hold.adoption)) returned += 1;
    }
    if (returned > 0) logger.info("units of holds removed by TTL returned", { returned });
    return;
  }
  const { released, ended } = await sweepAdoptions(deps);
  if (released + ended > 0) logger.info("adoption sweep", { released, ended });
}
