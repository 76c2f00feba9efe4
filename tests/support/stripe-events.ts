/** Stripe-shaped webhook events for tests: Stripe's fixture objects, signed by the real SDK. */
import Stripe from "stripe";
import { LOCAL_STRIPE_WEBHOOK_SECRET } from "../../functions/config.ts";
import { stripeFixture } from "../../local/stripe/fixtures.ts";
import { buildEvent } from "../../local/stripe/webhook-sender.ts";

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
