import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBStreamEvent, ScheduledEvent } from "aws-lambda";
import { loadConfig } from "../config.ts";
import { type ImportDeps, runImportJob } from "../domain/reconciliation-import.ts";
import { logger } from "../http/logger.ts";
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

/** The jobs a batch of stream records announces (new import items). */
function jobIdsOf(event: DynamoDBStreamEvent): string[] {
  return event.Records.flatMap((record) => {
    const image = record.dynamodb?.NewImage;
    const job = image ? unmarshall(image as Parameters<typeof unmarshall>[0]) : undefined;
    return typeof job?.jobId === "string" ? [job.jobId] : [];
  });
}

/**
 * Woken by a new import job on the table's stream, and by a schedule that picks up jobs a failed run left
 * unfinished. Importing is idempotent (a payout imported already is skipped), so overlapping runs are safe.
 */
export async function handler(event: DynamoDBStreamEvent | ScheduledEvent): Promise<void> {
  const jobs =
    "Records" in event
      ? (await Promise.all(jobIdsOf(event).map((jobId) => store.findImportJob(jobId)))).flatMap(
          (job) => job ?? [],
        )
      : await store.pendingImportJobs();
  for (const job of jobs) {
    if (job.status === "done" || job.status === "failed") continue;
    try {
      const done = await runImportJob(deps, job);
      logger.info("payouts imported", { jobId: job.jobId, ...done.progress });
    } catch (error) {
      logger.error("payout import failed", { jobId: job.jobId, error: (error as Error).message });
    }
  }
}
