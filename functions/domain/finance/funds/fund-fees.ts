import type {
  LedgerEntry,
  Settlement,
  StoredException,
  TransactionMatch,
} from "../../../../contract/finance/reconciliation.ts";
import { minorDigits } from "../../../../contract/money.ts";
import { calendarPlace } from "../../calendars.ts";
import { movementId } from "../../ledger.ts";
import type { Donation } from "../../model.ts";

/**
 * Stripe's fees of one payout on one fund's day: written with the payout's import (the same item however
 * often it is imported), added to that day's fund row when balances are read.
 */
export interface FundFeeRow {
  day: string;
  designation: string;
  fund: string;
  /** The ledger's (donor's) currency, the fund row's. */
  currency: string;
  payoutId: string;
  /** In the row's currency: Stripe's fee, converted back at Stripe's own rate when it settled in another. */
  fees: number;
  /** What Stripe charged, in the payout's currency. */
  settledFees: { value: number; currency: string };
  /** Payments of the row that this payout reconciled. */
  payments: number;
}

/** A settled fee in the donor's currency: settlement = donor's (major units) × rate. */
export function feeInLedgerCurrency(match: { settlement: Settlement; ledger: { currency: string } }): number {
  const { fee, currency, exchangeRate } = match.settlement;
  if (currency === match.ledger.currency || !exchangeRate) return fee;
  const major = fee / 10 ** minorDigits(currency) / exchangeRate;
  return Math.round(major * 10 ** minorDigits(match.ledger.currency));
}

/**
 * The fee of a transaction that resolving its exception made count as matched (its movement recorded, or
 * its disagreeing pair accepted): the import left it out of the payout's fee rows, so the resolution adds
 * its own row, on the day of the ledger entry (the recorded movement's, which is the transaction's time).
 */
export function resolvedFundFee(
  exception: StoredException,
  donation: Pick<Donation, "designation" | "fund" | "amount">,
  timeZone: string,
): FundFeeRow | undefined {
  const { settlement, transactionId } = exception;
  const at = exception.ledgerAt ?? exception.transactionAt;
  if (!settlement || !transactionId || !at) return undefined;
  const ledgerCurrency =
    exception.expected?.currency ?? exception.actual?.currency ?? donation.amount.currency;
  return {
    day: calendarPlace(at, timeZone).gDate,
    designation: donation.designation,
    fund: donation.fund.kind === "initiative" ? donation.fund.initiativeId : "general",
    currency: ledgerCurrency,
    payoutId: exception.payoutId,
    fees: feeInLedgerCurrency({ settlement, ledger: { currency: ledgerCurrency } }),
    settledFees: { value: settlement.fee, currency: settlement.currency },
    payments: exception.kind === "payment" ? 1 : 0,
  };
}

/** The payout's matched transactions' fees, summed per fund day (the day of the ledger entry). */
export function payoutFundFees(
  payoutId: string,
  matches: readonly TransactionMatch[],
  entries: readonly LedgerEntry[],
  timeZone: string,
): FundFeeRow[] {
  const atOf = new Map(entries.map((entry) => [`${entry.donationId}#${movementId(entry)}`, entry.at]));
  const rows = new Map<string, FundFeeRow>();
  for (const match of matches) {
    const at = atOf.get(`${match.donationId}#${match.movementId}`);
    if (!at) continue;
    const row: FundFeeRow = {
      day: calendarPlace(at, timeZone).gDate,
      designation: match.designation,
      fund: match.initiativeId ?? "general",
      currency: match.ledger.currency,
      payoutId,
      fees: 0,
      settledFees: { value: 0, currency: match.settlement.currency },
      payments: 0,
    };
    const key = [row.day, row.designation, row.fund, row.currency, row.settledFees.currency].join("#");
    const sum = rows.get(key) ?? row;
    sum.fees += feeInLedgerCurrency(match);
    sum.settledFees.value += match.settlement.fee;
    if (match.kind === "payment") sum.payments += 1;
    rows.set(key, sum);
  }
  return [...rows.values()];
}
