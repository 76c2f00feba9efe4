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

/** A Stripe-Signature header for exactly these bytes, made by the real SDK. */
export function signRaw(body: string, secret = LOCAL_STRIPE_WEBHOOK_SECRET, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret,
    ...(timestamp ? { timestamp } : {}),
  });
}

export function signedDelivery(
  event: Stripe.Event,
  options: { secret?: string; timestamp?: number } = {},
): { body: string; signature: string } {
  const body = JSON.stringify(event);
  return { body, signature: signRaw(body, options.secret, options.timestamp) };
}

/** Stripe's invoice fixture as a paid monthly charge of a donation's subscription. */
export function invoiceObject(options: {
  donationId: string;
  id?: string;
  amount?: number;
  currency?: string;
  subscription?: string;
  periodStart?: number;
  periodEnd?: number;
  paidAt?: number;
}): Stripe.Invoice {
  const invoice = stripeFixture<Stripe.Invoice>("invoice");
  const amount = options.amount ?? 30000;
  const periodStart = options.periodStart ?? 1_780_000_000;
  const periodEnd = options.periodEnd ?? periodStart + 30 * 86_400;
  const subscription = options.subscription ?? "sub_1";
  const [line] = invoice.lines.data;
  return {
    ...invoice,
    id: options.id ?? "in_1",
    status: "paid",
    billing_reason: "subscription_cycle",
    currency: (options.currency ?? "sar").toLowerCase(),
    amount_due: amount,
    amount_paid: amount,
    amount_remaining: 0,
    total: amount,
    subtotal: amount,
    status_transitions: { ...invoice.status_transitions, paid_at: options.paidAt ?? periodStart + 60 },
    parent: {
      type: "subscription_details",
      quote_details: null,
      subscription_details: { subscription, metadata: { donationId: options.donationId } },
    },
    lines: {
      ...invoice.lines,
      data: [{ ...(line as Stripe.InvoiceLineItem), amount, period: { start: periodStart, end: periodEnd } }],
    },
  } as Stripe.Invoice;
}

/** Stripe's charge fixture for a payment intent (metadata only on one-time gifts, as Stripe copies it). */
export function chargeObject(options: {
  id: string;
  paymentIntent: string;
  amount: number;
  donationId?: string;
  currency?: string;
}): Stripe.Charge {
  const charge = stripeFixture<Stripe.Charge>("charge");
  return {
    ...charge,
    id: options.id,
    payment_intent: options.paymentIntent,
    amount: options.amount,
    amount_captured: options.amount,
    currency: (options.currency ?? "sar").toLowerCase(),
    metadata: options.donationId ? { donationId: options.donationId } : {},
  };
}

export function refundObject(options: {
  id: string;
  charge: string;
  amount: number;
  currency?: string;
  status?: string;
  created?: number;
}): Stripe.Refund {
  return {
    ...stripeFixture<Stripe.Refund>("refund"),
    id: options.id,
    charge: options.charge,
    amount: options.amount,
    currency: (options.currency ?? "sar").toLowerCase(),
    status: options.status ?? "succeeded",
    created: options.created ?? 1_790_000_000,
  };
}

export function disputeObject(options: {
  id: string;
  charge: string;
  paymentIntent: string;
  amount: number;
  status: Stripe.Dispute.Status;
  currency?: string;
}): Stripe.Dispute {
  const dispute = stripeFixture<Stripe.Dispute>("dispute");
  return {
    ...dispute,
    id: options.id,
    charge: options.charge,
    payment_intent: options.paymentIntent,
    amount: options.amount,
    currency: (options.currency ?? "sar").toLowerCase(),
    status: options.status,
    balance_transactions: [],
  };
}

export function subscriptionObject(options: {
  id: string;
  donationId: string;
  endedAt: number;
}): Stripe.Subscription {
  return {
    ...stripeFixture<Stripe.Subscription>("subscription"),
    id: options.id,
    status: "canceled",
    metadata: { donationId: options.donationId },
    ended_at: options.endedAt,
    canceled_at: options.endedAt,
  };
}

export { buildEvent };

/** A donation left pending at the checkout page, as a donor leaves it. */
export async function pendingDonation(baseUrl: string, value = 10000, interval: "once" | "month" = "once") {
  const started = await startCheckout(
    baseUrl,
    donationRequest({ amount: { value, currency: "SAR" }, interval }),
  );
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
