/**
 * Fund balances: a day of gifts in SAR and USD, zakat and sadaqah, to an initiative and the general fund,
 * with a refund, a dispute lost and one won, then paid out and imported. The figures per designation, fund
 * and currency are exact, Stripe's fees arrive with the import, zakat's figures hold zakat only, and the
 * same day read through its Hijri month gives the same rows.
 */
import type { Stripe } from "stripe";
import { describe, expect, it } from "vitest";
import { calendarPlace } from "../../../functions/domain/calendars.ts";
import { donationRequest, INITIATIVE_ID, startCheckout } from "../../support/donations.ts";
import { asStaff, funds, rowOf } from "../../support/finance-books.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import { localStripe } from "../../support/local-stripe.ts";
import { stripeAdmin } from "../../support/reconciliation.ts";

const stack = withLocalStack();
const place = calendarPlace(new Date(), "Asia/Riyadh");
const today = `from=${place.gDate}&to=${place.gDate}`;

async function paid(value: number, currency: string, designation: string, initiativeId?: string) {
  const started = await startCheckout(
    stack.url,
    donationRequest({ initiativeId, amount: { value, currency }, designation }),
  );
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const donationId = String(started.body.donationId);
  await localStripe(stack.url, "pay", donationId);
  return donationId;
}

const figures = (gross: number, refunds: number, payments: number) => ({
  gross,
  refunds,
  fees: 0,
  transfers: 0,
  net: gross - refunds,
  payments,
  paymentsNotInPayout: payments,
});

