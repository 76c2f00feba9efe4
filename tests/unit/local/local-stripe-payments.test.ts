import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_FEE_RATE, processingFee } from "../../../local/stripe/objects.ts";
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

describe("paying a one-time gift", () => {
  it("creates the PaymentIntent, a charge carrying its metadata and a balance transaction net of the fee", async () => {
    const session = await createGiftSession(harness.stripe, { donationId: "don_card", amount: 15050 });
    const paid = await harness.hostedPage(session.id, "paid");
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`http://localhost/ar/thanks/?session_id=${session.id}`);
    const [event] = harness.take();
    expect(event?.type).toBe("checkout.session.completed");
    const completed = objectOf<Stripe.Checkout.Session>(event);
    expect(completed).toMatchObject({ status: "complete", payment_status: "paid", subscription: null });
    expect(completed.customer_details?.email).toBe("donor@example.com");

    const intent = await harness.stripe.paymentIntents.retrieve(String(completed.payment_intent), {
      expand: ["latest_charge.balance_transaction"],
    });
    expect(intent).toMatchObject({
      status: "succeeded",
      amount: 15050,
      amount_received: 15050,
      currency: "sar",
    });
    expect(intent.metadata).toEqual({
      donationId: "don_card",
      initiativeId: "orphans-and-productive-families",
      fund: "general",
      designation: "zakat",
      interval: "once",
    });
    const charge = intent.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({
      object: "charge",
      status: "succeeded",
      paid: true,
      amount: 15050,
      amount_refunded: 0,
      payment_intent: intent.id,
      metadata: intent.metadata,
      billing_details: { email: "donor@example.com" },
      refunds: { object: "list", data: [] },
    });
    // 2.9 % of 150.50 is 4.36 (rounded), plus 1.00.
    expect(charge.balance_transaction).toMatchObject({
      object: "balance_transaction",
      type: "charge",
      amount: 15050,
      fee: 436 + 100,
      net: 15050 - 536,
      status: "pending",
      source: charge.id,
    });
    const transaction = charge.balance_transaction as Stripe.BalanceTransaction;
    expect(transaction.available_on - transaction.created).toBe(2 * 86_400);
  });

  it("takes the fixed fee in the currency's minor unit (three decimals: 1.000)", async () => {
    const session = await createGiftSession(harness.stripe, {
      donationId: "don_bhd",
      currency: "bhd",
      amount: 20000,
    });
    await harness.admin("pay", { ref: session.id });
    const completed = objectOf<Stripe.Checkout.Session>(harness.take()[0]);
    const charge = await harness.stripe.charges.list({ payment_intent: String(completed.payment_intent) });
    const transaction = await harness.stripe.balanceTransactions.retrieve(
      String(charge.data[0]?.balance_transaction),
    );
    // Stripe books it in the account's settlement currency (SAR): BHD 20.000 at 9.95 = SAR 199.00, and
    // takes its fee there; the fixed part in a three-decimal currency is still 1.000 of it.
    expect(transaction).toMatchObject({ currency: "sar", amount: 19900, exchange_rate: 9.95 });
    expect(transaction.fee).toBe(577 + 100);
    expect(processingFee(20000, "bhd", DEFAULT_FEE_RATE)).toBe(580 + 1000);
  });

  it("a declined card sends nothing and leaves the session open; cancelling expires it", async () => {
    const session = await createGiftSession(harness.stripe, { donationId: "don_declined" });
    const declined = await harness.hostedPage(session.id, "failed");
    expect(declined.status).toBe(402);
    expect(harness.take()).toEqual([]);
    expect((await harness.stripe.checkout.sessions.retrieve(session.id)).status).toBe("open");
    const cancelled = await harness.hostedPage(session.id, "canceled");
    expect(cancelled.headers.get("location")).toContain("/canceled/");
    expect(
      harness.take().map((event) => [event.type, objectOf<Stripe.Checkout.Session>(event).status]),
    ).toEqual([["checkout.session.expired", "expired"]]);
    expect((await harness.hostedPage(session.id, "paid")).status).toBe(409);
  });

  it("expires a session now through Stripe's expire route and the admin endpoint", async () => {
    const viaApi = await createGiftSession(harness.stripe, { donationId: "don_expire_api" });
    expect((await harness.stripe.checkout.sessions.expire(viaApi.id)).status).toBe("expired");
    await createGiftSession(harness.stripe, { donationId: "don_expire_admin" });
    const expired = await harness.admin("expire", { ref: "don_expire_admin" });
    expect(expired.body.session).toMatchObject({ status: "expired", donationId: "don_expire_admin" });
    expect(harness.take().map((event) => event.type)).toEqual([
      "checkout.session.expired",
      "checkout.session.expired",
    ]);
  });
});

describe("a delayed payment (bank transfer)", () => {
  async function startDelayed(donationId: string) {
    const session = await createGiftSession(harness.stripe, { donationId });
    expect((await harness.hostedPage(session.id, "delayed")).status).toBe(303);
    const completed = objectOf<Stripe.Checkout.Session>(harness.take()[0]);
    expect(completed).toMatchObject({ status: "complete", payment_status: "unpaid" });
    expect((await harness.stripe.paymentIntents.retrieve(String(completed.payment_intent))).status).toBe(
      "processing",
    );
    return completed;
  }

  it("settles: async_payment_succeeded with the session paid, and the charge made", async () => {
    const completed = await startDelayed("don_transfer_ok");
    const settled = await harness.admin("settle", { ref: "don_transfer_ok", outcome: "succeed" });
    expect(settled.body.deliveries).toEqual([
      expect.objectContaining({ type: "checkout.session.async_payment_succeeded", status: 200 }),
    ]);
    const [event] = harness.take();
    expect(objectOf<Stripe.Checkout.Session>(event)).toMatchObject({
      id: completed.id,
      payment_status: "paid",
    });
    const intent = await harness.stripe.paymentIntents.retrieve(String(completed.payment_intent));
    const charge = await harness.stripe.charges.retrieve(String(intent.latest_charge));
    expect(charge).toMatchObject({ status: "succeeded", metadata: { donationId: "don_transfer_ok" } });
    expect((await harness.admin("settle", { ref: "don_transfer_ok", outcome: "succeed" })).status).toBe(400);
  });

  it("fails: async_payment_failed, the session stays unpaid and no money moves", async () => {
    const completed = await startDelayed("don_transfer_ko");
    await harness.admin("settle", { ref: completed.id, outcome: "fail" });
    const [event] = harness.take();
    expect(event?.type).toBe("checkout.session.async_payment_failed");
    expect(objectOf<Stripe.Checkout.Session>(event).payment_status).toBe("unpaid");
    const intent = await harness.stripe.paymentIntents.retrieve(String(completed.payment_intent));
    expect(intent.status).toBe("requires_payment_method");
    const charge = await harness.stripe.charges.retrieve(String(intent.latest_charge));
    expect(charge).toMatchObject({ status: "failed", paid: false, balance_transaction: null });
    expect(harness.rejected).toEqual([]);
  });
});
