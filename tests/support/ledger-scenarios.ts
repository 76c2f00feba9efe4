/**
 * Whole donation lives as Stripe reports them (its fixture objects, as events), for the ledger's property
 * tests: a one-time gift or a monthly one, with refunds, a dispute, failures, expiry and cancellation,
 * and what the ledger must show once every event has been applied.
 */
import fc from "fast-check";
import type Stripe from "stripe";
import type { DonationIntent } from "../../functions/domain/model.ts";
import {
  buildEvent,
  chargeObject,
  completedSession,
  disputeObject,
  invoiceObject,
  refundObject,
  subscriptionObject,
} from "./stripe-events.ts";

export interface Scenario {
  donation: DonationIntent;
  events: Stripe.Event[];
  /** What Stripe's API would answer: the donation of each payment intent, the refunds of each charge. */
  owners: Map<string, string>;
  refundsByCharge: Map<string, Stripe.Refund[]>;
  expected: {
    raised: number;
    paid: number;
    payments: number;
    refunded: number;
    disputed: number;
    entries: number;
    /** Monthly gifts: the cancellation at the period's end in force once every event is applied. */
    cancelAt?: string;
  };
}

type DisputeOutcome = "none" | "open" | "won" | "lost";

export interface ScenarioShape {
  interval: "once" | "month";
  currency: "SAR" | "KWD";
  /** Whole units of 10 minor units, so KWD amounts stay chargeable. */
  tens: number;
  months: number;
  delayedPayment: boolean;
  expired: boolean;
  refundShares: number[];
  refundsListed: boolean;
  dispute: DisputeOutcome;
  failedAttempts: number;
  canceled: boolean;
  /** Monthly gifts: a cancellation at the period's end asked for, or asked for and then taken back. */
  schedule: "none" | "scheduled" | "withdrawn";
}

export const scenarioShapes: fc.Arbitrary<ScenarioShape> = fc.record({
  interval: fc.constantFrom("once", "month"),
  currency: fc.constantFrom("SAR", "KWD"),
  tens: fc.integer({ min: 100, max: 50_000 }),
  months: fc.integer({ min: 1, max: 4 }),
  delayedPayment: fc.boolean(),
  expired: fc.boolean(),
  // Shares of the refunded charge, in tenths: at most the whole of it.
  refundShares: fc
    .array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 })
    .filter((shares) => shares.reduce((a, b) => a + b, 0) <= 10),
  refundsListed: fc.boolean(),
  dispute: fc.constantFrom<DisputeOutcome>("none", "open", "won", "lost"),
  failedAttempts: fc.integer({ min: 0, max: 3 }),
  canceled: fc.boolean(),
  schedule: fc.constantFrom("none", "scheduled", "withdrawn"),
});

const T0 = 1_780_000_000;
const MONTH = 30 * 86_400;

