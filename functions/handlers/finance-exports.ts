import { z } from "zod/mini";
import { loadConfig } from "../config.ts";
import { type ExportWorkerDeps, runExportJob } from "../domain/finance/exports/build.ts";
import { logger } from "../http/logger.ts";
import { createStreamWorker } from "../streams/worker.ts";
import { booksStore, exportFiles, exportStore, systemClock } from "./wiring.ts";

const config = loadConfig();
const store = exportStore(config);
const deps: ExportWorkerDeps = {
  jobs: store,
  source: store,
  files: exportFiles(config),
  funds: booksStore(config),
  clock: systemClock,
  timeZone: config.COUNCIL_TIME_ZONE,
};

type ExportJob = NonNullable<Awaited<ReturnType<typeof store.findExportJob>>>;

async function build(job: ExportJob): Promise<void> {
  if (job.status === "done" || job.status === "failed") return;
  const finished = await runExportJob(deps, job);
  const outcome = { exportId: job.exportId, kind: job.kind, format: job.format, rows: finished.rows };
  if (finished.status === "done") logger.info("export built", outcome);
  else logger.error("export failed", { ...outcome, error: finished.error });
}

/**
 * Woken by a new export job (from its queue, fed by the table's stream), and by a schedule that picks up
 * jobs a failed run left unfinished. Building a file again writes the same file, so overlapping runs are
 * harmless.
 */
export const handler = createStreamWorker({
  name: "export",
  image: "NewImage",
  item: z.object({ exportId: z.string() }),
  async handle([request]) {
    const job = await store.findExportJob(request.exportId);
    if (job) await build(job);
  },
  async onSchedule() {
    for (const job of await store.pendingExportJobs()) await build(job);
  },
});
