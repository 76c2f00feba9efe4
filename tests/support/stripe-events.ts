/** Stripe-shaped webhook events for tests: Stripe's fixture objects, signed by the real SDK. */
import Stripe from "stripe";
import { LOCAL_STRIPE_WEBHOOK_SECRET } from "../../functions/config.ts";
import { stripeFixture } from "../../local/stripe/fixtures.ts";
import { buildEvent } from "../../local/stripe/webhook-sender.ts";
import { donationRequest, INITIATIVE_ID, sessionIdOf, startCheckout } from "./donations.ts";

export function completedSession(overrides: Partial<Stripe.Checkout.Session>): Stripe.Checkout.Session {
  return {
    ...stripeFixture<Stripe.Checkout.Session>("checkout.session"),
    status: "complete",
    payment_status: "paid",
    ...overrides,
  };
}

export function signedDelivery(
  event: Stripe.Event,
  options: { secret?: string; timestamp?: number } = {},
): { body: string; signature: string } {
  const body = JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret: options.secret ?? LOCAL_STRIPE_WEBHOOK_SECRET,
    ...(options.timestamp ? { timestamp: options.timestamp } : {}),
  });
  return { body, signature };
}

export { buildEvent };

/** A donation left pending at the checkout page, as a donor leaves it. */
export async function pendingDonation(baseUrl: string, value = 10000) {
  const started = await startCheckout(baseUrl, donationRequest({ amount: { value, currency: "SAR" } }));
  if (started.status !== 201)
    throw new Error(`checkout answered ${started.status}: ${JSON.stringify(started.body)}`);
  return {
    donationId: String(started.body.donationId),
    sessionId: sessionIdOf(started.body.checkoutUrl),
    headers: started.headers,
  };
}

/** Stripe's checkout.session.completed for that donation. */
export function completedEvent(donationId: string, sessionId: string, value = 10000) {
  return buildEvent(
    "checkout.session.completed",
    completedSession({
      id: sessionId,
      amount_total: value,
      currency: "sar",
      client_reference_id: donationId,
      metadata: { donationId, initiativeId: INITIATIVE_ID, designation: "general" },
      payment_intent: `pi_test_${donationId.slice(-10)}`,
    }),
  );
}

/** Stripe's checkout.session.expired for an abandoned checkout. */
export function expiredEvent(donationId: string, sessionId: string) {
  return buildEvent("checkout.session.expired", {
    ...completedSession({ id: sessionId, metadata: { donationId } }),
    status: "expired",
    payment_status: "unpaid",
  });
}

export async function postWebhook(baseUrl: string, delivery: { body: string; signature?: string }) {
  const response = await fetch(`${baseUrl}/api/stripe/webhook`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(delivery.signature ? { "stripe-signature": delivery.signature } : {}),
    },
    body: delivery.body,
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}
