import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createGiftSession,
  type Harness,
  SECRET_KEY,
  startHarness,
} from "../../support/local-stripe-harness.ts";

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
