import { describe, expect, it } from "vitest";
import type { StoredException, TransactionMatch } from "../../../contract/finance/reconciliation.ts";
import { hijriMonthsPeriod } from "../../../functions/domain/calendars.ts";
import { feeInLedgerCurrency, resolvedFundFee } from "../../../functions/domain/finance/funds/fund-fees.ts";
import { fundBalancesOf, resolvePeriod } from "../../../functions/domain/finance/funds/funds.ts";

const match = (ledger: { value: number; currency: string }, fee: number, exchangeRate: number | null) =>
  ({
    ledger,
    settlement: { amount: 0, fee, net: 0, currency: "SAR", exchangeRate },
  }) as unknown as TransactionMatch;

describe("fund balances", () => {
  it("turn Hijri months into their first and last Gregorian days (umm al-qura)", () => {
    // 1 Ramadan 1447 = 18 February 2026; 1 Muharram 1448 = 16 June 2026.
    expect(hijriMonthsPeriod({ year: 1447, month: 9 }, { year: 1447, month: 12 })).toEqual({
      from: "2026-02-18",
      to: "2026-06-15",
    });
    expect(
      resolvePeriod({ calendar: "hijri", from: { year: 1447, month: 9 }, to: { year: 1447, month: 9 } }),
    ).toEqual({
      from: "2026-02-18",
      to: "2026-03-19",
      hijri: { from: "1447-09", to: "1447-09" },
    });
  });

  it("refuse a reversed period or one over 366 days", () => {
    expect(() => resolvePeriod({ calendar: "gregorian", from: "2026-03-02", to: "2026-03-01" })).toThrow(
      /period_reversed/,
    );
    expect(() =>
      resolvePeriod({ calendar: "gregorian", from: "2024-01-01", to: "2024-12-31" }),
    ).not.toThrow();
    expect(() => resolvePeriod({ calendar: "gregorian", from: "2025-01-01", to: "2026-01-02" })).toThrow(
      /funds_period_too_long/,
    );
  });

  it("convert a fee settled in another currency back at Stripe's rate, minor digits included", () => {
    // 10.000 KWD settled as 122.00 SAR (rate 12.2), fee 4.54 SAR = 0.372 KWD.
    expect(feeInLedgerCurrency(match({ value: 10_000, currency: "KWD" }, 454, 12.2))).toBe(372);
    expect(feeInLedgerCurrency(match({ value: 5_000, currency: "USD" }, 850, 3.75))).toBe(227);
    expect(feeInLedgerCurrency(match({ value: 5_000, currency: "SAR" }, 245, null))).toBe(245);
  });

  it("never add zakat to other money: subtotals per designation, funds split by designation", () => {
    const day = { day: "2026-11-20", currency: "SAR", refunds: 0, transfers: 0 };
    const balances = fundBalancesOf(
      [
        { ...day, designation: "zakat", fund: "wells", gross: 1000, payments: 1 },
        { ...day, designation: "sadaqah", fund: "wells", gross: 500, payments: 2, refunds: 100 },
        { ...day, designation: "general", fund: "general", gross: 0, payments: 0, transfers: -300 },
      ],
      [
        {
          day: "2026-11-20",
          designation: "zakat",
          fund: "wells",
          currency: "SAR",
          payoutId: "po_1",
          fees: 40,
          settledFees: { value: 40, currency: "SAR" },
          payments: 1,
        },
      ],
    );
    expect(balances.designations.find((row) => row.designation === "zakat")).toMatchObject({
      gross: 1000,
      fees: 40,
      net: 960,
      paymentsNotInPayout: 0,
    });
    expect(balances.funds.find((row) => row.fund === "wells")?.byDesignation).toEqual({
      sadaqah: {
        gross: 500,
        refunds: 100,
        fees: 0,
        transfers: 0,
        net: 400,
        payments: 2,
        paymentsNotInPayout: 2,
      },
      zakat: {
        gross: 1000,
        refunds: 0,
        fees: 40,
        transfers: 0,
        net: 960,
        payments: 1,
        paymentsNotInPayout: 0,
      },
    });
    expect(balances.designations.find((row) => row.designation === "general")).toMatchObject({ net: -300 });
    expect(balances.settledFees).toEqual([{ currency: "SAR", value: 40 }]);
  });
});

describe("the fee of a transaction matched by resolving its exception", () => {
  const exception: StoredException = {
    exceptionId: "po_1.txn_9.amount_mismatch",
    payoutId: "po_1",
    reason: "amount_mismatch",
    ref: "pi_9",
    status: "open",
    transactionId: "txn_9",
    donationId: "don_9",
    kind: "payment",
    expected: { value: 10_000, currency: "USD" },
    actual: { value: 9_000, currency: "USD" },
    settlement: { amount: 33_750, fee: 1_350, net: 32_400, currency: "SAR", exchangeRate: 3.75 },
    transactionAt: "2026-11-30T21:30:00.000Z",
    ledgerAt: "2026-11-30T20:30:00.000Z",
  };
  const donation = {
    designation: "zakat" as const,
    fund: { kind: "initiative" as const, initiativeId: "orphans" },
    amount: { value: 10_000, currency: "USD" },
  };

  it("lands on the ledger entry's day in the council's zone, in the ledger's currency, as one payment", () => {
    // 20:30 UTC is 23:30 in Riyadh (the 30th); the transaction itself came after midnight there.
    expect(resolvedFundFee(exception, donation, "Asia/Riyadh")).toEqual({
      day: "2026-11-30",
      designation: "zakat",
      fund: "orphans",
      currency: "USD",
      payoutId: "po_1",
      fees: 360,
      settledFees: { value: 1_350, currency: "SAR" },
      payments: 1,
    });
  });

  it("takes the transaction's time for a movement the ledger lacked, and adds no payment for a refund", () => {
    const { ledgerAt: _ledgerAt, expected: _expected, ...missing } = exception;
    const refund = { ...missing, reason: "refund_missing_in_ledger", kind: "refund" as const };
    expect(resolvedFundFee(refund, donation, "Asia/Riyadh")).toMatchObject({
      day: "2026-12-01",
      payments: 0,
    });
    const { settlement: _settlement, ...unsettled } = exception;
    expect(resolvedFundFee(unsettled, donation, "Asia/Riyadh")).toBeUndefined();
  });
});
