import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createGiftSession,
  type Harness,
  objectOf,
  startHarness,
} from "../../support/local-stripe-harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.stop());

/** A paid one-time gift; answers its charge. */
async function paidGift(donationId: string, amount = 10000) {
  await createGiftSession(harness.stripe, { donationId, amount });
  const paid = await harness.admin("pay", { ref: donationId });
  harness.take();
  const chargeId = paid.body.session?.charges[0]?.id;
  return harness.stripe.charges.retrieve(String(chargeId));
}

describe("refunds", () => {
  it("refunds part, then the rest, keeping amount_refunded cumulative, and refuses more", async () => {
    const charge = await paidGift("don_refund", 10000);
    const partial = await harness.stripe.refunds.create({
      payment_intent: String(charge.payment_intent),
      amount: 2500,
    });
    expect(partial).toMatchObject({ object: "refund", status: "succeeded", amount: 2500, charge: charge.id });
    expect(partial.id).toMatch(/^re_local/);
    const [refunded, created] = harness.take();
    expect([refunded?.type, created?.type]).toEqual(["charge.refunded", "refund.created"]);
    expect(objectOf<Stripe.Charge>(refunded)).toMatchObject({ amount_refunded: 2500, refunded: false });
    expect(objectOf<Stripe.Charge>(refunded).refunds?.data.map((refund) => refund.id)).toEqual([partial.id]);

    const rest = await harness.stripe.refunds.create({ charge: charge.id });
    expect(rest.amount).toBe(7500);
    const [full] = harness.take();
    expect(objectOf<Stripe.Charge>(full)).toMatchObject({ amount_refunded: 10000, refunded: true });
    // The first event's charge is a copy: the second refund does not reach it.
    expect(objectOf<Stripe.Charge>(refunded).amount_refunded).toBe(2500);
    expect(objectOf<Stripe.Charge>(full).refunds?.data.map((refund) => refund.id)).toEqual([
      rest.id,
      partial.id,
    ]);

    const refusal = await harness.stripe.refunds
      .create({ charge: charge.id, amount: 1 })
      .catch((error: unknown) => error);
    expect(refusal).toMatchObject({ statusCode: 400, code: "charge_already_refunded" });
    const listed = await harness.stripe.refunds.list({ charge: charge.id });
    expect(listed.data.map((refund) => refund.amount)).toEqual([7500, 2500]);
    const transaction = await harness.stripe.balanceTransactions.retrieve(String(rest.balance_transaction));
    expect(transaction).toMatchObject({ type: "refund", amount: -7500, fee: 0, net: -7500, source: rest.id });
  });

  it("refuses a refund larger than what is left, and one for an unknown charge", async () => {
    const charge = await paidGift("don_refund_big", 5000);
    await harness.stripe.refunds.create({ charge: charge.id, amount: 4000 });
    harness.take();
    const tooMuch = await harness.stripe.refunds
      .create({ charge: charge.id, amount: 1001 })
      .catch((error: unknown) => error);
    expect(tooMuch).toMatchObject({ statusCode: 400, code: "amount_too_large", param: "amount" });
    expect((tooMuch as Error).message).toMatch(
      /^Refund amount \(SAR\s10\.01\) is greater than unrefunded amount on charge \(SAR\s10\.00\)$/,
    );
    const unknown = await harness.stripe.refunds
      .create({ charge: "ch_nothing" })
      .catch((error: unknown) => error);
    expect(unknown).toMatchObject({ code: "resource_missing", param: "charge" });
    expect(harness.take()).toEqual([]);
  });
});

