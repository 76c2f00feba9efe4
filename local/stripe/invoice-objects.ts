/** Stripe's Invoice (with its lines) and InvoicePayment for a subscription's billing. */
import type Stripe from "stripe";
import { stripeFixture } from "./fixtures.ts";
import { nowSeconds } from "./objects.ts";
import type { ProductLineItem } from "./subscription-objects.ts";
import { localId } from "./webhook-sender.ts";

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
