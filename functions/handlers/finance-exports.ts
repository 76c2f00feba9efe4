import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBStreamEvent, ScheduledEvent } from "aws-lambda";
import { loadConfig } from "../config.ts";
import { type ExportWorkerDeps, runExportJob } from "../domain/export-build.ts";
import { logger } from "../http/logger.ts";
import { exportFiles, exportStore, systemClock } from "./wiring.ts";

const config = loadConfig();
const store = exportStore(config);
const deps: ExportWorkerDeps = {
  jobs: store,
  source: store,
  files: exportFiles(config),
  clock: systemClock,
  timeZone: config.COUNCIL_TIME_ZONE,
};

/** The exports a batch of stream records announces (new export jobs). */
function exportIdsOf(event: DynamoDBStreamEvent): string[] {
  return event.Records.flatMap((record) => {
    const image = record.dynamodb?.NewImage;
    const job = image ? unmarshall(image as Parameters<typeof unmarshall>[0]) : undefined;
    return typeof job?.exportId === "string" ? [job.exportId] : [];
  });
}

/**
 * Woken by a new export job on the table's stream, and by a schedule that picks up jobs a failed run
 * left unfinished. Building a file again writes the same file, so overlapping runs are harmless.
 */
export async function handler(event: DynamoDBStreamEvent | ScheduledEvent): Promise<void> {
  const jobs =
    "Records" in event
      ? (await Promise.all(exportIdsOf(event).map((id) => store.findExportJob(id)))).flatMap(
          (job) => job ?? [],
        )
      : await store.pendingExportJobs();
  for (const job of jobs) {
    if (job.status === "done" || job.status === "failed") continue;
    const finished = await runExportJob(deps, job);
    const outcome = { exportId: job.exportId, kind: job.kind, format: job.format, rows: finished.rows };
    if (finished.status === "done") logger.info("export built", outcome);
    else logger.error("export failed", { ...outcome, error: finished.error });
  }
}