describe("disputes", () => {
  it("opens with the amount withdrawn plus a 15.00 fee, and is won: the amount comes back", async () => {
    const charge = await paidGift("don_dispute_won", 8000);
    const opened = await harness.admin("disputes/open", { ref: "don_dispute_won" });
    expect(opened.body.deliveries.map((delivery) => delivery.type)).toEqual(["charge.dispute.created"]);
    const dispute = objectOf<Stripe.Dispute>(harness.take()[0]);
    expect(dispute).toMatchObject({
      object: "dispute",
      status: "needs_response",
      amount: 8000,
      currency: "sar",
      charge: charge.id,
      payment_intent: charge.payment_intent,
      reason: "fraudulent",
    });
    expect(dispute.balance_transactions).toEqual([
      expect.objectContaining({ amount: -8000, fee: 1500, net: -9500, type: "adjustment" }),
    ]);
    expect((await harness.stripe.charges.retrieve(charge.id)).disputed).toBe(true);
    const refusal = await harness.stripe.refunds
      .create({ charge: charge.id })
      .catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: "charge_disputed" });

    await harness.admin("disputes/close", { ref: dispute.id, outcome: "won" });
    const closed = harness.take();
    expect(closed.map((event) => event.type)).toEqual(["charge.dispute.closed"]);
    const won = objectOf<Stripe.Dispute>(closed[0]);
    expect(won.status).toBe("won");
    expect(won.balance_transactions.map((transaction) => transaction.amount)).toEqual([-8000, 8000]);
  });

  it("covers what was not refunded; is lost: the withdrawal stays and it cannot close twice", async () => {
    const charge = await paidGift("don_dispute_lost", 7000);
    await harness.stripe.refunds.create({ charge: charge.id, amount: 1000 });
    await harness.admin("disputes/open", { ref: "don_dispute_lost" });
    expect(objectOf<Stripe.Dispute>(harness.take().at(-1)).amount).toBe(6000);
    const lost = await harness.admin("disputes/close", { ref: "don_dispute_lost", outcome: "lost" });
    expect(lost.body.dispute).toMatchObject({
      status: "lost",
      balance_transactions: [expect.objectContaining({ amount: -6000 })],
    });
    expect(objectOf<Stripe.Dispute>(harness.take()[0]).status).toBe("lost");
    expect((await harness.admin("disputes/close", { ref: "don_dispute_lost", outcome: "won" })).status).toBe(
      400,
    );
  });
});

describe("payouts", () => {
  let own: Harness;
  beforeAll(async () => {
    own = await startHarness();
  });
  afterAll(() => own.stop());

  it("pays out the balance net of fees and refunds, and lists the transactions it paid out", async () => {
    expect((await own.admin("payouts")).status).toBe(400);
    for (const [donationId, amount] of [
      ["don_po_1", 10000],
      ["don_po_2", 20000],
    ] as const) {
      await createGiftSession(own.stripe, { donationId, amount });
      await own.admin("pay", { ref: donationId });
    }
    expect((await own.admin("pay", { ref: "don_po_1" })).status).toBe(400);
    const first = await own.stripe.charges.list({ limit: 10 });
    const smallest = first.data.find((charge) => charge.amount === 10000);
    await own.stripe.refunds.create({ charge: String(smallest?.id), amount: 1000 });
    own.take();

    const result = await own.admin("payouts");
    expect(result.body.deliveries.map((delivery) => delivery.type)).toEqual([
      "payout.created",
      "payout.paid",
    ]);
    const [created, paid] = own.take().map((event) => objectOf<Stripe.Payout>(event));
    // 10000 - (290 + 100) + 20000 - (580 + 100) - 1000
    const expected = 10000 - 390 + 20000 - 680 - 1000;
    expect(created).toMatchObject({ status: "pending", amount: expected, currency: "sar" });
    expect(paid).toMatchObject({ id: created?.id, status: "paid", amount: expected });
    expect(await own.stripe.payouts.retrieve(String(paid?.id))).toMatchObject({
      status: "paid",
      amount: expected,
    });

    const listed = await own.stripe.balanceTransactions.list({ payout: String(paid?.id), limit: 100 });
    expect(listed.data.map((transaction) => transaction.type).sort()).toEqual([
      "charge",
      "charge",
      "payout",
      "refund",
    ]);
    expect(listed.data.reduce((sum, transaction) => sum + transaction.net, 0)).toBe(0);
    expect((await own.admin("payouts")).status).toBe(400);
    expect(own.rejected).toEqual([]);
  });
});
