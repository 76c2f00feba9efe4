import type { ExportView } from "../../../../contract/finance/exports.ts";
import type { LedgerEntry, PayoutSummary } from "../../../../contract/finance/reconciliation.ts";

/**
 * An export job: the API writes it, the export worker (woken by its INSERT) builds the file. The console
 * sees it as an ExportView, without who asked and with a download link once it is done.
 */
export interface ExportJob extends Omit<ExportView, "downloadUrl"> {
  requestedBy: string;
}

export interface ExportJobStore {
  createExportJob(job: ExportJob): Promise<void>;
  findExportJob(exportId: string): Promise<ExportJob | undefined>;
  updateExportJob(job: ExportJob): Promise<void>;
  /** Jobs not finished (gsi2), oldest first, for the worker's catch-up schedule. */
  pendingExportJobs(): Promise<ExportJob[]>;
}

/** A ledger entry with what an export states of it. */
export interface ExportLedgerEntry extends LedgerEntry {
  movementId: string;
  interval?: string;
}

/** The donor as the donation item holds them now (blank once erased). */
export interface ExportDonor {
  name: string;
  email: string;
}

/** What the export worker reads: every read is a job's, never a request's. */
export interface ExportSource {
  /** Ledger entries whose `at` is from `fromAt` to `toAt` (inclusive, ISO prefixes), month by month in gsi1. */
  ledgerBetween(fromAt: string, toAt: string): Promise<ExportLedgerEntry[]>;
  /** The donors of these donations (BatchGet). */
  donorsOf(donationIds: readonly string[]): Promise<Map<string, ExportDonor>>;
  /** Imported payouts created from `fromAt` to `toAt` (gsi1). */
  payoutsBetween(fromAt: string, toAt: string): Promise<PayoutSummary[]>;
}

/** Where export files are kept: a folder locally, an S3 bucket in AWS (functions/adapters/export-files-*.ts). */
export interface ExportFiles {
  save(name: string, body: Uint8Array, contentType: string): Promise<void>;
  /** The file's bytes, or, where the store can hand out one, a short-lived URL to fetch it from. */
  open(
    name: string,
    download: { fileName: string; contentType: string },
  ): Promise<{ body: Uint8Array } | { url: string } | undefined>;
}

export const entryKey = (entry: Pick<ExportLedgerEntry, "donationId" | "movementId">) =>
  `${entry.donationId}#${entry.movementId}`;
