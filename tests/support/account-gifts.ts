/**
 * Gifts paid at chosen moments through the real webhook, for the account tests: Stripe's events with their
 * `created` (which dates a payment) and refunds with theirs.
 */
import { expect } from "vitest";
import { donationRequest, sessionIdOf, startCheckout } from "./donations.ts";
import {
  buildEvent,
  chargeObject,
  completedSession,
  postWebhook,
  refundObject,
  signedDelivery,
} from "./stripe-events.ts";

export const epochOf = (iso: string) => Math.floor(Date.parse(iso) / 1000);

export interface PaidGift {
  donationId: string;
  paymentIntent: string;
}

/** A one-time gift checked out through the API and paid at `at` (Stripe's checkout.session.completed). */
export async function payOnce(
  baseUrl: string,
  gift: {
    email: string;
    name?: string;
    value: number;
    currency: string;
    designation: string;
    initiativeId?: string;
    at: string;
  },
): Promise<PaidGift> {
  const started = await startCheckout(
    baseUrl,
    donationRequest({
      initiativeId: gift.initiativeId,
      amount: { value: gift.value, currency: gift.currency },
      designation: gift.designation,
      donor: { name: gift.name ?? "Layla Al-Otaibi", email: gift.email },
    }),
  );
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const donationId = String(started.body.donationId);
  const paymentIntent = `pi_acct_${donationId.slice(-10)}`;
  const event = buildEvent(
    "checkout.session.completed",
    completedSession({
      id: sessionIdOf(started.body.checkoutUrl),
      amount_total: gift.value,
      currency: gift.currency.toLowerCase(),
      client_reference_id: donationId,
      metadata: { donationId },
      payment_intent: paymentIntent,
    }),
  );
  const paid = await postWebhook(baseUrl, signedDelivery({ ...event, created: epochOf(gift.at) }));
  expect(paid.body.outcome).toBe("recorded");
  return { donationId, paymentIntent };
}

/** Stripe's charge.refunded listing one refund made at `at`. */
export async function refund(
  baseUrl: string,
  gift: PaidGift,
  refunded: { value: number; charged: number; currency: string; at: string },
) {
  const charge = `ch_${gift.donationId.slice(-10)}`;
  const event = buildEvent("charge.refunded", {
    ...chargeObject({
      id: charge,
      paymentIntent: gift.paymentIntent,
      donationId: gift.donationId,
      amount: refunded.charged,
      currency: refunded.currency,
    }),
    amount_refunded: refunded.value,
    refunds: {
      object: "list",
      data: [
        refundObject({
          id: `re_${gift.donationId.slice(-10)}`,
          charge,
          amount: refunded.value,
          currency: refunded.currency,
          created: epochOf(refunded.at),
        }),
      ],
      has_more: false,
      url: "/v1/refunds",
    },
  });
  expect((await postWebhook(baseUrl, signedDelivery(event))).body.outcome).toBe("recorded");
}
