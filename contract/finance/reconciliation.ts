import type { Money } from "../money.ts";
import type { MovementKind } from "../vocabulary.ts";

/** The shapes of a payout's reconciliation (functions/domain/finance/reconciliation/reconciliation.ts computes them). */

export const EXCEPTION_REASONS = [
  "missing_in_ledger",
  "missing_in_stripe",
  "amount_mismatch",
  "currency_mismatch",
  "refund_missing_in_ledger",
  "dispute_missing_in_ledger",
  "fee_unexpected",
] as const;
export type ExceptionReason = (typeof EXCEPTION_REASONS)[number];

/** What staff may record when resolving an exception, and the only reason each applies to. */
export const RESOLVE_ACTIONS = ["record_payment", "record_refund", "record_dispute"] as const;
export type ResolveAction = (typeof RESOLVE_ACTIONS)[number];
export const RESOLVE_ACTION_REASON: Record<ResolveAction, ExceptionReason> = {
  record_payment: "missing_in_ledger",
  record_refund: "refund_missing_in_ledger",
  record_dispute: "dispute_missing_in_ledger",
};

/** What Stripe booked, in the account's settlement currency (upper case), with the rate it converted at. */
export interface Settlement {
  amount: number;
  fee: number;
  net: number;
  currency: string;
  /** Donor's currency (major units) × rate = settlement currency; null when no conversion happened. */
  exchangeRate: number | null;
}

/** One balance transaction of the payout, with the movement it stands for when it is one. */
export interface PayoutTransaction {
  id: string;
  /** Stripe's `type` (charge, payment, refund, adjustment, payout, ...). */
  type: string;
  created: string;
  settlement: Settlement;
  /**
   * The ledger movement this is, read from its source object: the donor's amount and currency, the
   * donation when Stripe's metadata names it. Absent for the payout itself and for Stripe's own items.
   */
  movement?: { kind: MovementKind; ref: string; amount: Money; donationId?: string; chargeId?: string };
}

/** A ledger entry as finance needs it (functions/table: the donation partition's `LEDGER#` rows). */
export interface LedgerEntry {
  donationId: string;
  kind: MovementKind;
  ref: string;
  amount: Money;
  at: string;
  chargeId?: string;
  designation: string;
  fund: string;
  initiativeId?: string;
}

export interface TransactionMatch {
  transactionId: string;
  donationId: string;
  movementId: string;
  kind: MovementKind;
  ref: string;
  /** The donor's side (ledger) and Stripe's (settlement): both are reported. */
  ledger: Money;
  settlement: Settlement;
  designation: string;
  fund: string;
  initiativeId?: string;
}

export interface ReconciliationException {
  /** `<payoutId>.<subject>.<reason>`: the same exception gets the same id at every import. */
  exceptionId: string;
  reason: ExceptionReason;
  /** The Stripe reference it is about (pi_/in_/re_/dp_, or the balance transaction's id). */
  ref: string;
  transactionId?: string;
  donationId?: string;
  kind?: MovementKind;
  /** Refunds and disputes: the charge they take money back from (for recording the movement). */
  chargeId?: string;
  /** What the ledger (or the rates) expected, and what Stripe has. */
  expected?: Money;
  actual?: Money;
  settlement?: Settlement;
  /** When the ledger has the movement (the pair disagrees): its time, the day its fee belongs to. */
  ledgerAt?: string;
}

export interface PayoutReconciliation {
  matches: TransactionMatch[];
  exceptions: ReconciliationException[];
  totals: {
    /** Sum of the nets of every transaction but the payout's own: what the payout should be. */
    net: number;
    /** Sum of the nets of the matched transactions. */
    matchedNet: number;
    fees: number;
    currency: string;
    /** Matched amounts in the donors' currencies (signed: refunds and disputes negative). */
    ledger: Record<string, number>;
  };
}

/** A payout as Stripe reports it (amount in the settlement currency, upper case). */
export interface StripePayout {
  payoutId: string;
  amount: number;
  currency: string;
  created: string;
  arrivalDate: string;
  status: string;
}

/** What finance sees of an imported payout (the `PAYOUT` item). */
export interface PayoutSummary extends StripePayout {
  transactions: number;
  exceptions: number;
  openExceptions: number;
  totals: PayoutReconciliation["totals"];
  importedAt: string;
  reconciledAt?: string;
  reconciledBy?: string;
}

export type ImportStatus = "queued" | "running" | "done" | "failed";

export interface ImportJob {
  jobId: string;
  /** One payout, or every payout Stripe lists that is not imported yet. */
  payoutId?: string;
  status: ImportStatus;
  createdAt: string;
  requestedBy: string;
  progress: { payouts: number; imported: number; skipped: number; transactions: number; exceptions: number };
  finishedAt?: string;
  error?: string;
}

export interface StoredException {
  exceptionId: string;
  payoutId: string;
  reason: string;
  ref: string;
  status: "open" | "resolved";
  transactionId?: string;
  donationId?: string;
  kind?: string;
  chargeId?: string;
  expected?: { value: number; currency: string };
  actual?: { value: number; currency: string };
  settlement?: PayoutTransaction["settlement"];
  transactionAt?: string;
  ledgerAt?: string;
  resolution?: { note: string; action?: string; by: string; at: string };
}
