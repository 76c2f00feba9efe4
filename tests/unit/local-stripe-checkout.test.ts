import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createGiftSession,
  type Harness,
  objectOf,
  SECRET_KEY,
  startHarness,
} from "../support/local-stripe-harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.stop());

const refusal = (promise: Promise<unknown>) => promise.catch((error: unknown) => error);

describe("creating a Checkout Session", () => {
  it("answers the total of the gift and the fee cover, with a hosted page URL", async () => {
    const session = await createGiftSession(harness.stripe, { donationId: "don_create", feeCover: 320 });
    expect(session).toMatchObject({
      object: "checkout.session",
      mode: "payment",
      status: "open",
      payment_status: "unpaid",
      amount_total: 10320,
      currency: "sar",
      client_reference_id: "don_create",
      submit_type: "donate",
      metadata: { donationId: "don_create", fund: "general", interval: "once" },
    });
    expect(session.url).toBe(`${harness.url}/local-stripe/checkout/${session.id}`);
    const page = await fetch(String(session.url));
    expect(await page.text()).toContain('value="delayed"');
  });

  it("replays the first answer to an idempotency key and refuses the key with other parameters", async () => {
    const first = await createGiftSession(harness.stripe, { donationId: "don_idem" });
    const again = await createGiftSession(harness.stripe, { donationId: "don_idem" });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers["idempotent-replayed"]).toBe("true");
    const changed = await refusal(
      createGiftSession(harness.stripe, { donationId: "don_idem", amount: 20000 }),
    );
    expect(changed).toMatchObject({ type: "StripeIdempotencyError", statusCode: 400 });
    const sessions = await harness.stripe.checkout.sessions.list({ limit: 100 });
    expect(sessions.data.filter((session) => session.client_reference_id === "don_idem")).toHaveLength(1);
  });

  it("refuses what Stripe refuses, with Stripe's invalid_request_error", async () => {
    const cases = [
      [{ donationId: "don_kwd", currency: "kwd", amount: 10005 }, "line_items[0][price_data][unit_amount]"],
      [
        { donationId: "don_kwd_fee", currency: "kwd", amount: 10000, feeCover: 335 },
        "line_items[1][price_data][unit_amount]",
      ],
    ] as const;
    for (const [gift, param] of cases) {
      const error = await refusal(createGiftSession(harness.stripe, gift));
      expect(error).toMatchObject({ type: "StripeInvalidRequestError", statusCode: 400, param });
    }
    const kwdOk = await createGiftSession(harness.stripe, {
      donationId: "don_kwd_ok",
      currency: "kwd",
      amount: 10010,
    });
    expect(kwdOk.amount_total).toBe(10010);

    const base = {
      line_items: [
        { quantity: 1, price_data: { currency: "sar", unit_amount: 5000, product_data: { name: "Gift" } } },
      ],
      success_url: "http://localhost/ok?session_id={CHECKOUT_SESSION_ID}",
    };
    const recurringInPayment = await refusal(
      harness.stripe.checkout.sessions.create({
        ...base,
        mode: "payment",
        line_items: [
          {
            ...base.line_items[0],
            price_data: { ...base.line_items[0]?.price_data, recurring: { interval: "month" } },
          },
        ],
      } as Stripe.Checkout.SessionCreateParams),
    );
    expect(recurringInPayment).toMatchObject({
      param: "line_items[0][price_data][recurring]",
      statusCode: 400,
    });
    expect((recurringInPayment as Error).message).toContain("recurring price");
    const oneTimeSubscription = await refusal(
      harness.stripe.checkout.sessions.create({ ...base, mode: "subscription" }),
    );
    expect((oneTimeSubscription as Error).message).toContain("at least one recurring price");
    const badMode = await refusal(
      harness.stripe.checkout.sessions.create({ ...base, mode: "gift" as "payment" }),
    );
    expect(badMode).toMatchObject({ param: "mode", statusCode: 400 });
    const now = Math.floor(Date.now() / 1000);
    for (const expires_at of [now + 10 * 60, now + 25 * 3600]) {
      const expiry = await refusal(
        harness.stripe.checkout.sessions.create({ ...base, mode: "payment", expires_at }),
      );
      expect(expiry).toMatchObject({ param: "expires_at", statusCode: 400 });
    }
    // Athar asks for exactly 30 minutes, measured a moment before the request.
    const thirtyMinutes = await harness.stripe.checkout.sessions.create({
      ...base,
      mode: "payment",
      expires_at: now + 1800,
    });
    expect(thirtyMinutes.expires_at).toBe(now + 1800);
    const unknown = await refusal(
      harness.stripe.checkout.sessions.create({ ...base, mode: "payment", allow_promotion_codes: true }),
    );
    expect(unknown).toMatchObject({ code: "parameter_unknown", param: "allow_promotion_codes" });
    const wrongData = await refusal(
      harness.stripe.checkout.sessions.create({
        ...base,
        mode: "payment",
        subscription_data: { metadata: { a: "b" } },
      }),
    );
    expect(wrongData).toMatchObject({ param: "subscription_data", statusCode: 400 });
  });

  it("needs the secret key and answers unknown ids with Stripe's 404", async () => {
    const anonymous = await fetch(`${harness.url}/v1/charges/ch_x`);
    expect(anonymous.status).toBe(401);
    const wrongKey = await fetch(`${harness.url}/v1/charges/ch_x`, {
      headers: { authorization: "Bearer sk_test_other" },
    });
    expect(wrongKey.status).toBe(401);
    const missing = await fetch(`${harness.url}/v1/balance_transactions/txn_x`, {
      headers: { authorization: `Bearer ${SECRET_KEY}` },
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: {
        type: "invalid_request_error",
        code: "resource_missing",
        param: "id",
        message: "No such balance transaction: 'txn_x'",
      },
    });
    for (const read of [
      () => harness.stripe.checkout.sessions.retrieve("cs_test_none"),
      () => harness.stripe.paymentIntents.retrieve("pi_none"),
      () => harness.stripe.invoices.retrieve("in_none"),
      () => harness.stripe.customers.retrieve("cus_none"),
    ]) {
      expect(await refusal(read())).toMatchObject({ statusCode: 404, code: "resource_missing" });
    }
  });
});

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
    expect(transaction.fee).toBe(580 + 1000);
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
