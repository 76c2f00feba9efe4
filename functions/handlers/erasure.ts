import { z } from "zod/mini";
import { loadConfig } from "../config.ts";
import { eraseDonor } from "../domain/erasure/erasure.ts";
import { logger } from "../http/logger.ts";
import { createStreamWorker } from "../streams/worker.ts";
import { createErasureStore } from "../table/erasure/erasure-store.ts";
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

async function erase(donorId: string): Promise<void> {
  const { donations } = await eraseDonor(deps, donorId);
  logger.info("donor erased", { donorId, donations });
}

/**
 * Woken by erasure requests (from its queue, fed by the table's stream), and by a schedule that finishes
 * any a failed run left (each step is idempotent). Logs only the hashed donor id.
 */
export const handler = createStreamWorker({
  name: "erasure",
  image: "NewImage",
  item: z.object({ donorId: z.string().check(z.startsWith("dnr_")) }),
  handle: async ([request]) => {
    await erase(request.donorId);
  },
  async onSchedule() {
    for (const donorId of await deps.store.pending(PENDING_PER_RUN)) await erase(donorId);
  },
});