/** A scenario for one donation id; ids of Stripe objects derive from it so scenarios never collide. */
export function buildScenario(shape: ScenarioShape, donationId: string): Scenario {
  const tag = donationId.slice(-8);
  const amount = shape.tens * 10;
  const currency = shape.currency.toLowerCase();
  const donation: DonationIntent = {
    donationId,
    fund: { kind: "initiative", initiativeId: "orphans-and-productive-families" },
    amount: { value: amount, currency: shape.currency },
    interval: shape.interval,
    designation: shape.interval === "month" ? "zakat" : "sadaqah",
    anonymous: false,
    donor: { name: "Huda", email: "huda@example.com" },
    donorId: `dnr_${tag}`,
    locale: "ar",
    checkoutSessionId: `cs_test_${tag}`,
    createdAt: new Date(T0 * 1000).toISOString(),
  };
  const events: Stripe.Event[] = [];
  const owners = new Map<string, string>();
  const refundsByCharge = new Map<string, Stripe.Refund[]>();
  const metadata = { donationId };
  // The charges money came in by: one for a one-time gift, one per month otherwise.
  const charges: { id: string; paymentIntent: string }[] = [];
  let cancelAt: string | undefined;

  if (shape.interval === "once") {
    const paymentIntent = `pi_${tag}`;
    const paid = completedSession({
      id: donation.checkoutSessionId,
      amount_total: amount,
      currency,
      metadata,
      payment_intent: paymentIntent,
    });
    if (shape.delayedPayment) {
      events.push(buildEvent("checkout.session.completed", { ...paid, payment_status: "unpaid" }));
      events.push(buildEvent("checkout.session.async_payment_succeeded", paid));
    } else events.push(buildEvent("checkout.session.completed", paid));
    if (shape.expired)
      events.push(
        buildEvent("checkout.session.expired", { ...paid, status: "expired", payment_status: "unpaid" }),
      );
    owners.set(paymentIntent, donationId);
    charges.push({ id: `ch_${tag}`, paymentIntent });
  } else {
    const subscription = `sub_${tag}`;
    events.push(
      buildEvent("checkout.session.completed", {
        ...completedSession({ id: donation.checkoutSessionId, amount_total: amount, currency, metadata }),
        mode: "subscription",
        payment_intent: null,
        subscription,
      }),
    );
    for (let month = 0; month < shape.months; month += 1) {
      const id = `in_${tag}_${month}`;
      const periodStart = T0 + month * MONTH;
      events.push(
        buildEvent(
          "invoice.paid",
          invoiceObject({
            donationId,
            id,
            amount,
            currency,
            subscription,
            periodStart,
            periodEnd: periodStart + MONTH,
          }),
        ),
      );
      // Invoice charges carry no metadata: Stripe's API says which donation they belong to.
      owners.set(`pi_${tag}_${month}`, donationId);
      charges.push({ id: `ch_${tag}_${month}`, paymentIntent: `pi_${tag}_${month}` });
    }
    for (let attempt = 1; attempt <= shape.failedAttempts; attempt += 1) {
      const failed = {
        ...invoiceObject({ donationId, id: `in_${tag}_late`, amount, currency, subscription }),
        amount_paid: 0,
        attempt_count: attempt,
        status: "open",
      };
      events.push(buildEvent("invoice.payment_failed", failed));
    }
    // The donor asks to stop at the period's end (Stripe's customer.subscription.updated), maybe taking it back.
    const periodEnd = T0 + shape.months * MONTH;
    const scheduling = (cancelAtPeriodEnd: boolean, created: number) => ({
      ...buildEvent("customer.subscription.updated", {
        ...subscriptionObject({ id: subscription, donationId, endedAt: 0 }),
        status: "active",
        ended_at: null,
        cancel_at_period_end: cancelAtPeriodEnd,
        cancel_at: cancelAtPeriodEnd ? periodEnd : null,
      }),
      created,
    });
    if (shape.schedule !== "none") events.push(scheduling(true, T0 + MONTH / 2));
    if (shape.schedule === "withdrawn") events.push(scheduling(false, T0 + MONTH / 2 + 3_600));
    if (shape.schedule === "scheduled") cancelAt = new Date(periodEnd * 1000).toISOString();
    if (shape.canceled) {
      events.push(
        buildEvent(
          "customer.subscription.deleted",
          subscriptionObject({ id: subscription, donationId, endedAt: T0 + shape.months * MONTH }),
        ),
      );
    }
  }

  // Refunds and a dispute on the last charge; a dispute covers what was not refunded.
  const target = charges.at(-1) as { id: string; paymentIntent: string };
  const refunds: Stripe.Refund[] = [];
  for (const [index, share] of shape.refundShares.entries()) {
    const value = Math.floor((amount * share) / 10 / 10) * 10;
    if (value === 0) continue;
    refunds.push(
      refundObject({
        id: `re_${tag}_${index}`,
        charge: target.id,
        amount: value,
        currency,
        created: T0 + 86_400 * (index + 1),
      }),
    );
    const charge = chargeObject({
      id: target.id,
      paymentIntent: target.paymentIntent,
      amount,
      currency,
      ...(shape.interval === "once" ? { donationId } : {}),
    });
    const refunded = refunds.reduce((sum, refund) => sum + refund.amount, 0);
    events.push(
      buildEvent("charge.refunded", {
        ...charge,
        amount_refunded: refunded,
        refunded: refunded === amount,
        // Each event lists the refunds made so far, or (as Stripe does by default) none at all.
        refunds: shape.refundsListed
          ? { object: "list", has_more: false, url: "/v1/refunds", data: [...refunds] }
          : undefined,
      } as Stripe.Charge),
    );
  }
  refundsByCharge.set(target.id, refunds);
  const refunded = refunds.reduce((sum, refund) => sum + refund.amount, 0);
  const disputable = amount - refunded;
  let disputed = 0;
  let disputeEntries = 0;
  if (shape.dispute !== "none" && disputable > 0) {
    const opened = disputeObject({
      id: `dp_${tag}`,
      charge: target.id,
      paymentIntent: target.paymentIntent,
      amount: disputable,
      status: "needs_response",
      currency,
    });
    events.push(buildEvent("charge.dispute.created", opened));
    disputed = disputable;
    disputeEntries = 1;
    if (shape.dispute !== "open")
      events.push(buildEvent("charge.dispute.closed", { ...opened, status: shape.dispute }));
    if (shape.dispute === "won") {
      disputed = 0;
      disputeEntries = 2;
    }
  }
  const payments = shape.interval === "once" ? 1 : shape.months;
  const paid = payments * amount;
  return {
    donation,
    events,
    owners,
    refundsByCharge,
    expected: {
      raised: paid - refunded - disputed,
      paid,
      payments,
      refunded,
      disputed,
      entries: payments + refunds.length + disputeEntries,
      ...(cancelAt ? { cancelAt } : {}),
    },
  };
}
