import { z } from "zod/mini";
import type { ImportJob } from "../../contract/finance/reconciliation.ts";
import { loadConfig } from "../config.ts";
import { type ImportDeps, runImportJob } from "../domain/finance/reconciliation/import.ts";
import { logger } from "../http/logger.ts";
import { createStreamWorker } from "../streams/worker.ts";
import { createCatalog, payoutSource, reconciliationStore, systemClock } from "./wiring.ts";

const config = loadConfig();
const store = reconciliationStore(config);
const deps: ImportDeps = {
  source: await payoutSource(config),
  store,
  feeRates: createCatalog().council().giving.processingFee,
  clock: systemClock,
  timeZone: config.COUNCIL_TIME_ZONE,
};

async function runJob(job: ImportJob): Promise<void> {
  if (job.status === "done" || job.status === "failed") return;
  try {
    const done = await runImportJob(deps, job);
    logger.info("payouts imported", { jobId: job.jobId, ...done.progress });
  } catch (error) {
    // The job records its failure; a redelivery would fail the same way.
    logger.error("payout import failed", { jobId: job.jobId, error: (error as Error).message });
  }
}

/**
 * Woken by a new import job (from its queue, fed by the table's stream), and by a schedule that picks up
 * jobs a failed run left unfinished. Importing is idempotent (a payout imported already is skipped), so
 * overlapping runs are safe.
 */
export const handler = createStreamWorker({
  name: "import",
  image: "NewImage",
  item: z.object({ jobId: z.string() }),
  async handle([request]) {
    const job = await store.findImportJob(request.jobId);
    if (job) await runJob(job);
  },
  async onSchedule() {
    for (const job of await store.pendingImportJobs()) await runJob(job);
  },
});
