/** A monthly gift's life in Stripe Billing: started by Checkout, renewed, retried, canceled. */
import type Stripe from "stripe";
import { attemptCharge, type EmulatorContext } from "./context.ts";
import { invalidRequest } from "./http.ts";
import { type InvoiceLine, invoice, invoicePayment } from "./invoice-objects.ts";
import { customer as newCustomer, product as newProduct, nowSeconds, paymentIntent } from "./objects.ts";
import type { Delivery, LocalSession } from "./state.ts";
import { type ProductLineItem, periodBoundary, subscription } from "./subscription-objects.ts";

type Period = { start: number; end: number };

const HOUR = 3600;
/** Stripe's Smart Retries spread attempts over days; the emulator says when the next one would be. */
const RETRY_DELAY_SECONDS = 3 * 24 * HOUR;

/** A subscription item as an invoice line's source, named after the Product Stripe made at checkout. */
function lineItemOf(context: EmulatorContext, item: Stripe.SubscriptionItem): ProductLineItem {
  const price = item.price;
  const product = String(price.product);
  return {
    name: context.state.get<Stripe.Product>(product, "product")?.name ?? "",
    product,
    currency: price.currency,
    unitAmount: price.unit_amount ?? 0,
    quantity: item.quantity ?? 1,
    ...(price.recurring
      ? { recurring: { interval: price.recurring.interval, interval_count: price.recurring.interval_count } }
      : {}),
  };
}

/**
 * One attempt to pay an open invoice with its PaymentIntent (created on the first attempt and reused by
 * retries, as Stripe does). Invoice charges carry no metadata: Stripe does not copy any onto them.
 */
function attemptInvoice(context: EmulatorContext, bill: Stripe.Invoice, succeed: boolean): void {
  const { state } = context;
  let link = state
    .list<Stripe.InvoicePayment>("invoice_payment")
    .find((payment) => payment.invoice === bill.id);
  let intent = link?.payment.payment_intent
    ? state.get<Stripe.PaymentIntent>(String(link.payment.payment_intent), "payment_intent")
    : undefined;
  if (!link || !intent) {
    intent = state.put(
      paymentIntent({
        amount: bill.amount_due,
        currency: bill.currency,
        metadata: {},
        customer: typeof bill.customer === "string" ? bill.customer : null,
        description:
          bill.billing_reason === "subscription_create" ? "Subscription creation" : "Subscription update",
        status: "requires_payment_method",
      }),
    );
    link = state.put(invoicePayment(bill, intent));
  }
  attemptCharge(context, intent, bill.customer_email, succeed);
  const now = nowSeconds();
  bill.attempt_count += 1;
  bill.attempted = true;
  if (succeed) {
    bill.status = "paid";
    bill.amount_paid = bill.amount_due;
    bill.amount_remaining = 0;
    bill.next_payment_attempt = null;
    bill.status_transitions.paid_at = now;
    link.status = "paid";
    link.amount_paid = bill.amount_due;
    link.status_transitions.paid_at = now;
  } else {
    bill.next_payment_attempt =
      bill.attempt_count < context.failedAttemptsBeforeCancel ? now + RETRY_DELAY_SECONDS : null;
  }
  state.changed();
}

function linesFor(context: EmulatorContext, sub: Stripe.Subscription, period: Period): InvoiceLine[] {
  return sub.items.data.map((item) => ({ item: lineItemOf(context, item), subscriptionItem: item, period }));
}

/** Checkout's subscription: a customer, the subscription and its first invoice, paid. */
export function startSubscription(context: EmulatorContext, record: LocalSession) {
  const { state } = context;
  const { session } = record;
  const items = (record.lineItems ?? []).map((item) => ({
    ...item,
    product: state.put(newProduct(item.name)).id,
  }));
  const payer = state.put(newCustomer(session.customer_email));
  const sub = state.put(
    subscription({
      customer: payer.id,
      items,
      metadata: { ...(record.subscriptionMetadata ?? {}) },
      currency: session.currency ?? "",
    }),
  );
  const first = sub.items.data[0];
  const period = { start: sub.start_date, end: first?.current_period_end ?? sub.start_date };
  const oneTime = items
    .filter((item) => !item.recurring)
    .map((item) => ({ item, period: { start: period.start, end: period.start } }));
  const bill = state.put(
    invoice({
      subscription: sub,
      customer: payer,
      lines: [...linesFor(context, sub, period), ...oneTime],
      billingReason: "subscription_create",
      period: { start: sub.created, end: sub.created },
    }),
  );
  attemptInvoice(context, bill, true);
  sub.latest_invoice = bill.id;
  return { customer: payer, subscription: sub, invoice: bill };
}

function cancelNow(
  context: EmulatorContext,
  sub: Stripe.Subscription,
  reason: Stripe.Subscription.CancellationDetails.Reason,
) {
  const now = nowSeconds();
  sub.status = "canceled";
  sub.canceled_at ??= now;
  sub.ended_at = now;
  sub.cancellation_details = {
    ...sub.cancellation_details,
    reason,
  } as Stripe.Subscription.CancellationDetails;
  context.state.changed();
  return context.publish("customer.subscription.deleted", sub);
}

