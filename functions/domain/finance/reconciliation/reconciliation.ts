import type { ProcessingFeeRates } from "../../../../contract/fees.ts";
import {
  EXCEPTION_REASONS,
  type ExceptionReason,
  type LedgerEntry,
  type PayoutReconciliation,
  type PayoutTransaction,
  type ReconciliationException,
  type TransactionMatch,
} from "../../../../contract/finance/reconciliation.ts";
import type { MovementKind } from "../../../../contract/vocabulary.ts";
import { movementId } from "../../ledger.ts";

/**
 * Reconciliation of one Stripe payout against the ledger: every balance transaction the payout paid out
 * is matched to the ledger entry of the same movement (its kind and Stripe reference: pi_/in_ for
 * payments, re_ for refunds, dp_ for disputes), and everything that does not agree becomes an exception
 * with a stable reason. Pure and linear: one pass building maps, one pass looking things up.
 */

export type {
  ExceptionReason,
  LedgerEntry,
  PayoutReconciliation,
  PayoutTransaction,
  ReconciliationException,
  Settlement,
  TransactionMatch,
} from "../../../../contract/finance/reconciliation.ts";
export { EXCEPTION_REASONS } from "../../../../contract/finance/reconciliation.ts";

export interface ReconcileInput {
  payoutId: string;
  /** The payout's own amount and currency (its balance transaction is excluded from matching). */
  payout: { amount: number; currency: string };
  transactions: readonly PayoutTransaction[];
  /** The ledger entries the transactions may match (looked up by donation and movement). */
  ledger: readonly LedgerEntry[];
  /**
   * Ledger entries dated within the payout's span (first to last transaction); those that neither this
   * payout nor another matched are `missing_in_stripe`.
   */
  periodEntries?: readonly LedgerEntry[];
  /** Movement keys (`<donationId>#<movementId>`) already matched by other payouts. */
  matchedElsewhere?: ReadonlySet<string>;
  feeRates: ProcessingFeeRates;
}

const SIGN: Record<MovementKind, 1 | -1> = {
  payment: 1,
  refund: -1,
  dispute_withdrawal: -1,
  dispute_reinstatement: 1,
};

const MISSING_REASON: Record<MovementKind, ExceptionReason> = {
  payment: "missing_in_ledger",
  refund: "refund_missing_in_ledger",
  dispute_withdrawal: "dispute_missing_in_ledger",
  dispute_reinstatement: "dispute_missing_in_ledger",
};

/** Stripe's fee is only checked on payments (refunds take none; disputes carry a flat dispute fee). */
const FEE_TOLERANCE = 1;
const BASIS_POINTS = 10_000;

export const movementKey = (donationId: string, kind: MovementKind, ref: string) =>
  `${donationId}#${movementId({ kind, ref })}`;

/** The part of an exception id that names what it is about: a transaction, or a ledger movement. */
const ledgerSubject = (kind: MovementKind, ref: string) => `${ref}-${kind}`;

export function exceptionIdOf(payoutId: string, subject: string, reason: ExceptionReason): string {
  return `${payoutId}.${subject}.${reason}`;
}

/** The payout an exception belongs to, from its id (ids never contain dots otherwise). */
export function parseExceptionId(
  exceptionId: string,
): { payoutId: string; subject: string; reason: ExceptionReason } | undefined {
  const [payoutId, subject, reason, ...rest] = exceptionId.split(".");
  if (!payoutId || !subject || rest.length > 0 || !EXCEPTION_REASONS.includes(reason as ExceptionReason))
    return undefined;
  return { payoutId, subject, reason: reason as ExceptionReason };
}

/**
 * Stripe's expected fee on a payment of `settled` minor units: the council's rate (basis points) of it,
 * rounded to the nearest unit as Stripe rounds, plus the fixed part of the settlement currency. Undefined
 * when the council configured no fixed fee for that currency (then no fee is checked).
 */
export function expectedFee(
  settled: number,
  currency: string,
  rates: ProcessingFeeRates,
): number | undefined {
  const fixed = rates.fixed[currency];
  if (fixed === undefined) return undefined;
  return Math.round((settled * rates.basisPoints) / BASIS_POINTS) + fixed;
}

const ledgerKeyOf = (entry: LedgerEntry) => movementKey(entry.donationId, entry.kind, entry.ref);
/** Without a donation (Stripe's metadata did not say), a movement is still identified by its reference. */
const refKeyOf = (kind: MovementKind, ref: string) => movementId({ kind, ref });

function byId<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) map.set(keyOf(item), item);
  return map;
}

