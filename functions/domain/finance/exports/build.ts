import type { Locale } from "../../../../content/locales.ts";
import type { ExportRange } from "../../../../contract/finance/exports.ts";
import {
  COLUMNS,
  type ExportKind,
  type ExportRow,
  type ExportTable,
} from "../../../../contract/finance/exports.ts";
import { councilDay, hijriDay } from "../../../exports/cells.ts";
import { label, SHEET_NAMES } from "../../../exports/labels.ts";
import { CONTENT_TYPES, writeCsv, writeXlsx } from "../../../exports/writers.ts";
import { addDays } from "../../calendars.ts";
import type { Clock } from "../../ports.ts";
import { type FundsStore, fundBalancesOf } from "../funds/funds.ts";
import {
  type ExportDonor,
  type ExportFiles,
  type ExportJob,
  type ExportJobStore,
  type ExportSource,
  entryKey,
} from "./ports.ts";

export interface ExportWorkerDeps {
  jobs: ExportJobStore;
  source: ExportSource;
  files: ExportFiles;
  funds: FundsStore;
  clock: Clock;
  timeZone: string;
}

/** Which ledger movements each movement export lists; refunds take disputes too (reinstatements negative). */
const MOVEMENT_SIGN: Record<"donations" | "refunds", Partial<Record<string, 1 | -1>>> = {
  donations: { payment: 1 },
  refunds: { refund: 1, dispute_withdrawal: 1, dispute_reinstatement: -1 },
};

/** The stored file's name: the job's id (the download's name is friendlier). */
export const storedFileName = (job: Pick<ExportJob, "exportId" | "format">) =>
  `${job.exportId}.${job.format}`;

/** `athar-donations-2026-11-01_2026-11-30.csv` */
export const downloadFileName = (job: Pick<ExportJob, "kind" | "format" | "range">) =>
  `athar-${job.kind}-${job.range.from}_${job.range.to}.${job.format}`;

/** The ledger entries dated (in the council's time zone) within the range's days. */
async function ledgerInRange(deps: ExportWorkerDeps, range: ExportRange) {
  // A day either side of the UTC dates covers every time zone; each entry's own council day decides.
  const entries = await deps.source.ledgerBetween(addDays(range.from, -1), addDays(range.to, 1));
  return entries
    .filter((entry) => {
      const day = councilDay(entry.at, deps.timeZone);
      return day >= range.from && day <= range.to;
    })
    .sort((a, b) => a.at.localeCompare(b.at) || entryKey(a).localeCompare(entryKey(b)));
}

function donorCells(locale: Locale, donor: ExportDonor | undefined) {
  if (!donor) return {};
  // Erasure blanks the name and e-mail but keeps the money: say so instead of leaving a silent gap.
  if (!donor.name && !donor.email) return { donorName: label(locale, "erased") };
  return { donorName: donor.name, donorEmail: donor.email };
}

async function movementRows(
  deps: ExportWorkerDeps,
  job: ExportJob,
  kind: "donations" | "refunds",
): Promise<ExportRow[]> {
  const entries = (await ledgerInRange(deps, job.range)).filter((entry) => MOVEMENT_SIGN[kind][entry.kind]);
  const donors = await deps.source.donorsOf([...new Set(entries.map((entry) => entry.donationId))]);
  return entries.map((entry) => ({
    date: councilDay(entry.at, deps.timeZone),
    hijriDate: hijriDay(entry.at, deps.timeZone),
    at: entry.at,
    kind: label(job.locale, entry.kind),
    donationId: entry.donationId,
    reference: entry.ref,
    chargeId: entry.chargeId,
    designation: label(job.locale, entry.designation),
    fund: label(job.locale, entry.fund),
    initiativeId: entry.initiativeId,
    interval: label(job.locale, entry.interval),
    ...donorCells(job.locale, donors.get(entry.donationId)),
    amount: (MOVEMENT_SIGN[kind][entry.kind] ?? 1) * entry.amount.value,
    amountMinor: (MOVEMENT_SIGN[kind][entry.kind] ?? 1) * entry.amount.value,
    currency: entry.amount.currency,
  }));
}

