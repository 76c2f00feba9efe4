/**
 * Stripe's billing objects (Subscription, Invoice, InvoicePayment) for a monthly gift, from Stripe's
 * fixtures with the fields a subscription's life is about set and the fixture's placeholders cleared.
 */
import type Stripe from "stripe";
import { stripeFixture } from "./fixtures.ts";
import { nowSeconds } from "./objects.ts";
import type { LocalLineItem } from "./state.ts";
import { localId } from "./webhook-sender.ts";

type Recurring = NonNullable<LocalLineItem["recurring"]>;
/** A line item with the Product Stripe made for it. */
export type ProductLineItem = LocalLineItem & { product: string };

/**
 * The end of the `count`-th period after `anchor`: calendar months keep the anchor's day of the month,
 * or the month's last day when it is shorter (Stripe bills a subscription started on 31 January on
 * 28 February, then on 31 March).
 */
export function periodBoundary(anchor: number, recurring: Recurring, count: number): number {
  const steps = recurring.interval_count * count;
  if (recurring.interval === "day" || recurring.interval === "week") {
    return anchor + steps * (recurring.interval === "day" ? 1 : 7) * 86_400;
  }
  const months = recurring.interval === "year" ? steps * 12 : steps;
  const start = new Date(anchor * 1000);
  const target = new Date(start);
  target.setUTCDate(1);
  target.setUTCMonth(start.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return Math.floor(target.getTime() / 1000);
}

function recurringPrice(item: ProductLineItem & { recurring: Recurring }): Stripe.Price {
  return {
    ...stripeFixture<Stripe.Price>("price"),
    id: localId("price"),
    created: nowSeconds(),
    // Prices made from `price_data` are inactive: they exist only for this subscription.
    active: false,
    currency: item.currency,
    custom_unit_amount: null,
    product: item.product,
    recurring: { ...item.recurring, meter: null, usage_type: "licensed", trial_period_days: null },
    transform_quantity: null,
    type: "recurring",
    unit_amount: item.unitAmount,
    unit_amount_decimal: String(item.unitAmount),
  } as unknown as Stripe.Price;
}

export function subscription(fields: {
  customer: string;
  items: ProductLineItem[];
  metadata: Stripe.Metadata;
  currency: string;
}): Stripe.Subscription {
  const fixture = stripeFixture<Stripe.Subscription>("subscription");
  const id = localId("sub");
  const start = nowSeconds();
  const fixtureItem = fixture.items.data[0] as Stripe.SubscriptionItem;
  const data = fields.items.flatMap((item): Stripe.SubscriptionItem[] => {
    if (!item.recurring) return [];
    const price = recurringPrice({ ...item, recurring: item.recurring });
    const plan = {
      ...fixtureItem.plan,
      id: price.id,
      active: false,
      amount: item.unitAmount,
      amount_decimal: String(item.unitAmount),
      billing_scheme: "per_unit",
      created: price.created,
      currency: item.currency,
      interval: item.recurring.interval,
      interval_count: item.recurring.interval_count,
      livemode: false,
      metadata: {},
      product: price.product,
      transform_usage: null,
    } as unknown as Stripe.Plan;
    return [
      {
        ...fixtureItem,
        id: localId("si"),
        created: start,
        price,
        plan,
        quantity: item.quantity,
        subscription: id,
        current_period_start: start,
        current_period_end: periodBoundary(start, item.recurring, 1),
        billing_thresholds: null,
      },
    ];
  });
  return {
    ...fixture,
    id,
    created: start,
    start_date: start,
    billing_cycle_anchor: start,
    billing_cycle_anchor_config: null,
    billing_schedules: [],
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { ...fixture.cancellation_details, comment: null, feedback: null, reason: null },
    currency: fields.currency,
    customer: fields.customer,
    default_payment_method: localId("pm"),
    ended_at: null,
    items: { object: "list", data, has_more: false, url: `/v1/subscription_items?subscription=${id}` },
    latest_invoice: null,
    managed_payments: null,
    metadata: fields.metadata,
    next_pending_invoice_item_invoice: null,
    pause_collection: null,
    pending_invoice_item_interval: null,
    pending_update: null,
    status: "active",
    transfer_data: null,
    trial_end: null,
    trial_start: null,
  } as Stripe.Subscription;
}

export interface InvoiceLine {
  item: ProductLineItem;
  /** The subscription item it bills; one-time items of the first invoice have none. */
  subscriptionItem?: Stripe.SubscriptionItem;
  period: { start: number; end: number };
}

function invoiceLine(line: InvoiceLine, invoiceId: string, sub: Stripe.Subscription): Stripe.InvoiceLineItem {
  const fixture = stripeFixture<Stripe.Invoice>("invoice").lines.data[0] as Stripe.InvoiceLineItem;
  const { item, subscriptionItem } = line;
  const amount = item.unitAmount * item.quantity;
  const price = subscriptionItem?.price;
  return {
    ...fixture,
    id: localId("il"),
    amount,
    currency: item.currency,
    description: `${item.quantity} × ${item.name}`,
    invoice: invoiceId,
    // Stripe gives subscription lines the subscription's metadata.
    metadata: subscriptionItem ? { ...sub.metadata } : {},
    period: line.period,
    quantity: item.quantity,
    parent: subscriptionItem
      ? {
          type: "subscription_item_details",
          invoice_item_details: null,
          subscription_item_details: {
            invoice_item: null,
            proration: false,
            proration_details: { credited_items: null },
            subscription: sub.id,
            subscription_item: subscriptionItem.id,
          },
        }
      : {
          type: "invoice_item_details",
          subscription_item_details: null,
          invoice_item_details: {
            invoice_item: localId("ii"),
            proration: false,
            proration_details: { credited_items: null },
            subscription: sub.id,
          },
        },
    pricing: {
      type: "price_details",
      price_details: { price: price?.id ?? localId("price"), product: item.product },
      unit_amount_decimal: String(item.unitAmount),
    },
    subtotal: amount,
    taxes: [],
    pretax_credit_amounts: [],
  } as unknown as Stripe.InvoiceLineItem;
}

/** An open, finalized invoice of the subscription; paying or failing it is the caller's. */
export function invoice(fields: {
  subscription: Stripe.Subscription;
  customer: Stripe.Customer;
  lines: InvoiceLine[];
  billingReason: Stripe.Invoice.BillingReason;
  period: { start: number; end: number };
}): Stripe.Invoice {
  const { subscription: sub, customer } = fields;
  const id = localId("in");
  const created = nowSeconds();
  const lines = fields.lines.map((line) => invoiceLine(line, id, sub));
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  const sequence = customer.next_invoice_sequence ?? 1;
  customer.next_invoice_sequence = sequence + 1;
  return {
    ...stripeFixture<Stripe.Invoice>("invoice"),
    id,
    created,
    amount_due: total,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: total,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    billing_reason: fields.billingReason,
    currency: sub.currency,
    customer: customer.id,
    customer_address: null,
    customer_email: customer.email,
    customer_shipping: null,
    due_date: null,
    effective_at: created,
    ending_balance: 0,
    from_invoice: null,
    last_finalization_error: null,
    lines: { object: "list", data: lines, has_more: false, url: `/v1/invoices/${id}/lines` },
    next_payment_attempt: null,
    number: `${customer.invoice_prefix}-${String(sequence).padStart(4, "0")}`,
    parent: {
      type: "subscription_details",
      quote_details: null,
      subscription_details: { subscription: sub.id, metadata: { ...sub.metadata } },
    },
    period_start: fields.period.start,
    period_end: fields.period.end,
    shipping_cost: null,
    shipping_details: null,
    status: "open",
    status_transitions: {
      finalized_at: created,
      marked_uncollectible_at: null,
      paid_at: null,
      voided_at: null,
    },
    subtotal: total,
    subtotal_excluding_tax: total,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  } as Stripe.Invoice;
}

export function invoicePayment(of: Stripe.Invoice, intent: Stripe.PaymentIntent): Stripe.InvoicePayment {
  return {
    ...stripeFixture<Stripe.InvoicePayment>("invoice_payment"),
    id: localId("inpay"),
    created: nowSeconds(),
    amount_paid: null,
    amount_requested: of.amount_due,
    currency: of.currency,
    invoice: of.id,
    is_default: true,
    livemode: false,
    payment: { type: "payment_intent", payment_intent: intent.id },
    status: "open",
    status_transitions: { canceled_at: null, paid_at: null },
  };
}
