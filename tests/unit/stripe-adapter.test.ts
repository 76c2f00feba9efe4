import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { createStripeClient, createStripeGateway, toPaymentEvent } from "../../functions/adapters/stripe.ts";
import { InvalidSignatureError } from "../../functions/domain/errors.ts";
import { buildEvent, completedSession, signedDelivery } from "../support/stripe-events.ts";

const settings = { secretKey: "sk_test_unit", webhookSecret: "whsec_unit_secret" };
const gateway = createStripeGateway(createStripeClient(settings), settings);

describe("Stripe webhook parsing (real SDK signing and verification)", () => {
  const session = completedSession({
    id: "cs_test_unit",
    amount_total: 5000,
    currency: "kwd",
    metadata: { donationId: "don_1" },
    payment_intent: "pi_1",
  });
  const event = buildEvent("checkout.session.completed", session);

  it("turns a verified checkout.session.completed into a paid checkout in upper-case currency", () => {
    const delivery = signedDelivery(event, { secret: settings.webhookSecret });
    expect(gateway.parseWebhookEvent(delivery.body, delivery.signature)).toEqual({
      id: event.id,
      type: "checkout.completed",
      session: {
        sessionId: "cs_test_unit",
        donationId: "don_1",
        paid: true,
        amount: { value: 5000, currency: "KWD" },
        paymentIntentId: "pi_1",
      },
    });
  });

  it("refuses missing, foreign, stale and tampered signatures", () => {
    const good = signedDelivery(event, { secret: settings.webhookSecret });
    const stale = signedDelivery(event, {
      secret: settings.webhookSecret,
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    const foreign = signedDelivery(event, { secret: "whsec_other" });
    expect(() => gateway.parseWebhookEvent(good.body, undefined)).toThrow(InvalidSignatureError);
    expect(() => gateway.parseWebhookEvent(foreign.body, foreign.signature)).toThrow(InvalidSignatureError);
    expect(() => gateway.parseWebhookEvent(stale.body, stale.signature)).toThrow(InvalidSignatureError);
    expect(() => gateway.parseWebhookEvent(`${good.body} `, good.signature)).toThrow(InvalidSignatureError);
  });

  it("accepts a signature 299 seconds old", () => {
    const recent = signedDelivery(event, {
      secret: settings.webhookSecret,
      timestamp: Math.floor(Date.now() / 1000) - 299,
    });
    expect(gateway.parseWebhookEvent(recent.body, recent.signature).type).toBe("checkout.completed");
  });

  it("maps expiry, delayed payments and unrelated events", () => {
    const unpaid = { ...session, payment_status: "unpaid" } as Stripe.Checkout.Session;
    expect(toPaymentEvent(buildEvent("checkout.session.expired", unpaid))).toMatchObject({
      type: "checkout.expired",
      session: { paid: false },
    });
    expect(toPaymentEvent(buildEvent("checkout.session.completed", unpaid))).toMatchObject({
      type: "checkout.completed",
      session: { paid: false },
    });
    expect(toPaymentEvent(buildEvent("checkout.session.async_payment_succeeded", session))).toMatchObject({
      type: "checkout.completed",
      session: { paid: true },
    });
    expect(toPaymentEvent(buildEvent("payout.paid", {}))).toMatchObject({
      type: "other",
      providerType: "payout.paid",
    });
  });
});
