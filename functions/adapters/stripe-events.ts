import type Stripe from "stripe";
import type { DonationMark, Movement, PaymentEvent } from "../domain/model.ts";

/**
 * Reduces a verified Stripe event to the domain's PaymentEvent: which donation, which money, which marks.
 * Only Stripe's field names live here.
 */

const iso = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString();

function money(value: number, currency: string) {
  // A signed event that still lacks an amount is malformed: refuse it rather than record NaN.
  if (!Number.isSafeInteger(value) || typeof currency !== "string") {
    throw new TypeError(`Not an amount: ${String(value)} ${String(currency)}`);
  }
  return { value, currency: currency.toUpperCase() };
}

const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === "string" ? value : (value?.id ?? undefined);

function base(event: Stripe.Event, parts: Partial<PaymentEvent> = {}): PaymentEvent {
  return { id: event.id, providerType: event.type, movements: [], marks: [], ...parts };
}

const withDonation = (donationId: string | null | undefined) => (donationId ? { donationId } : {});

function checkoutCompleted(event: Stripe.Event, session: Stripe.Checkout.Session): PaymentEvent {
  const donationId = session.metadata?.donationId ?? session.client_reference_id;
  if (session.mode === "subscription") {
    // Monthly charges are money through invoice.paid; the session only links the subscription.
    const subscriptionId = idOf(session.subscription);
    const marks: DonationMark[] = subscriptionId ? [{ kind: "subscription", subscriptionId }] : [];
    return base(event, { ...withDonation(donationId), marks });
  }
  const paymentIntentId = idOf(session.payment_intent);
  const paid = session.payment_status === "paid";
  // A completed session with a delayed method is not money yet; its async_payment event will be.
  if (!paid || !paymentIntentId || !session.amount_total || !session.currency) {
    const awaiting = session.status === "complete" && session.payment_status === "unpaid";
    const marks: DonationMark[] = awaiting ? [{ kind: "awaitingPayment", at: iso(event.created) }] : [];
    return base(event, { ...withDonation(donationId), marks });
  }
  const payment: Movement = {
    kind: "payment",
    ref: paymentIntentId,
    amount: money(session.amount_total, session.currency),
    at: iso(event.created),
  };
  return base(event, { ...withDonation(donationId), movements: [payment] });
}

function invoiceDetails(invoice: Stripe.Invoice) {
  const details = invoice.parent?.subscription_details;
  return { donationId: details?.metadata?.donationId, subscriptionId: idOf(details?.subscription) };
}

function invoicePaid(event: Stripe.Event, invoice: Stripe.Invoice): PaymentEvent {
  const { donationId, subscriptionId } = invoiceDetails(invoice);
  const marks: DonationMark[] = subscriptionId ? [{ kind: "subscription", subscriptionId }] : [];
  if (!invoice.id || invoice.amount_paid <= 0) return base(event, { ...withDonation(donationId), marks });
  // The line's period is the month paid for (the invoice's own period_* describe pending items).
  const line = invoice.lines?.data?.[0]?.period;
  const period = line ? { start: iso(line.start), end: iso(line.end) } : undefined;
  const payment: Movement = {
    kind: "payment",
    ref: invoice.id,
    amount: money(invoice.amount_paid, invoice.currency),
    at: iso(invoice.status_transitions?.paid_at ?? event.created),
    ...(period ? { period } : {}),
  };
  if (period) marks.push({ kind: "paidThrough", until: period.end });
  return base(event, { ...withDonation(donationId), movements: [payment], marks });
}

function invoiceFailed(event: Stripe.Event, invoice: Stripe.Invoice): PaymentEvent {
  const { donationId } = invoiceDetails(invoice);
  return base(event, {
    ...withDonation(donationId),
    marks: [{ kind: "failedAttempt", attempt: `${invoice.id}#${invoice.attempt_count}` }],
  });
}

/** Card refunds that are done or on their way back; failed and cancelled ones moved nothing. */
const MOVED_REFUND = new Set(["succeeded", "pending"]);

