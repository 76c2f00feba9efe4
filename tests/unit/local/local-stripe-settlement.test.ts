import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchangeRate, settle } from "../../../local/stripe/settlement.ts";
import { createGiftSession, type Harness, startHarness } from "../../support/local-stripe-harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.stop());

async function paid(
  donationId: string,
  amount: number,
  currency: string,
  body: Record<string, unknown> = {},
) {
  await createGiftSession(harness.stripe, { donationId, amount, currency });
  const result = await harness.admin("pay", { ref: donationId, ...body });
  expect(result.status).toBe(200);
  return harness.stripe.charges.retrieve(String(result.body.session?.charges[0]?.id));
}

describe("settlement in SAR", () => {
  it("converts with Stripe's exchange_rate (major units) and three-decimal currencies", () => {
    expect(exchangeRate("usd", "sar")).toBe(3.75);
    expect(settle(10000, "usd", "sar")).toEqual({ amount: 37500, rate: 3.75 });
    // 10.000 KWD at 12.2 = SAR 122.00
    expect(settle(10000, "kwd", "sar")).toEqual({ amount: 12200, rate: 12.2 });
    expect(settle(12345, "sar", "sar")).toEqual({ amount: 12345, rate: null });
  });

  it("books a USD charge in SAR, the fee on the settled amount, and pages a payout like Stripe", async () => {
    const charge = await paid("don_usd", 10000, "usd");
    const transaction = await harness.stripe.balanceTransactions.retrieve(String(charge.balance_transaction));
    // USD 100.00 = SAR 375.00; fee 2.9 % of 37500 + SAR 1.00
    expect(transaction).toMatchObject({
      amount: 37500,
      currency: "sar",
      exchange_rate: 3.75,
      fee: 1088 + 100,
      net: 37500 - 1188,
      type: "charge",
      source: charge.id,
    });
    expect(transaction.fee_details).toEqual([expect.objectContaining({ amount: 1188, currency: "sar" })]);
    const refund = await harness.stripe.refunds.create({ charge: charge.id, amount: 2000 });
    const refunded = await harness.stripe.balanceTransactions.retrieve(String(refund.balance_transaction));
    expect(refunded).toMatchObject({ amount: -7500, currency: "sar", exchange_rate: 3.75, net: -7500 });
    await paid("don_kwd", 10000, "kwd");
    await paid("don_sar", 5000, "sar");
    await harness.admin("disputes/open", { ref: "don_sar" });
    await harness.admin("disputes/close", { ref: "don_sar", outcome: "won" });
    harness.take();

    const payouts = await harness.admin("payouts");
    const payout = (payouts.body.payouts as Stripe.Payout[])[0];
    expect(payouts.body.payouts).toHaveLength(1);
    expect(payout?.currency).toBe("sar");
    const pages: Stripe.BalanceTransaction[][] = [];
    let after: string | undefined;
    for (;;) {
      const page = await harness.stripe.balanceTransactions.list({
        payout: String(payout?.id),
        limit: 2,
        expand: ["data.source"],
        ...(after ? { starting_after: after } : {}),
      });
      pages.push(page.data);
      after = page.data.at(-1)?.id;
      if (!page.has_more) break;
    }
    const all = pages.flat();
    expect(pages.every((page) => page.length <= 2)).toBe(true);
    expect(new Set(all.map((transaction) => transaction.id)).size).toBe(all.length);
    expect(all.map((transaction) => transaction.type).sort()).toEqual([
      "adjustment",
      "adjustment",
      "charge",
      "charge",
      "charge",
      "payout",
      "refund",
    ]);
    expect(all.every((transaction) => transaction.currency === "sar")).toBe(true);
    const sources = all.map((transaction) => (transaction.source as { object: string }).object).sort();
    expect(sources).toEqual(["charge", "charge", "charge", "dispute", "dispute", "payout", "refund"]);
    expect(all.reduce((sum, transaction) => sum + transaction.net, 0)).toBe(0);
  });
});

describe("the ways of making reconciliation exceptions", () => {
  it("withholds the webhooks of a payment and of a dashboard refund, and changes the fee", async () => {
    harness.take();
    await createGiftSession(harness.stripe, { donationId: "don_silent", amount: 10000 });
    const silent = await harness.admin("pay", { ref: "don_silent", deliver: false });
    expect(silent.body.deliveries).toEqual([expect.objectContaining({ withheld: true, status: 0 })]);
    expect(harness.take()).toEqual([]);
    expect(silent.body.session?.paymentStatus).toBe("paid");

    const dashboard = await harness.admin("refunds", { ref: "don_silent", amount: 1000, deliver: false });
    expect(dashboard.body.refund).toMatchObject({ amount: 1000, status: "succeeded" });
    expect(dashboard.body.deliveries.map((delivery) => delivery.withheld)).toEqual([true, true]);
    expect(harness.take()).toEqual([]);

    const fees = await harness.admin("fees", { percent: 3.5, fixedMajorUnits: 1 });
    expect(fees.body.fees).toEqual({ percent: 3.5, fixedMajorUnits: 1 });
    const charge = await paid("don_dear", 10000, "sar");
    expect(harness.take().map((event) => event.type)).toEqual(["checkout.session.completed"]);
    const transaction = await harness.stripe.balanceTransactions.retrieve(String(charge.balance_transaction));
    expect(transaction.fee).toBe(350 + 100);
    expect((await harness.admin("fees", { percent: 120 })).status).toBe(400);
    await harness.admin("fees", { percent: 2.9, fixedMajorUnits: 1 });
  });
});
