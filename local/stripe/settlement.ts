/**
 * The account's settlement currency: Stripe converts every charge, refund and dispute into it when it books
 * the balance transaction (`exchange_rate` on the transaction), and pays out in it. The rates are fixed here
 * (so tests can compute what Stripe would book); Stripe's own vary by the minute.
 */
import { minorDigits } from "../../contract/money.ts";

/** What one major unit of each currency is worth in Saudi riyals (rounded market rates of 2026). */
export const SAR_PER_UNIT: Readonly<Record<string, number>> = {
  sar: 1,
  usd: 3.75,
  eur: 4.05,
  gbp: 4.75,
  aed: 1.021,
  kwd: 12.2,
  bhd: 9.95,
  omr: 9.74,
  jod: 5.29,
  tnd: 1.2,
  egp: 0.0765,
  mad: 0.405,
};

export interface Settlement {
  /** Lower case, as Stripe writes currencies. */
  currency: string;
}

export const DEFAULT_SETTLEMENT: Settlement = { currency: "sar" };

/** Stripe's `exchange_rate`: the amount in `from` (major units) times it is the amount in `to`. */
export function exchangeRate(from: string, to: string): number {
  const fromRate = SAR_PER_UNIT[from.toLowerCase()];
  const toRate = SAR_PER_UNIT[to.toLowerCase()];
  if (fromRate === undefined || toRate === undefined)
    throw new RangeError(`The emulator has no rate from ${from} to ${to}`);
  return Number((fromRate / toRate).toFixed(6));
}

/** `amount` minor units of `from` in minor units of `to`, as the balance transaction books them. */
export function settle(amount: number, from: string, to: string): { amount: number; rate: number | null } {
  if (from.toLowerCase() === to.toLowerCase()) return { amount, rate: null };
  const rate = exchangeRate(from, to);
  const major = amount / 10 ** minorDigits(from.toUpperCase());
  return { amount: Math.round(major * rate * 10 ** minorDigits(to.toUpperCase())), rate };
}
