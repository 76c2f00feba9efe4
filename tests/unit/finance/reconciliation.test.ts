import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COUNCIL_RATES, generatePayout } from "../../../bench/reconciliation-data.ts";
import {
  expectedFee,
  type LedgerEntry,
  type PayoutTransaction,
  parseExceptionId,
  reconcilable,
  reconcilePayout,
} from "../../../functions/domain/finance/reconciliation/reconciliation.ts";

const sar = (amount: number, fee = 0) => ({
  amount,
  fee,
  net: amount - fee,
  currency: "SAR",
  exchangeRate: null,
});

const entry = (
  over: Partial<LedgerEntry> & Pick<LedgerEntry, "donationId" | "kind" | "ref">,
): LedgerEntry => ({
  amount: { value: 10000, currency: "SAR" },
  at: "2026-11-05T10:00:00.000Z",
  designation: "zakat",
  fund: "general",
  ...over,
});

const payment = (id: string, donationId: string, value = 10000, fee = 390): PayoutTransaction => ({
  id,
  type: "charge",
  created: "2026-11-05T10:00:00.000Z",
  settlement: sar(value, fee),
  movement: { kind: "payment", ref: `pi_${id}`, amount: { value, currency: "SAR" }, donationId },
});

describe("reconcilePayout", () => {
  it("matches a generated payout completely: no exception, net equals the matched sum", () => {
    const generated = generatePayout(500);
    const result = reconcilePayout({
      ...generated,
      feeRates: COUNCIL_RATES,
      periodEntries: generated.ledger,
    });
    expect(result.exceptions).toEqual([]);
    expect(result.matches).toHaveLength(500);
    expect(result.totals.net).toBe(generated.payout.amount);
    expect(result.totals.matchedNet).toBe(generated.payout.amount);
    expect(Object.keys(result.totals.ledger).sort()).toEqual(["KWD", "SAR", "USD"]);
    expect(reconcilable({ openExceptions: 0, payoutAmount: 1, matchedNet: 1 })).toEqual({ ok: true });
  });

  it("flags each kind of exception with its reason and reference, and reports both currencies", () => {
    const usd: PayoutTransaction = {
      id: "txn_usd",
      type: "charge",
      created: "2026-11-05T10:00:00.000Z",
      // USD 100.00 = SAR 375.00; fee 2.9 % + SAR 1.00 = 1188
      settlement: { amount: 37500, fee: 1188, net: 36312, currency: "SAR", exchangeRate: 3.75 },
      movement: {
        kind: "payment",
        ref: "pi_usd",
        amount: { value: 10000, currency: "USD" },
        donationId: "don_usd",
      },
    };
    const transactions: PayoutTransaction[] = [
      usd,
      payment("txn_nomatch", "don_ghost"),
      payment("txn_amount", "don_amount", 12000, 448),
      payment("txn_currency", "don_currency"),
      payment("txn_fee", "don_fee", 10000, 450),
      {
        id: "txn_refund",
        type: "refund",
        created: "2026-11-06T10:00:00.000Z",
        settlement: sar(-1000),
        movement: {
          kind: "refund",
          ref: "re_dash",
          amount: { value: 1000, currency: "SAR" },
          chargeId: "ch_x",
        },
      },
      {
        id: "txn_dispute",
        type: "adjustment",
        created: "2026-11-06T11:00:00.000Z",
        settlement: sar(-10000, 1500),
        movement: { kind: "dispute_withdrawal", ref: "dp_x", amount: { value: 10000, currency: "SAR" } },
      },
      { id: "txn_payout", type: "payout", created: "2026-11-07T00:00:00.000Z", settlement: sar(-1) },
    ];
    const ledger = [
      entry({
        donationId: "don_usd",
        kind: "payment",
        ref: "pi_usd",
        amount: { value: 10000, currency: "USD" },
      }),
      entry({ donationId: "don_amount", kind: "payment", ref: "pi_txn_amount" }),
      entry({
        donationId: "don_currency",
        kind: "payment",
        ref: "pi_txn_currency",
        amount: { value: 10000, currency: "KWD" },
      }),
      entry({ donationId: "don_fee", kind: "payment", ref: "pi_txn_fee" }),
    ];
    const orphan = entry({
      donationId: "don_orphan",
      kind: "refund",
      ref: "re_orphan",
      amount: { value: 500, currency: "SAR" },
    });
    const elsewhere = entry({ donationId: "don_old", kind: "payment", ref: "pi_old" });
    const result = reconcilePayout({
      payoutId: "po_1",
      payout: { amount: 1, currency: "SAR" },
      transactions,
      ledger,
      periodEntries: [...ledger, orphan, elsewhere],
      matchedElsewhere: new Set(["don_old#payment#pi_old"]),
      feeRates: COUNCIL_RATES,
    });
    expect(result.exceptions.map((exception) => [exception.reason, exception.ref])).toEqual([
      ["missing_in_stripe", "re_orphan"],
      ["amount_mismatch", "pi_txn_amount"],
      ["currency_mismatch", "pi_txn_currency"],
      ["dispute_missing_in_ledger", "dp_x"],
      ["fee_unexpected", "pi_txn_fee"],
      ["missing_in_ledger", "pi_txn_nomatch"],
      ["refund_missing_in_ledger", "re_dash"],
    ]);
    const fee = result.exceptions.find((exception) => exception.reason === "fee_unexpected");
    expect(fee).toMatchObject({
      expected: { value: 390, currency: "SAR" },
      actual: { value: 450, currency: "SAR" },
    });
    expect(result.exceptions.find((exception) => exception.reason === "amount_mismatch")).toMatchObject({
      expected: { value: 10000, currency: "SAR" },
      actual: { value: 12000, currency: "SAR" },
      donationId: "don_amount",
    });
    // Both sides of a converted payment: the donor's USD and the SAR settled at 3.75.
    expect(result.matches).toEqual([
      expect.objectContaining({
        transactionId: "txn_fee",
        ledger: { value: 10000, currency: "SAR" },
      }),
      expect.objectContaining({
        transactionId: "txn_usd",
        ledger: { value: 10000, currency: "USD" },
        settlement: expect.objectContaining({ amount: 37500, currency: "SAR", exchangeRate: 3.75 }),
      }),
    ]);
    expect(result.totals).toMatchObject({ matchedNet: 36312 + 9550, ledger: { USD: 10000, SAR: 10000 } });
    for (const exception of result.exceptions)
      expect(parseExceptionId(exception.exceptionId)).toMatchObject({
        payoutId: "po_1",
        reason: exception.reason,
      });
  });

  it("matches a refund by its reference when Stripe's metadata does not name the donation", () => {
    const ledger = [
      entry({ donationId: "don_m", kind: "refund", ref: "re_m", amount: { value: 500, currency: "SAR" } }),
    ];
    const result = reconcilePayout({
      payoutId: "po_2",
      payout: { amount: -500, currency: "SAR" },
      transactions: [
        {
          id: "txn_r",
          type: "refund",
          created: "2026-11-05T10:00:00.000Z",
          settlement: sar(-500),
          movement: { kind: "refund", ref: "re_m", amount: { value: 500, currency: "SAR" } },
        },
      ],
      ledger,
      periodEntries: ledger,
      feeRates: COUNCIL_RATES,
    });
    expect(result.exceptions).toEqual([]);
    expect(result.matches[0]).toMatchObject({ donationId: "don_m", movementId: "refund#re_m" });
  });

  it("expects the council's rate on the settled amount, within one minor unit", () => {
    expect(expectedFee(37500, "SAR", COUNCIL_RATES)).toBe(1088 + 100);
    expect(expectedFee(37500, "AED", COUNCIL_RATES)).toBeUndefined();
    const near = reconcilePayout({
      payoutId: "po_3",
      payout: { amount: 0, currency: "SAR" },
      transactions: [payment("txn_a", "don_a", 10000, 391), payment("txn_b", "don_b", 10000, 392)],
      ledger: [
        entry({ donationId: "don_a", kind: "payment", ref: "pi_txn_a" }),
        entry({ donationId: "don_b", kind: "payment", ref: "pi_txn_b" }),
      ],
      feeRates: COUNCIL_RATES,
    });
    expect(near.exceptions.map((exception) => exception.ref)).toEqual(["pi_txn_b"]);
  });

  it("refuses to reconcile with an open exception or a net that differs from the matched sum", () => {
    expect(reconcilable({ openExceptions: 1, payoutAmount: 5, matchedNet: 5 })).toEqual({
      ok: false,
      reason: "open_exceptions",
    });
    expect(reconcilable({ openExceptions: 0, payoutAmount: 5, matchedNet: 4 })).toEqual({
      ok: false,
      reason: "net_mismatch",
    });
  });

  it("rejects exception ids that are not its own", () => {
    for (const id of ["po_1", "po_1.txn_1", "po_1.txn_1.unknown", "po_1.txn.1.fee_unexpected"])
      expect(parseExceptionId(id), id).toBeUndefined();
  });
});

describe("order independence (property)", () => {
  it("gives the same matches, exceptions and totals whatever order the transactions and entries come in", () => {
    const generated = generatePayout(120, 3);
    // Knock out some ledger entries and alter some amounts so exceptions of every kind are in play.
    const ledger = generated.ledger
      .filter((_, index) => index % 17 !== 5)
      .map((item, index) =>
        index % 23 === 4 ? { ...item, amount: { ...item.amount, value: item.amount.value + 10 } } : item,
      );
    const input = { ...generated, ledger, periodEntries: ledger, feeRates: COUNCIL_RATES };
    const expected = reconcilePayout(input);
    expect(expected.exceptions.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(generated.transactions, { minLength: generated.transactions.length }),
        fc.shuffledSubarray(ledger, { minLength: ledger.length }),
        (transactions, shuffledLedger) => {
          const result = reconcilePayout({
            ...input,
            transactions,
            ledger: shuffledLedger,
            periodEntries: [...shuffledLedger].reverse(),
          });
          expect(result).toEqual(expected);
        },
      ),
      { numRuns: 50 },
    );
  });
});