/** Reconciles one payout; the result does not depend on the order of any input. */
export function reconcilePayout(input: ReconcileInput): PayoutReconciliation {
  const { payoutId, feeRates } = input;
  const byMovement = byId(input.ledger, ledgerKeyOf);
  const byRef = byId(input.ledger, (entry) => refKeyOf(entry.kind, entry.ref));
  const matches: TransactionMatch[] = [];
  const exceptions: ReconciliationException[] = [];
  const claimed = new Set<string>();
  const totals = {
    net: 0,
    matchedNet: 0,
    fees: 0,
    currency: input.payout.currency,
    ledger: {} as Record<string, number>,
  };

  const flag = (
    subject: string,
    reason: ExceptionReason,
    details: Omit<ReconciliationException, "exceptionId" | "reason">,
  ) => exceptions.push({ exceptionId: exceptionIdOf(payoutId, subject, reason), reason, ...details });

  for (const transaction of input.transactions) {
    if (transaction.type === "payout") continue;
    const { settlement, movement } = transaction;
    totals.net += settlement.net;
    totals.fees += settlement.fee;
    if (!movement) {
      flag(transaction.id, "missing_in_ledger", {
        ref: transaction.id,
        transactionId: transaction.id,
        settlement,
      });
      continue;
    }
    const entry = movement.donationId
      ? byMovement.get(movementKey(movement.donationId, movement.kind, movement.ref))
      : byRef.get(refKeyOf(movement.kind, movement.ref));
    const common = {
      ref: movement.ref,
      transactionId: transaction.id,
      kind: movement.kind,
      settlement,
      ...(movement.chargeId && movement.kind !== "payment" ? { chargeId: movement.chargeId } : {}),
      ...(movement.donationId || entry ? { donationId: movement.donationId ?? entry?.donationId } : {}),
    };
    if (!entry) {
      flag(transaction.id, MISSING_REASON[movement.kind], { ...common, actual: movement.amount });
      continue;
    }
    // Stripe has it (even if it disagrees): never also missing_in_stripe.
    claimed.add(ledgerKeyOf(entry));
    const expected = entry.amount;
    const disagreeing = { ...common, expected, actual: movement.amount, ledgerAt: entry.at };
    if (expected.currency !== movement.amount.currency)
      flag(transaction.id, "currency_mismatch", disagreeing);
    else if (expected.value !== movement.amount.value) flag(transaction.id, "amount_mismatch", disagreeing);
    else {
      totals.matchedNet += settlement.net;
      totals.ledger[expected.currency] =
        (totals.ledger[expected.currency] ?? 0) + SIGN[entry.kind] * expected.value;
      matches.push({
        transactionId: transaction.id,
        donationId: entry.donationId,
        movementId: movementId(entry),
        kind: entry.kind,
        ref: entry.ref,
        ledger: expected,
        settlement,
        designation: entry.designation,
        fund: entry.fund,
        ...(entry.initiativeId ? { initiativeId: entry.initiativeId } : {}),
      });
    }
    if (movement.kind === "payment") {
      const fee = expectedFee(settlement.amount, settlement.currency, feeRates);
      if (fee !== undefined && Math.abs(settlement.fee - fee) > FEE_TOLERANCE)
        flag(transaction.id, "fee_unexpected", {
          ...common,
          expected: { value: fee, currency: settlement.currency },
          actual: { value: settlement.fee, currency: settlement.currency },
        });
    }
  }

  for (const entry of input.periodEntries ?? []) {
    const key = ledgerKeyOf(entry);
    if (claimed.has(key) || input.matchedElsewhere?.has(key)) continue;
    claimed.add(key); // flagged once, however often the period lists it
    flag(ledgerSubject(entry.kind, entry.ref), "missing_in_stripe", {
      ref: entry.ref,
      donationId: entry.donationId,
      kind: entry.kind,
      expected: entry.amount,
    });
  }

  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  matches.sort((a, b) => compare(a.transactionId, b.transactionId));
  exceptions.sort((a, b) => compare(a.exceptionId, b.exceptionId));
  return { matches, exceptions, totals };
}

/** Whether a payout may be marked reconciled: nothing open, and its net is exactly what was matched. */
export function reconcilable(state: {
  openExceptions: number;
  payoutAmount: number;
  matchedNet: number;
}): { ok: true } | { ok: false; reason: "open_exceptions" | "net_mismatch" } {
  if (state.openExceptions > 0) return { ok: false, reason: "open_exceptions" };
  if (state.payoutAmount !== state.matchedNet) return { ok: false, reason: "net_mismatch" };
  return { ok: true };
}