async function payoutRows(deps: ExportWorkerDeps, job: ExportJob): Promise<ExportRow[]> {
  const payouts = await deps.source.payoutsBetween(addDays(job.range.from, -1), addDays(job.range.to, 1));
  return payouts
    .filter((payout) => {
      const day = councilDay(payout.created, deps.timeZone);
      return day >= job.range.from && day <= job.range.to;
    })
    .sort((a, b) => a.created.localeCompare(b.created))
    .map((payout) => ({
      payoutId: payout.payoutId,
      date: councilDay(payout.created, deps.timeZone),
      hijriDate: hijriDay(payout.created, deps.timeZone),
      arrivalDate: payout.arrivalDate,
      status: payout.status,
      amount: payout.amount,
      amountMinor: payout.amount,
      fees: payout.totals.fees,
      feesMinor: payout.totals.fees,
      currency: payout.currency,
      transactions: payout.transactions,
      openExceptions: payout.openExceptions,
      reconciledAt: payout.reconciledAt,
    }));
}

/**
 * The fund balances of the console for the export's days (functions/domain/finance/funds/funds.ts), so the
 * file and the screen agree to the halala: per designation × fund × currency (zakat never shares a row),
 * gross payments, money returned (refunds and dispute withdrawals, less reinstatements), Stripe's fees in
 * the row's currency, transfers between funds, and net = gross − returned − fees + transfers.
 */
async function fundRows(deps: ExportWorkerDeps, job: ExportJob): Promise<ExportRow[]> {
  // A worker's read, never a request's: every page of the range.
  const { days, fees } = await deps.funds.fundsBetween(
    job.range.from,
    job.range.to,
    Number.POSITIVE_INFINITY,
  );
  return fundBalancesOf(days, fees).rows.map((row) => ({
    designation: label(job.locale, row.designation),
    fund: label(job.locale, row.fund === "general" ? "general" : "initiative"),
    initiativeId: row.fund === "general" ? undefined : row.fund,
    currency: row.currency,
    payments: row.payments,
    gross: row.gross,
    grossMinor: row.gross,
    refunds: row.refunds,
    refundsMinor: row.refunds,
    fees: row.fees,
    feesMinor: row.fees,
    transfers: row.transfers,
    transfersMinor: row.transfers,
    net: row.net,
    netMinor: row.net,
  }));
}

const ROW_BUILDERS: Record<ExportKind, (deps: ExportWorkerDeps, job: ExportJob) => Promise<ExportRow[]>> = {
  donations: (deps, job) => movementRows(deps, job, "donations"),
  refunds: (deps, job) => movementRows(deps, job, "refunds"),
  payouts: payoutRows,
  funds: fundRows,
};

export async function buildExportTable(deps: ExportWorkerDeps, job: ExportJob): Promise<ExportTable> {
  return { columns: COLUMNS[job.kind], rows: await ROW_BUILDERS[job.kind](deps, job) };
}

/** Builds the job's file and stores it; the job records the outcome (a failure too, with its reason). */
export async function runExportJob(deps: ExportWorkerDeps, job: ExportJob): Promise<ExportJob> {
  await deps.jobs.updateExportJob({ ...job, status: "running" });
  try {
    const table = await buildExportTable(deps, job);
    const body =
      job.format === "csv"
        ? writeCsv(table, job.locale)
        : await writeXlsx(table, job.locale, SHEET_NAMES[job.locale][job.kind]);
    await deps.files.save(storedFileName(job), body, CONTENT_TYPES[job.format]);
    const done: ExportJob = {
      ...job,
      status: "done",
      rows: table.rows.length,
      fileName: downloadFileName(job),
      finishedAt: deps.clock.now().toISOString(),
    };
    await deps.jobs.updateExportJob(done);
    return done;
  } catch (error) {
    const failed: ExportJob = {
      ...job,
      status: "failed",
      error: (error as Error).message,
      finishedAt: deps.clock.now().toISOString(),
    };
    await deps.jobs.updateExportJob(failed);
    return failed;
  }
}