const requireLive = (sub: Stripe.Subscription) => {
  if (sub.status === "canceled" || sub.status === "incomplete_expired")
    throw invalidRequest(`Subscription ${sub.id} is ${sub.status}.`, "subscription");
};

/** The subscription's invoice still waiting for its money (after failed attempts), if any. */
function openInvoiceOf(context: EmulatorContext, sub: Stripe.Subscription): Stripe.Invoice | undefined {
  return context.state
    .list<Stripe.Invoice>("invoice")
    .find(
      (candidate) =>
        candidate.parent?.subscription_details?.subscription === sub.id && candidate.status === "open",
    );
}

/**
 * A new card on a past-due subscription: Stripe attempts the open invoice again at once, and the
 * subscription is active again when it is paid.
 */
export async function payOpenInvoice(
  context: EmulatorContext,
  sub: Stripe.Subscription,
): Promise<Delivery[]> {
  requireLive(sub);
  const bill = openInvoiceOf(context, sub);
  if (!bill) return [];
  attemptInvoice(context, bill, true);
  sub.status = "active";
  context.state.changed();
  return [await context.publish("invoice.paid", bill)];
}

/**
 * The subscription's next billing: retries an invoice still open after a failure, else starts the next
 * period with a new invoice. A subscription set to end at the period's end ends instead of charging.
 */
export async function renewSubscription(
  context: EmulatorContext,
  sub: Stripe.Subscription,
  fail: boolean,
): Promise<Delivery[]> {
  requireLive(sub);
  if (sub.cancel_at_period_end) return [await cancelNow(context, sub, "cancellation_requested")];
  const { state } = context;
  let bill = openInvoiceOf(context, sub);
  if (!bill) {
    const previous = sub.items.data.map((item) => ({
      start: item.current_period_start,
      end: item.current_period_end,
    }));
    for (const item of sub.items.data) {
      const recurring = item.price.recurring;
      if (!recurring) continue;
      let count = 1;
      while (periodBoundary(sub.billing_cycle_anchor, recurring, count) <= item.current_period_end)
        count += 1;
      item.current_period_start = item.current_period_end;
      item.current_period_end = periodBoundary(sub.billing_cycle_anchor, recurring, count);
    }
    const first = sub.items.data[0];
    const period = { start: first?.current_period_start ?? 0, end: first?.current_period_end ?? 0 };
    const payer = state.get<Stripe.Customer>(String(sub.customer), "customer");
    if (!payer) throw invalidRequest(`Subscription ${sub.id} has no customer.`);
    bill = state.put(
      invoice({
        subscription: sub,
        customer: payer,
        lines: linesFor(context, sub, period),
        billingReason: "subscription_cycle",
        period: previous[0] ?? period,
      }),
    );
    sub.latest_invoice = bill.id;
  }
  attemptInvoice(context, bill, !fail);
  if (!fail) {
    sub.status = "active";
    return [await context.publish("invoice.paid", bill)];
  }
  sub.status = "past_due";
  const deliveries = [await context.publish("invoice.payment_failed", bill)];
  if (bill.attempt_count >= context.failedAttemptsBeforeCancel)
    deliveries.push(await cancelNow(context, sub, "payment_failed"));
  return deliveries;
}

/** `DELETE /v1/subscriptions/:id`: ends it now. */
export async function cancelSubscription(
  context: EmulatorContext,
  sub: Stripe.Subscription,
): Promise<Delivery[]> {
  requireLive(sub);
  return [await cancelNow(context, sub, "cancellation_requested")];
}

/** `POST /v1/subscriptions/:id` with `cancel_at_period_end`: ends it when the paid period runs out. */
export async function setCancelAtPeriodEnd(
  context: EmulatorContext,
  sub: Stripe.Subscription,
  atPeriodEnd: boolean,
): Promise<Delivery[]> {
  requireLive(sub);
  if (sub.cancel_at_period_end === atPeriodEnd) return [];
  const previous = {
    cancel_at_period_end: sub.cancel_at_period_end,
    cancel_at: sub.cancel_at,
    canceled_at: sub.canceled_at,
    cancellation_details: { ...sub.cancellation_details },
  };
  const periodEnd = sub.items.data[0]?.current_period_end ?? null;
  sub.cancel_at_period_end = atPeriodEnd;
  sub.cancel_at = atPeriodEnd ? periodEnd : null;
  sub.canceled_at = atPeriodEnd ? nowSeconds() : null;
  sub.cancellation_details = {
    ...sub.cancellation_details,
    reason: atPeriodEnd ? "cancellation_requested" : null,
  } as Stripe.Subscription.CancellationDetails;
  context.state.changed();
  return [await context.publish("customer.subscription.updated", sub, previous)];
}