describe("fund balances", () => {
  it("are exact per designation, fund and currency, with Stripe's fees once the payout is imported", async () => {
    const zakatGeneral = await paid(10_000, "SAR", "zakat");
    const zakatInitiative = await paid(20_000, "SAR", "zakat", INITIATIVE_ID);
    const sadaqahUsd = await paid(5_000, "USD", "sadaqah", INITIATIVE_ID);
    const refunded = await paid(8_000, "SAR", "sadaqah");
    await localStripe(stack.url, "refund", refunded, "--amount", "30");
    const lost = await paid(4_000, "USD", "zakat", INITIATIVE_ID);
    await localStripe(stack.url, "dispute", "open", lost);
    await localStripe(stack.url, "dispute", "close", lost, "--lost");
    const won = await paid(6_000, "SAR", "sadaqah", INITIATIVE_ID);
    await localStripe(stack.url, "dispute", "open", won);
    await localStripe(stack.url, "dispute", "close", won, "--won");

    const before = await funds(stack, today);
    expect(before.period).toEqual({ from: place.gDate, to: place.gDate });
    const expected = {
      "zakat#general#SAR": figures(10_000, 0, 1),
      [`zakat#${INITIATIVE_ID}#SAR`]: figures(20_000, 0, 1),
      [`zakat#${INITIATIVE_ID}#USD`]: figures(4_000, 4_000, 1),
      [`sadaqah#${INITIATIVE_ID}#USD`]: figures(5_000, 0, 1),
      "sadaqah#general#SAR": figures(8_000, 3_000, 1),
      [`sadaqah#${INITIATIVE_ID}#SAR`]: figures(6_000, 0, 1),
    };
    expect(
      Object.fromEntries(
        before.rows.map(({ designation, fund, currency, ...rest }) => [
          `${designation}#${fund}#${currency}`,
          rest,
        ]),
      ),
    ).toEqual(expected);
    // Zakat's subtotal is zakat's money only; the initiative's figures stay split by designation.
    expect(before.designations.find((d) => d.designation === "zakat" && d.currency === "SAR")).toMatchObject({
      gross: 30_000,
      net: 30_000,
    });
    const initiativeSar = before.funds.find((f) => f.fund === INITIATIVE_ID && f.currency === "SAR");
    expect(initiativeSar?.byDesignation.zakat).toMatchObject({ gross: 20_000, refunds: 0 });
    expect(initiativeSar?.byDesignation.sadaqah).toMatchObject({ gross: 6_000, refunds: 0 });

    // Paid out in SAR and imported: each matched transaction's fee lands on its donation's row.
    const [payout] = (await stripeAdmin(stack.url, "payouts")).payouts as Stripe.Payout[];
    const job = await asStaff(stack, "finance", "POST", "/api/finance/payouts/import", {
      payoutId: payout?.id,
    });
    expect(job.status).toBe(202);
    await stack.drainStreams();
    const detail = await asStaff(stack, "finance", "GET", `/api/finance/payouts/${payout?.id}`);
    const transactions = detail.body.transactions as {
      match?: { donationId: string; ledger: { currency: string } };
      settlement: { fee: number; exchangeRate: number | null };
    }[];
    const feesOf = (...donationIds: string[]) =>
      transactions
        .filter((transaction) => donationIds.includes(transaction.match?.donationId ?? ""))
        .reduce((sum, { settlement }) => sum + settlement.fee, 0);
    const usdFeesOf = (donationId: string) =>
      transactions
        .filter((transaction) => transaction.match?.donationId === donationId)
        .reduce(
          (sum, { settlement }) => sum + Math.round(settlement.fee / (settlement.exchangeRate ?? 1)),
          0,
        );

    const after = await funds(stack, today);
    expect(rowOf(after, "zakat", "general", "SAR")).toMatchObject({
      fees: feesOf(zakatGeneral),
      net: 10_000 - feesOf(zakatGeneral),
      paymentsNotInPayout: 0,
    });
    expect(feesOf(zakatGeneral)).toBeGreaterThan(0);
    expect(rowOf(after, "zakat", INITIATIVE_ID, "SAR")).toMatchObject({ fees: feesOf(zakatInitiative) });
    expect(rowOf(after, "sadaqah", "general", "SAR")).toMatchObject({
      fees: feesOf(refunded),
      net: 8_000 - 3_000 - feesOf(refunded),
    });
    expect(rowOf(after, "sadaqah", INITIATIVE_ID, "SAR")).toMatchObject({ fees: feesOf(won) });
    expect(rowOf(after, "sadaqah", INITIATIVE_ID, "USD")).toMatchObject({ fees: usdFeesOf(sadaqahUsd) });
    expect(rowOf(after, "zakat", INITIATIVE_ID, "USD")).toMatchObject({ fees: usdFeesOf(lost) });
    const allFees = feesOf(zakatGeneral, zakatInitiative, sadaqahUsd, refunded, lost, won);
    expect(after.settledFees).toEqual([{ currency: "SAR", value: allFees }]);
    expect(after.designations.find((d) => d.designation === "zakat" && d.currency === "SAR")).toMatchObject({
      gross: 30_000,
      fees: feesOf(zakatGeneral, zakatInitiative),
    });

    // The same day through its Hijri month; a Hijri month before it holds nothing.
    const month = `${place.hYear}-${String(place.hMonth).padStart(2, "0")}`;
    const hijri = await funds(stack, `hijriFrom=${month}&hijriTo=${month}`);
    expect(hijri.rows).toEqual(after.rows);
    expect(hijri.period.hijri).toEqual({ from: month, to: month });
    expect(hijri.period.from <= place.gDate && place.gDate <= hijri.period.to).toBe(true);
    const earlier =
      place.hMonth === 1
        ? `${place.hYear - 1}-12`
        : `${place.hYear}-${String(place.hMonth - 1).padStart(2, "0")}`;
    expect((await funds(stack, `hijriFrom=${earlier}&hijriTo=${earlier}`)).rows).toEqual([]);
  });

  it("reads a range in one DynamoDB call, refuses a range over a year, and is finance's only", async () => {
    const read = await asStaff(stack, "finance", "GET", `/api/finance/funds?${today}`);
    expect(read.calls).toBe(1);
    const long = await asStaff(stack, "finance", "GET", "/api/finance/funds?from=2025-01-01&to=2026-06-30");
    expect(long.status).toBe(400);
    expect(long.body.details).toEqual([expect.objectContaining({ code: "funds_period_too_long" })]);
    expect(long.calls).toBe(0);
    const mixed = await asStaff(stack, "finance", "GET", `/api/finance/funds?${today}&hijriFrom=1447-01`);
    expect(mixed.status).toBe(400);
    expect((await asStaff(stack, "editor", "GET", `/api/finance/funds?${today}`)).status).toBe(403);
    expect((await asStaff(stack, "none", "GET", `/api/finance/funds?${today}`)).status).toBe(401);
  });
});
