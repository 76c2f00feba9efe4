/**
 * Stripe's Subscription (with its items and inline prices) for a monthly gift, from Stripe's fixture with
 * the fields a subscription's life is about set and the fixture's placeholders cleared.
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
