/** What happens to a Checkout Session: created, paid now or later (bank transfer), or expired. */
import type Stripe from "stripe";
import { type CheckoutRequest, sessionRecord } from "./checkout-params.ts";
import { attemptCharge, chargeNow, type EmulatorContext, pendingIntent } from "./context.ts";
import { stripeFixture } from "./fixtures.ts";
import { invalidRequest } from "./http.ts";
import { nowSeconds } from "./objects.ts";
import type { Delivery, LocalSession } from "./state.ts";
import { startSubscription } from "./subscriptions.ts";
import { localId } from "./webhook-sender.ts";

export function createSession(
  context: EmulatorContext,
  request: CheckoutRequest,
  hostedPageBase: string,
): Stripe.Checkout.Session {
  const id = localId("cs_test");
  const session = {
    ...stripeFixture<Stripe.Checkout.Session>("checkout.session"),
    id,
    object: "checkout.session",
    created: nowSeconds(),
    expires_at: request.expiresAt,
    mode: request.mode,
    status: "open",
    payment_status: "unpaid",
    payment_intent: null,
    subscription: null,
    invoice: null,
    customer: null,
    amount_subtotal: request.amountTotal,
    amount_total: request.amountTotal,
    currency: request.currency,
    customer_email: request.customerEmail,
    customer_details: null,
    client_reference_id: request.clientReferenceId,
    locale: request.locale,
    metadata: request.metadata,
    submit_type: request.submitType,
    success_url: request.successUrl,
    cancel_url: request.cancelUrl,
    url: `${hostedPageBase}${id}`,
    // The invoice that Stripe creates for a one-time payment only when asked; Athar does not ask.
    invoice_creation: request.mode === "payment" ? { enabled: false, invoice_data: null } : null,
    collected_information: null,
    shipping_cost: null,
    shipping_address_collection: null,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    currency_conversion: null,
    managed_payments: null,
  } as unknown as Stripe.Checkout.Session;
  context.state.putSession(sessionRecord(session, request));
  return session;
}

const requireOpen = (record: LocalSession) => {
  if (record.session.status !== "open")
    throw invalidRequest(`Checkout Session ${record.session.id} is ${record.session.status}, not open.`);
};

export async function expireSession(context: EmulatorContext, record: LocalSession): Promise<Delivery[]> {
  requireOpen(record);
  record.session.status = "expired";
  context.state.changed();
  return [await context.publish("checkout.session.expired", record.session)];
}

/** Sessions past their expiry become expired (and say so by webhook) when next touched, as in Stripe. */
export async function refreshExpiry(context: EmulatorContext, record: LocalSession): Promise<void> {
  if (record.session.status === "open" && record.session.expires_at <= nowSeconds())
    await expireSession(context, record);
}

function complete(record: LocalSession, paymentStatus: Stripe.Checkout.Session.PaymentStatus) {
  const { session } = record;
  session.status = "complete";
  session.payment_status = paymentStatus;
  session.customer_details = {
    ...stripeFixture<Stripe.Checkout.Session>("checkout.session").customer_details,
    email: session.customer_email,
  } as Stripe.Checkout.Session.CustomerDetails;
}

function paymentRequest(record: LocalSession) {
  const { session } = record;
  return {
    amount: session.amount_total ?? 0,
    currency: session.currency ?? "",
    metadata: { ...(record.paymentIntentMetadata ?? {}) },
    customer: null,
    email: session.customer_email,
    description: null,
  };
}

/** The donor pays on the hosted page: a card payment, or the first invoice of a subscription. */
export async function paySession(context: EmulatorContext, record: LocalSession): Promise<Delivery[]> {
  requireOpen(record);
  const { session } = record;
  if (session.mode === "subscription") {
    const started = startSubscription(context, record);
    complete(record, "paid");
    session.customer = started.customer.id;
    session.subscription = started.subscription.id;
    session.invoice = started.invoice.id;
    context.state.changed();
    // Stripe does not promise an order; invoice.paid usually arrives before the session's event.
    return [
      await context.publish("invoice.paid", started.invoice),
      await context.publish("checkout.session.completed", session),
    ];
  }
  const { intent } = chargeNow(context, paymentRequest(record));
  complete(record, "paid");
  session.payment_intent = intent.id;
  context.state.changed();
  return [await context.publish("checkout.session.completed", session)];
}

/** A delayed method (a bank transfer): the session completes unpaid and settles later. */
export async function startDelayedPayment(
  context: EmulatorContext,
  record: LocalSession,
): Promise<Delivery[]> {
  requireOpen(record);
  if (record.session.mode !== "payment")
    throw invalidRequest("Delayed payment methods are for payment mode only.");
  const intent = pendingIntent(context, paymentRequest(record));
  complete(record, "unpaid");
  record.session.payment_intent = intent.id;
  context.state.changed();
  return [await context.publish("checkout.session.completed", record.session)];
}

export async function settleDelayedPayment(
  context: EmulatorContext,
  record: LocalSession,
  succeed: boolean,
): Promise<Delivery[]> {
  const { session } = record;
  const intent =
    typeof session.payment_intent === "string"
      ? context.state.get<Stripe.PaymentIntent>(session.payment_intent, "payment_intent")
      : undefined;
  if (session.status !== "complete" || session.payment_status !== "unpaid" || intent?.status !== "processing")
    throw invalidRequest(`Checkout Session ${session.id} has no delayed payment waiting to settle.`);
  attemptCharge(context, intent, session.customer_email, succeed);
  if (succeed) session.payment_status = "paid";
  context.state.changed();
  const type = succeed ? "checkout.session.async_payment_succeeded" : "checkout.session.async_payment_failed";
  return [await context.publish(type, session)];
}
