import type {
  ImportJob,
  LedgerEntry,
  PayoutReconciliation,
  PayoutSummary,
  PayoutTransaction,
  StoredException,
  StripePayout,
} from "../../../../contract/finance/reconciliation.ts";
import type { FundFeeRow } from "../funds/fund-fees.ts";

/** Stripe's payouts and their balance transactions, a page at a time (functions/adapters/stripe-payouts.ts). */
export interface PayoutSource {
  listPayouts(startingAfter?: string): Promise<{ payouts: StripePayout[]; hasMore: boolean }>;
  getPayout(payoutId: string): Promise<StripePayout>;
  /** One page of the payout's balance transactions, each with the movement its source object is. */
  listTransactions(
    payoutId: string,
    startingAfter?: string,
  ): Promise<{ transactions: PayoutTransaction[]; hasMore: boolean }>;
}

export interface ReconciliationStore {
  findPayout(payoutId: string): Promise<PayoutSummary | undefined>;
  /** The ledger entries of these movements (BatchGet by donation and movement: never a Scan). */
  ledgerEntries(refs: readonly { donationId: string; movementId: string }[]): Promise<LedgerEntry[]>;
  /** Ledger entries dated from `from` to `to` inclusive (gsi1, month by month). */
  ledgerBetween(from: string, to: string): Promise<LedgerEntry[]>;
  /** Of these ledger entries, the keys of those another payout already matched. */
  matchedByOtherPayouts(payoutId: string, entries: readonly LedgerEntry[]): Promise<Set<string>>;
  /**
   * Writes the payout's transactions, exceptions, match markers and fees per fund day, then its summary
   * (last: it marks done).
   */
  saveImport(
    payout: StripePayout,
    transactions: readonly PayoutTransaction[],
    result: PayoutReconciliation,
    importedAt: string,
    fundFees: readonly FundFeeRow[],
  ): Promise<void>;
  findException(exceptionId: string): Promise<StoredException | undefined>;
  /**
   * Closes an open exception (condition: still open) and, when the transaction now counts as matched,
   * marks it, adds its net to the payout's matched sum and writes its fee's fund row, all in one
   * transaction. "conflict" when it was no longer open (another request resolved it first); collisions are
   * retried inside.
   */
  resolveException(
    exception: StoredException,
    resolution: NonNullable<StoredException["resolution"]>,
    matched: boolean,
    fee?: FundFeeRow,
  ): Promise<"resolved" | "conflict">;
  /**
   * Sets the reconciled mark, on condition that nothing is open and the net equals the matched sum;
   * "conflict" when another request reconciled it (or it stopped being reconcilable) meanwhile.
   */
  markReconciled(payoutId: string, by: string, at: string): Promise<"reconciled" | "conflict">;
  listPayouts(page: {
    cursor?: string;
    limit?: number;
  }): Promise<{ payouts: PayoutSummary[]; cursor?: string }>;
  payoutDetails(
    payoutId: string,
    page: { cursor?: string; limit?: number },
  ): Promise<{ transactions: Record<string, unknown>[]; exceptions: StoredException[]; cursor?: string }>;

  createImportJob(job: ImportJob): Promise<void>;
  findImportJob(jobId: string): Promise<ImportJob | undefined>;
  updateImportJob(job: ImportJob): Promise<void>;
  pendingImportJobs(): Promise<ImportJob[]>;
}
