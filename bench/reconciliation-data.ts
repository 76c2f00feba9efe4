/**
 * A payout's worth of balance transactions and the ledger entries they match, generated in memory
 * (deterministic for a seed): payments in SAR, USD and KWD (one-time pi_ and monthly in_), partial refunds
 * and disputes, settled in SAR at the emulator's rates with Stripe's fee. For the bench and the tests.
 */

import { minorDigits } from "../contract/money.ts";
import type { MovementKind } from "../contract/vocabulary.ts";
import type {
  LedgerEntry,
  PayoutTransaction,
} from "../functions/domain/finance/reconciliation/reconciliation.ts";
import { SAR_PER_UNIT } from "../local/stripe/settlement.ts";

export const COUNCIL_RATES = { basisPoints: 290, fixed: { SAR: 100, USD: 30, KWD: 100 } };
const CURRENCIES = ["SAR", "USD", "KWD"] as const;
const DISPUTE_FEE = 1500;

/** Mulberry32: small, fast, good enough to spread amounts and kinds. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const toSar = (value: number, currency: string) =>
  Math.round((value / 10 ** minorDigits(currency)) * (SAR_PER_UNIT[currency.toLowerCase()] ?? 1) * 100);
const rateOf = (currency: string) =>
  currency === "SAR" ? null : (SAR_PER_UNIT[currency.toLowerCase()] ?? null);

export interface GeneratedPayout {
  payoutId: string;
  payout: { amount: number; currency: string };
  transactions: PayoutTransaction[];
  ledger: LedgerEntry[];
}

/** `count` balance transactions (plus the payout's own) and one ledger entry for each. */
export function generatePayout(count: number, seed = 7): GeneratedPayout {
  const next = random(seed);
  const transactions: PayoutTransaction[] = [];
  const ledger: LedgerEntry[] = [];
  const start = Date.UTC(2026, 10, 1);
  const payments: { donationId: string; ref: string; chargeId: string; value: number; currency: string }[] =
    [];
  let net = 0;
  for (let index = 0; index < count; index += 1) {
    const at = new Date(start + index * 60_000).toISOString();
    const roll = next();
    const earlier = payments[Math.floor(next() * payments.length)];
    let kind: MovementKind = "payment";
    if (earlier && roll > 0.9) kind = "refund";
    else if (earlier && roll > 0.88) kind = roll > 0.89 ? "dispute_withdrawal" : "dispute_reinstatement";
    const id = index.toString(36).padStart(6, "0");
    let donationId: string;
    let ref: string;
    let value: number;
    let currency: string;
    let chargeId: string | undefined;
    if (kind === "payment" || !earlier) {
      currency = CURRENCIES[Math.floor(next() * CURRENCIES.length)] ?? "SAR";
      value = (1 + Math.floor(next() * 500)) * (currency === "KWD" ? 1000 : 100);
      donationId = `don_${id}`;
      ref = next() < 0.3 ? `in_${id}` : `pi_${id}`;
      payments.push({ donationId, ref, chargeId: `ch_${id}`, value, currency });
    } else {
      ({ donationId, currency } = earlier);
      value = kind === "refund" ? Math.max(1, Math.floor(earlier.value / 10)) : earlier.value;
      ref = kind === "refund" ? `re_${id}` : `dp_${id}`;
      chargeId = earlier.chargeId;
    }
    const sign = kind === "payment" || kind === "dispute_reinstatement" ? 1 : -1;
    const settled = sign * toSar(value, currency);
    const fee =
      kind === "payment"
        ? Math.round((settled * COUNCIL_RATES.basisPoints) / 10_000) + COUNCIL_RATES.fixed.SAR
        : kind === "dispute_withdrawal"
          ? DISPUTE_FEE
          : 0;
    net += settled - fee;
    const amount = { value, currency };
    transactions.push({
      id: `txn_${id}`,
      type: kind === "payment" ? "charge" : kind === "refund" ? "refund" : "adjustment",
      created: at,
      settlement: {
        amount: settled,
        fee,
        net: settled - fee,
        currency: "SAR",
        exchangeRate: rateOf(currency),
      },
      movement: { kind, ref, amount, donationId, ...(chargeId ? { chargeId } : {}) },
    });
    ledger.push({
      donationId,
      kind,
      ref,
      amount,
      at,
      ...(chargeId ? { chargeId } : {}),
      designation: next() < 0.4 ? "zakat" : "sadaqah",
      fund: "general",
    });
  }
  const payoutId = `po_bench${seed}`;
  transactions.push({
    id: "txn_payout",
    type: "payout",
    created: new Date(start + count * 60_000).toISOString(),
    settlement: { amount: -net, fee: 0, net: -net, currency: "SAR", exchangeRate: null },
  });
  return { payoutId, payout: { amount: net, currency: "SAR" }, transactions, ledger };
}
