/** The donations and Stripe events the webhook bench sends, from the tests' Stripe fixtures. */
import type Stripe from "stripe";
import { buildEvent, chargeObject, invoiceObject, refundObject } from "../tests/support/stripe-events.ts";

/** Gifts of 10.00, 11.00, ... SAR and monthly gifts of 20.00, 21.00, ...: a lost or doubled one shows. */
export const oneTimeAmount = (index: number) => 1000 + index * 100;
export const monthlyAmount = (index: number) => 2000 + index * 100;
/** A partial refund of a quarter of each one-time gift. */
export const refundAmount = (index: number) => oneTimeAmount(index) / 4;

/** charge.refunded listing one partial refund of the bench's one-time gift `index`. */
export function refundEvent(donationId: string, index: number): Stripe.Event {
  const chargeId = `ch_bench_${index}`;
  const refund = refundObject({ id: `re_bench_${index}`, charge: chargeId, amount: refundAmount(index) });
  const charge = chargeObject({
    id: chargeId,
    paymentIntent: `pi_test_${donationId.slice(-10)}`,
    donationId,
    amount: oneTimeAmount(index),
  });
  return buildEvent("charge.refunded", {
    ...charge,
    amount_refunded: refund.amount,
    refunds: { object: "list", data: [refund], has_more: false, url: "/v1/refunds" },
  });
}

/** invoice.paid for this month of a monthly donation; it also links the subscription. */
export function invoicePaidEvent(donationId: string, index: number): Stripe.Event {
  return buildEvent(
    "invoice.paid",
    invoiceObject({
      donationId,
      id: `in_bench_${index}`,
      subscription: `sub_bench_${index}`,
      amount: monthlyAmount(index),
      periodStart: Math.floor(Date.now() / 1000),
    }),
  );
}