export function refundMovement(refund: Stripe.Refund): Movement | undefined {
  if (!MOVED_REFUND.has(refund.status ?? "")) return undefined;
  return {
    kind: "refund",
    ref: refund.id,
    amount: money(refund.amount, refund.currency),
    at: iso(refund.created),
    ...(idOf(refund.charge) ? { chargeId: idOf(refund.charge) as string } : {}),
  };
}

function chargeRefunded(event: Stripe.Event, charge: Stripe.Charge): PaymentEvent {
  const paymentIntentId = idOf(charge.payment_intent);
  const who = {
    ...withDonation(charge.metadata?.donationId),
    ...(paymentIntentId ? { paymentIntentId } : {}),
  };
  const listed = charge.refunds;
  // Stripe leaves the list out of events unless expanded; then the refunds are listed from the API.
  if (!listed || listed.has_more) return base(event, { ...who, refundsOfCharge: charge.id });
  const movements = listed.data.flatMap((refund) => refundMovement(refund) ?? []);
  return base(event, { ...who, movements });
}

function dispute(event: Stripe.Event, dispute: Stripe.Dispute): PaymentEvent {
  const paymentIntentId = idOf(dispute.payment_intent);
  const who = paymentIntentId ? { paymentIntentId } : {};
  // Inquiries and early warnings take no money; only a real dispute withdraws the amount.
  if (dispute.status.startsWith("warning_")) return base(event, who);
  const common = { ref: dispute.id, amount: money(dispute.amount, dispute.currency) };
  const chargeId = idOf(dispute.charge);
  const withdrawal: Movement = {
    kind: "dispute_withdrawal",
    ...common,
    at: iso(dispute.created),
    ...(chargeId ? { chargeId } : {}),
  };
  const movements = [withdrawal];
  if (event.type === "charge.dispute.closed" && dispute.status === "won") {
    const reinstated = dispute.balance_transactions.find((transaction) => transaction.amount > 0);
    movements.push({
      kind: "dispute_reinstatement",
      ...common,
      at: iso(reinstated?.created ?? event.created),
      ...(chargeId ? { chargeId } : {}),
    });
  }
  return base(event, { ...who, movements });
}

function subscriptionEnded(event: Stripe.Event, subscription: Stripe.Subscription): PaymentEvent {
  const at = subscription.ended_at ?? subscription.canceled_at ?? event.created;
  return base(event, {
    ...withDonation(subscription.metadata?.donationId),
    marks: [{ kind: "canceled", at: iso(at) }],
  });
}

/** The donor asked to stop at the period's end (the customer portal), or took it back. */
function subscriptionUpdated(event: Stripe.Event, subscription: Stripe.Subscription): PaymentEvent {
  const cancelAt =
    subscription.cancel_at_period_end && subscription.cancel_at ? iso(subscription.cancel_at) : null;
  return base(event, {
    ...withDonation(subscription.metadata?.donationId),
    marks: [{ kind: "cancelSchedule", at: iso(event.created), cancelAt }],
  });
}

export function toPaymentEvent(event: Stripe.Event): PaymentEvent {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
      return checkoutCompleted(event, event.data.object);
    case "checkout.session.async_payment_failed": {
      const session = event.data.object;
      return base(event, {
        ...withDonation(session.metadata?.donationId ?? session.client_reference_id),
        marks: [{ kind: "failed", at: iso(event.created) }],
      });
    }
    case "checkout.session.expired": {
      const session = event.data.object;
      return base(event, {
        ...withDonation(session.metadata?.donationId ?? session.client_reference_id),
        marks: [{ kind: "expired", at: iso(event.created) }],
      });
    }
    case "invoice.paid":
      return invoicePaid(event, event.data.object);
    case "invoice.payment_failed":
      return invoiceFailed(event, event.data.object);
    case "charge.refunded":
      return chargeRefunded(event, event.data.object);
    case "charge.dispute.created":
    case "charge.dispute.closed":
      return dispute(event, event.data.object);
    case "customer.subscription.deleted":
      return subscriptionEnded(event, event.data.object);
    case "customer.subscription.updated":
      return subscriptionUpdated(event, event.data.object);
    default:
      return base(event);
  }
}
