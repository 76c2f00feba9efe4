import type Stripe from "stripe";
import { describe, expect, it, vi } from "vitest";
import { createStripeClient, createStripeGateway } from "../../../functions/adapters/stripe.ts";
import { toPaymentEvent } from "../../../functions/adapters/stripe-events.ts";
import { InvalidSignatureError, MalformedEventError } from "../../../functions/domain/errors.ts";
import {
  buildEvent,
  chargeObject,
  completedSession,
  disputeObject,
  invoiceObject,
  refundObject,
  signedDelivery,
  signRaw,
  subscriptionObject,
} from "../../support/stripe-events.ts";

const settings = { secretKey: "sk_test_unit", webhookSecret: "whsec_unit_secret" };
const gateway = createStripeGateway(createStripeClient(settings), settings);
const at = (epoch: number) => new Date(epoch * 1000).toISOString();

describe("Stripe webhook parsing (real SDK signing and verification)", () => {
  const session = completedSession({
    id: "cs_test_unit",
    amount_total: 5000,
    currency: "kwd",
    metadata: { donationId: "don_1" },
    payment_intent: "pi_1",
  });
  const event = buildEvent("checkout.session.completed", session);

  it("turns a verified checkout.session.completed into a payment in upper-case currency", () => {
    const delivery = signedDelivery(event, { secret: settings.webhookSecret });
    expect(gateway.parseWebhookEvent(delivery.body, delivery.signature)).toEqual({
      id: event.id,
      providerType: "checkout.session.completed",
      donationId: "don_1",
      movements: [
        { kind: "payment", ref: "pi_1", amount: { value: 5000, currency: "KWD" }, at: at(event.created) },
      ],
      marks: [],
    });
  });

  it("refuses a correctly signed body that is not a Stripe event as malformed, never as ignored", () => {
    for (const body of [
      "null",
      "[]",
      "{}",
      '{"id":1}',
      '"evt_1"',
      '{"id":"evt_1","object":"event","type":"x"}',
    ]) {
      const signature = signRaw(body, settings.webhookSecret);
      expect(() => gateway.parseWebhookEvent(body, signature), body).toThrow(MalformedEventError);
    }
  });

  it("refuses missing, foreign, stale and tampered signatures", () => {
    const good = signedDelivery(event, { secret: settings.webhookSecret });
    const stale = signedDelivery(event, {
      secret: settings.webhookSecret,
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    const foreign = signedDelivery(event, { secret: "whsec_other" });
    expect(() => gateway.parseWebhookEvent(good.body, undefined)).toThrow(InvalidSignatureError);
    expect(() => gateway.parseWebhookEvent(foreign.body, foreign.signature)).toThrow(InvalidSignatureError);
    expect(() => gateway.parseWebhookEvent(stale.body, stale.signature)).toThrow(InvalidSignatureError);
    expect(() => gateway.parseWebhookEvent(`${good.body} `, good.signature)).toThrow(InvalidSignatureError);
  });

  it("accepts a signature 299 seconds old", () => {
    // The clock stands still, so the signature is 299 seconds old when checked, however slow the machine.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-10-22T09:00:00Z") });
    try {
      const recent = signedDelivery(event, {
        secret: settings.webhookSecret,
        timestamp: Math.floor(Date.now() / 1000) - 299,
      });
      expect(gateway.parseWebhookEvent(recent.body, recent.signature).movements).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses a correctly signed body that is not JSON, or an event missing its amounts, as malformed", () => {
    const notJson = signRaw("{not json", settings.webhookSecret);
    expect(() => gateway.parseWebhookEvent("{not json", notJson)).toThrow(MalformedEventError);
    const broken = buildEvent("invoice.paid", {
      ...invoiceObject({ donationId: "don_1" }),
      amount_paid: "a lot",
    });
    const signed = signedDelivery(broken, { secret: settings.webhookSecret });
    expect(() => gateway.parseWebhookEvent(signed.body, signed.signature)).toThrow(MalformedEventError);
  });
});

describe("what each Stripe event means for a donation", () => {
  const paidSession = completedSession({
    id: "cs_1",
    amount_total: 7500,
    currency: "sar",
    payment_intent: "pi_1",
  });

  it("checkout sessions: payment, delayed payment, its success and failure, expiry", () => {
    const withDonation = { ...paidSession, metadata: { donationId: "don_1" } };
    const unpaid = { ...withDonation, payment_status: "unpaid" } as Stripe.Checkout.Session;
    // A delayed method (a bank transfer): no money yet, but the donation waits for it.
    const awaiting = buildEvent("checkout.session.completed", unpaid);
    expect(toPaymentEvent(awaiting)).toMatchObject({
      donationId: "don_1",
      movements: [],
      marks: [{ kind: "awaitingPayment", at: at(awaiting.created) }],
    });
    const succeeded = buildEvent("checkout.session.async_payment_succeeded", withDonation);
    expect(toPaymentEvent(succeeded).movements).toEqual([
      { kind: "payment", ref: "pi_1", amount: { value: 7500, currency: "SAR" }, at: at(succeeded.created) },
    ]);
    const failed = buildEvent("checkout.session.async_payment_failed", unpaid);
    expect(toPaymentEvent(failed).marks).toEqual([{ kind: "failed", at: at(failed.created) }]);
    const expired = buildEvent("checkout.session.expired", { ...unpaid, status: "expired" });
    expect(toPaymentEvent(expired).marks).toEqual([{ kind: "expired", at: at(expired.created) }]);
  });

  it("finds the donation from client_reference_id when metadata lacks it", () => {
    const session = { ...paidSession, metadata: {}, client_reference_id: "don_ref" };
    expect(toPaymentEvent(buildEvent("checkout.session.completed", session)).donationId).toBe("don_ref");
  });

  it("a subscription checkout links the subscription; its money comes with invoice.paid", () => {
    const session = {
      ...paidSession,
      mode: "subscription",
      payment_intent: null,
      subscription: "sub_1",
      metadata: { donationId: "don_m" },
    } as Stripe.Checkout.Session;
    expect(toPaymentEvent(buildEvent("checkout.session.completed", session))).toMatchObject({
      donationId: "don_m",
      movements: [],
      marks: [{ kind: "subscription", subscriptionId: "sub_1" }],
    });
  });

  it("invoice.paid is one monthly payment for the period on its line, and moves paid-through", () => {
    const invoice = invoiceObject({
      donationId: "don_m",
      id: "in_1",
      amount: 30000,
      periodStart: 1_780_000_000,
      periodEnd: 1_782_592_000,
    });
    const event = toPaymentEvent(buildEvent("invoice.paid", invoice));
    expect(event).toMatchObject({
      donationId: "don_m",
      movements: [
        {
          kind: "payment",
          ref: "in_1",
          amount: { value: 30000, currency: "SAR" },
          at: at(invoice.status_transitions.paid_at as number),
          period: { start: at(1_780_000_000), end: at(1_782_592_000) },
        },
      ],
    });
    expect(event.marks).toEqual([
      { kind: "subscription", subscriptionId: "sub_1" },
      { kind: "paidThrough", until: at(1_782_592_000) },
    ]);
  });

  it("invoice.payment_failed counts the attempt once per invoice and attempt", () => {
    const invoice = {
      ...invoiceObject({ donationId: "don_m", id: "in_2" }),
      attempt_count: 2,
      amount_paid: 0,
    };
    expect(toPaymentEvent(buildEvent("invoice.payment_failed", invoice)).marks).toEqual([
      { kind: "failedAttempt", attempt: "in_2#2" },
    ]);
  });

  it("charge.refunded records each succeeded or pending refund, and asks for the list when it is left out", () => {
    const charge = chargeObject({ id: "ch_1", paymentIntent: "pi_1", donationId: "don_1", amount: 10000 });
    charge.refunds = {
      object: "list",
      has_more: false,
      url: "/v1/refunds",
      data: [
        refundObject({ id: "re_1", charge: "ch_1", amount: 2500, created: 1_790_000_000 }),
        refundObject({ id: "re_2", charge: "ch_1", amount: 1000, status: "failed", created: 1_790_000_100 }),
      ],
    };
    expect(toPaymentEvent(buildEvent("charge.refunded", charge))).toMatchObject({
      donationId: "don_1",
      paymentIntentId: "pi_1",
      movements: [
        {
          kind: "refund",
          ref: "re_1",
          amount: { value: 2500, currency: "SAR" },
          at: at(1_790_000_000),
          chargeId: "ch_1",
        },
      ],
    });
    const unlisted = { ...charge, refunds: undefined } as unknown as Stripe.Charge;
    expect(toPaymentEvent(buildEvent("charge.refunded", unlisted))).toMatchObject({
      refundsOfCharge: "ch_1",
      movements: [],
    });
  });

  it("disputes withdraw the amount; a won dispute also reinstates it; inquiries move nothing", () => {
    const opened = disputeObject({
      id: "dp_1",
      charge: "ch_1",
      paymentIntent: "pi_1",
      amount: 10000,
      status: "needs_response",
    });
    const created = toPaymentEvent(buildEvent("charge.dispute.created", opened));
    expect(created).toMatchObject({
      paymentIntentId: "pi_1",
      movements: [{ kind: "dispute_withdrawal", ref: "dp_1" }],
    });
    expect(created.donationId).toBeUndefined();
    const won = toPaymentEvent(buildEvent("charge.dispute.closed", { ...opened, status: "won" }));
    expect(won.movements.map((movement) => movement.kind)).toEqual([
      "dispute_withdrawal",
      "dispute_reinstatement",
    ]);
    expect(won.movements[0]).toEqual(created.movements[0]);
    const lost = toPaymentEvent(buildEvent("charge.dispute.closed", { ...opened, status: "lost" }));
    expect(lost.movements).toEqual(created.movements);
    const inquiry = toPaymentEvent(
      buildEvent("charge.dispute.created", { ...opened, status: "warning_needs_response" }),
    );
    expect(inquiry.movements).toEqual([]);
  });

  it("customer.subscription.deleted ends the monthly gift", () => {
    const subscription = subscriptionObject({ id: "sub_1", donationId: "don_m", endedAt: 1_795_000_000 });
    expect(toPaymentEvent(buildEvent("customer.subscription.deleted", subscription))).toMatchObject({
      donationId: "don_m",
      marks: [{ kind: "canceled", at: at(1_795_000_000) }],
    });
  });

  it("customer.subscription.updated records a cancellation scheduled for the period's end, or taken back", () => {
    const live = {
      ...subscriptionObject({ id: "sub_1", donationId: "don_m", endedAt: 0 }),
      status: "active",
    };
    const scheduled = { ...live, cancel_at_period_end: true, cancel_at: 1_796_000_000 };
    const event = (subscription: object, created: number) => ({
      ...buildEvent("customer.subscription.updated", subscription),
      created,
    });
    expect(toPaymentEvent(event(scheduled, 1_795_000_000))).toMatchObject({
      donationId: "don_m",
      marks: [{ kind: "cancelSchedule", at: at(1_795_000_000), cancelAt: at(1_796_000_000) }],
    });
    expect(
      toPaymentEvent(event({ ...live, cancel_at_period_end: false, cancel_at: null }, 1_795_100_000)),
    ).toMatchObject({
      marks: [{ kind: "cancelSchedule", at: at(1_795_100_000), cancelAt: null }],
    });
  });

  it("acknowledges everything else without a donation", () => {
    expect(toPaymentEvent(buildEvent("payout.paid", {}))).toMatchObject({
      providerType: "payout.paid",
      movements: [],
      marks: [],
    });
  });
});
