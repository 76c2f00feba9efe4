import { z } from "zod";
import { EXPORT_FORMATS, EXPORT_KINDS } from "../../../contract/finance/exports.ts";
import type { ImportJob, PayoutSummary, StoredException } from "../../../contract/finance/reconciliation.ts";
import { GENERAL_FUND } from "../../domain/account/donor-totals.ts";
import type { ExportJob, ExportLedgerEntry } from "../../domain/finance/exports/ports.ts";
import type { FundFeeRow } from "../../domain/finance/funds/fund-fees.ts";
import type { FundDayRow } from "../../domain/finance/funds/funds.ts";
import type { SponsorshipCover } from "../../domain/finance/funds/sponsorship-cover.ts";
import { ENTITY } from "../entities.ts";
import { entityCodec, locale, money, movementKind } from "./codec.ts";

/** Finance's items: ledger entries, payouts and their exceptions, import and export jobs, fund rows, covers. */

const settlement = z.object({
  amount: z.number(),
  fee: z.number(),
  net: z.number(),
  currency: z.string(),
  exchangeRate: z.number().nullable(),
});

/**
 * A `LEDGER#` row of a donation (functions/table/donations/ledger-writes.ts) as finance reads it: the
 * entry, and the donation's interval an export states (absent on rows written before it was stored).
 */
export const ledgerEntryCodec = entityCodec<Omit<ExportLedgerEntry, "movementId">>()(
  ENTITY.ledgerEntry,
  z.object({
    donationId: z.string(),
    kind: movementKind,
    ref: z.string(),
    amount: money,
    at: z.string(),
    chargeId: z.string().optional(),
    designation: z.string(),
    fund: z.string(),
    initiativeId: z.string().optional(),
    interval: z.string().optional(),
  }),
);

/** The `PAYOUT` item (functions/table/finance/payout-items.ts summaryItem, then markReconciled). */
export const payoutCodec = entityCodec<PayoutSummary>()(
  ENTITY.payout,
  z.object({
    payoutId: z.string(),
    amount: z.number(),
    currency: z.string(),
    created: z.string(),
    arrivalDate: z.string(),
    status: z.string(),
    transactions: z.number(),
    exceptions: z.number(),
    openExceptions: z.number(),
    totals: z.object({
      net: z.number(),
      matchedNet: z.number(),
      fees: z.number(),
      currency: z.string(),
      ledger: z.record(z.string(), z.number()),
    }),
    importedAt: z.string(),
    reconciledAt: z.string().optional(),
    reconciledBy: z.string().optional(),
  }),
);

/** An `EXC#` item of a payout (payout-items.ts importItems, then resolveItems). */
export const reconExceptionCodec = entityCodec<StoredException>()(
  ENTITY.reconException,
  z.object({
    exceptionId: z.string(),
    payoutId: z.string(),
    reason: z.string(),
    ref: z.string(),
    status: z.enum(["open", "resolved"]),
    transactionId: z.string().optional(),
    donationId: z.string().optional(),
    kind: z.string().optional(),
    chargeId: z.string().optional(),
    expected: money.optional(),
    actual: money.optional(),
    settlement: settlement.optional(),
    transactionAt: z.string().optional(),
    ledgerAt: z.string().optional(),
    resolution: z
      .object({ note: z.string(), action: z.string().optional(), by: z.string(), at: z.string() })
      .optional(),
  }),
);

const jobStatus = z.enum(["queued", "running", "done", "failed"]);

/** An import of payouts (functions/table/finance/import-job-store.ts). */
export const reconImportCodec = entityCodec<ImportJob>()(
  ENTITY.reconImport,
  z.object({
    jobId: z.string(),
    payoutId: z.string().optional(),
    status: jobStatus,
    createdAt: z.string(),
    requestedBy: z.string(),
    progress: z.object({
      payouts: z.number(),
      imported: z.number(),
      skipped: z.number(),
      transactions: z.number(),
      exceptions: z.number(),
    }),
    finishedAt: z.string().optional(),
    error: z.string().optional(),
  }),
);

/** A finance export job (functions/table/finance/export-store.ts). */
export const financeExportCodec = entityCodec<ExportJob>()(
  ENTITY.financeExport,
  z.object({
    exportId: z.string(),
    kind: z.enum(EXPORT_KINDS),
    format: z.enum(EXPORT_FORMATS),
    locale,
    range: z.object({
      from: z.string(),
      to: z.string(),
      hijriFrom: z.string().optional(),
      hijriTo: z.string().optional(),
    }),
    status: jobStatus,
    createdAt: z.string(),
    rows: z.number().optional(),
    fileName: z.string().optional(),
    finishedAt: z.string().optional(),
    error: z.string().optional(),
    requestedBy: z.string(),
  }),
);

const fundBucket = { day: z.string(), designation: z.string(), fund: z.string(), currency: z.string() };

/** A fund's day (functions/table/donations/fund-writes.ts: every figure is ADDed, so always there). */
export const fundDayCodec = entityCodec<FundDayRow>()(
  ENTITY.fundDay,
  z.object({
    ...fundBucket,
    gross: z.number(),
    refunds: z.number(),
    payments: z.number(),
    transfers: z.number(),
  }),
);

/** A payout's fees on a fund's day (reconciliation-store.ts saveImport). */
export const fundFeesCodec = entityCodec<FundFeeRow>()(
  ENTITY.fundFees,
  z.object({
    ...fundBucket,
    payoutId: z.string(),
    fees: z.number(),
    settledFees: money,
    payments: z.number(),
  }),
);

/** A lapsed sponsorship's cover from the general fund (functions/table/finance/books-store.ts recordCover). */
export const sponsorshipCoverCodec = entityCodec<SponsorshipCover>()(
  ENTITY.fundTransfer,
  z.object({
    donationId: z.string(),
    coverId: z.string(),
    months: z.number(),
    amount: money,
    from: z.object({ designation: z.literal("general"), fund: z.literal(GENERAL_FUND) }),
    to: z.object({ designation: z.literal("general"), fund: z.string() }),
    day: z.string(),
    at: z.string(),
    previousEnd: z.string(),
    endsAt: z.string(),
    note: z.string(),
    by: z.string(),
  }),
);
