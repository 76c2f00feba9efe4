import { z } from "zod/mini";
import { loadConfig } from "../config.ts";
import { sweepAdoptions } from "../domain/adoption/adoption.ts";
import type { AdoptionDetails } from "../domain/model.ts";
import { logger } from "../http/logger.ts";
import { createStreamWorker } from "../streams/worker.ts";
import { inventoryStore, systemClock } from "./wiring.ts";

const config = loadConfig();
const deps = { inventory: inventoryStore(config), clock: systemClock };

/**
 * Every minute, the sweep gives back units of expired holds and ended sponsorships; and when the table's
 * TTL deletes a hold first, its stream record (filtered to TTL deletions of holds, through this worker's
 * queue) gives its units back, once: a record that fails is retried alone, then kept in the dead-letter
 * queue, since no sweep can find a hold the TTL has deleted.
 */
export const handler = createStreamWorker({
  name: "hold",
  image: "OldImage",
  item: z.object({
    donationId: z.string(),
    adoption: z.custom<AdoptionDetails>((value) => typeof value === "object" && value !== null),
  }),
  async handle([hold]) {
    if (await deps.inventory.returnExpiredHold(hold.donationId, hold.adoption))
      logger.info("units of a hold removed by TTL returned", { donationId: hold.donationId });
  },
  async onSchedule() {
    const { released, ended } = await sweepAdoptions(deps);
    if (released + ended > 0) logger.info("adoption sweep", { released, ended });
  },
});
