import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createGiftSession,
  type Harness,
  objectOf,
  startHarness,
} from "../../support/local-stripe-harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.stop());

const MONTH_SECONDS = { min: 28 * 86_400, max: 31 * 86_400 };

async function monthlyGift(donationId: string) {
  const session = await createGiftSession(harness.stripe, {
    donationId,
    mode: "subscription",
    amount: 10000,
    feeCover: 350,
  });
  const paid = await harness.admin("pay", { ref: donationId });
  expect(paid.status).toBe(200);
  const events = harness.take();
  const sub = await harness.stripe.subscriptions.retrieve(String(paid.body.session?.subscription));
  return { session, events, sub, paid: paid.body };
}

describe("a monthly gift through Checkout", () => {
  it("pays the first invoice and delivers invoice.paid, then checkout.session.completed", async () => {
    const { session, events, sub, paid } = await monthlyGift("don_sub_first");
    expect(session.amount_total).toBe(10350);
    expect(events.map((event) => event.type)).toEqual(["invoice.paid", "checkout.session.completed"]);
    expect(paid.deliveries.map((delivery) => [delivery.type, delivery.status])).toEqual([
      ["invoice.paid", 200],
      ["checkout.session.completed", 200],
    ]);
    for (const event of events) {
      expect(event).toMatchObject({ api_version: Stripe.API_VERSION, livemode: false, object: "event" });
      expect(event.id).toMatch(/^evt_local/);
    }

    const invoice = events[0]?.data.object as Stripe.Invoice;
    expect(invoice).toMatchObject({
      object: "invoice",
      billing_reason: "subscription_create",
      status: "paid",
      amount_due: 10350,
      amount_paid: 10350,
      total: 10350,
      currency: "sar",
      customer_email: "donor@example.com",
      parent: {
        type: "subscription_details",
        subscription_details: {
          subscription: sub.id,
          metadata: { donationId: "don_sub_first", interval: "month" },
        },
      },
    });
    expect(invoice.id).toMatch(/^in_local/);
    expect(invoice.status_transitions.paid_at).toBeGreaterThan(0);
    expect(invoice.lines.data.map((line) => line.amount)).toEqual([10000, 350]);
    const line = invoice.lines.data[0] as Stripe.InvoiceLineItem;
    expect(line.period.end - line.period.start).toBeGreaterThanOrEqual(MONTH_SECONDS.min);
    expect(line.period.end - line.period.start).toBeLessThanOrEqual(MONTH_SECONDS.max);

    const completed = events[1]?.data.object as Stripe.Checkout.Session;
    expect(completed).toMatchObject({
      id: session.id,
      mode: "subscription",
      status: "complete",
      payment_status: "paid",
      payment_intent: null,
      subscription: sub.id,
      invoice: invoice.id,
      customer: sub.customer,
      client_reference_id: "don_sub_first",
    });

    expect(sub).toMatchObject({
      status: "active",
      cancel_at_period_end: false,
      canceled_at: null,
      metadata: { donationId: "don_sub_first", fund: "general", designation: "zakat" },
      latest_invoice: invoice.id,
    });
    const item = sub.items.data[0] as Stripe.SubscriptionItem;
    expect(item.price.recurring).toMatchObject({ interval: "month", interval_count: 1 });
    expect(item.price.unit_amount).toBe(10000);
    expect(item.current_period_end - item.current_period_start).toBeGreaterThanOrEqual(MONTH_SECONDS.min);
    const [start, end] = [item.current_period_start, item.current_period_end].map(
      (at) => new Date(at * 1000),
    );
    expect(((end?.getUTCMonth() ?? 0) - (start?.getUTCMonth() ?? 0) + 12) % 12).toBe(1);
    const customer = await harness.stripe.customers.retrieve(String(sub.customer));
    expect(customer).toMatchObject({ object: "customer", email: "donor@example.com" });
  });

  it("finds the invoice by its PaymentIntent, whose charge carries no metadata", async () => {
    const { sub } = await monthlyGift("don_sub_lookup");
    const invoice = await harness.stripe.invoices.retrieve(String(sub.latest_invoice));
    const [link] = (await harness.stripe.invoicePayments.list({ invoice: invoice.id })).data;
    const intentId = String(link?.payment.payment_intent);
    expect(intentId).toMatch(/^pi_local/);

    const found = await harness.stripe.invoicePayments.list({
      payment: { type: "payment_intent", payment_intent: intentId },
      expand: ["data.invoice"],
    });
    expect(found.data).toHaveLength(1);
    expect(found.data[0]).toMatchObject({ object: "invoice_payment", status: "paid", amount_paid: 10350 });
    expect((found.data[0] as Stripe.InvoicePayment).invoice).toMatchObject({
      id: invoice.id,
      object: "invoice",
    });

    const intent = await harness.stripe.paymentIntents.retrieve(intentId);
    expect(intent).toMatchObject({ status: "succeeded", metadata: {}, amount: 10350 });
    const charge = await harness.stripe.charges.retrieve(String(intent.latest_charge));
    expect(charge).toMatchObject({ status: "succeeded", paid: true, metadata: {}, payment_intent: intentId });
    const transaction = await harness.stripe.balanceTransactions.retrieve(String(charge.balance_transaction));
    expect(transaction).toMatchObject({ type: "charge", amount: 10350, fee: 300 + 100, net: 10350 - 400 });

    const other = await harness.stripe.invoicePayments.list({
      payment: { type: "payment_intent", payment_intent: "pi_unknown" },
    });
    expect(other.data).toEqual([]);
  });
});

describe("the months after", () => {
  it("renews: the next period's invoice (subscription_cycle), a new charge, invoice.paid", async () => {
    const { sub } = await monthlyGift("don_sub_renew");
    const firstItem = sub.items.data[0] as Stripe.SubscriptionItem;
    const renewed = await harness.admin("renew", { ref: "don_sub_renew" });
    expect(renewed.body.deliveries.map((delivery) => delivery.type)).toEqual(["invoice.paid"]);
    const [event] = harness.take();
    const invoice = event?.data.object as Stripe.Invoice;
    expect(invoice).toMatchObject({
      billing_reason: "subscription_cycle",
      status: "paid",
      amount_paid: 10350,
    });
    expect(invoice.id).not.toBe(sub.latest_invoice);
    expect(invoice.lines.data[0]?.period).toEqual({
      start: firstItem.current_period_end,
      end: expect.any(Number),
    });
    const after = await harness.stripe.subscriptions.retrieve(sub.id);
    const item = after.items.data[0] as Stripe.SubscriptionItem;
    expect(item.current_period_start).toBe(firstItem.current_period_end);
    expect(item.current_period_end - item.current_period_start).toBeGreaterThanOrEqual(MONTH_SECONDS.min);
    expect(after.latest_invoice).toBe(invoice.id);
    const summary = renewed.body.session;
    expect(summary?.charges.filter((charge) => charge.status === "succeeded")).toHaveLength(2);
  });

  it("retries a failed renewal on the same invoice and cancels the subscription after three failures", async () => {
    const { sub } = await monthlyGift("don_sub_failing");
    const attempts = [];
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const failed = await harness.admin("renew", { ref: sub.id, fail: true });
      attempts.push(failed.body.deliveries.map((delivery) => delivery.type));
    }
    expect(attempts).toEqual([
      ["invoice.payment_failed"],
      ["invoice.payment_failed"],
      ["invoice.payment_failed", "customer.subscription.deleted"],
    ]);
    const events = harness.take();
    const invoices = events.slice(0, 3).map((event) => event.data.object as Stripe.Invoice);
    expect(new Set(invoices.map((invoice) => invoice.id)).size).toBe(1);
    expect(invoices.map((invoice) => [invoice.attempt_count, invoice.status, invoice.amount_paid])).toEqual([
      [1, "open", 0],
      [2, "open", 0],
      [3, "open", 0],
    ]);
    expect(invoices[0]?.next_payment_attempt).toBeGreaterThan(0);
    expect(invoices[2]?.next_payment_attempt).toBeNull();
    const deleted = events[3]?.data.object as Stripe.Subscription;
    expect(deleted).toMatchObject({
      id: sub.id,
      status: "canceled",
      cancellation_details: { reason: "payment_failed" },
    });
    expect(deleted.ended_at).toBeGreaterThan(0);
    const summary = (await harness.admin("renew", { ref: sub.id })).body;
    expect(summary).toMatchObject({ error: { message: expect.stringContaining("canceled") } });
  });

  it("a renewal that fails once and then succeeds pays the same invoice", async () => {
    const { sub } = await monthlyGift("don_sub_recovers");
    await harness.admin("renew", { ref: sub.id, fail: true });
    expect((await harness.stripe.subscriptions.retrieve(sub.id)).status).toBe("past_due");
    await harness.admin("renew", { ref: sub.id });
    const [failed, paid] = harness.take().map((event) => event.data.object as Stripe.Invoice);
    expect(paid?.id).toBe(failed?.id);
    expect(paid).toMatchObject({ status: "paid", attempt_count: 2, amount_paid: 10350 });
    expect((await harness.stripe.subscriptions.retrieve(sub.id)).status).toBe("active");
  });

  it("cancel at period end: customer.subscription.updated now, then deleted at renewal instead of a charge", async () => {
    const { sub } = await monthlyGift("don_sub_period_end");
    const updated = await harness.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    expect(updated).toMatchObject({ cancel_at_period_end: true, status: "active" });
    const [event] = harness.take();
    expect(event?.type).toBe("customer.subscription.updated");
    expect(event?.data.previous_attributes).toMatchObject({ cancel_at_period_end: false, cancel_at: null });
    expect(objectOf<Stripe.Subscription>(event).cancel_at).toBe(
      (sub.items.data[0] as Stripe.SubscriptionItem).current_period_end,
    );

    const renewed = await harness.admin("renew", { ref: "don_sub_period_end" });
    expect(renewed.body.deliveries.map((delivery) => delivery.type)).toEqual([
      "customer.subscription.deleted",
    ]);
    const [deleted] = harness.take();
    expect(deleted?.data.object).toMatchObject({
      status: "canceled",
      cancellation_details: { reason: "cancellation_requested" },
    });
    expect(renewed.body.session?.charges).toHaveLength(1);
  });

  it("DELETE /v1/subscriptions/:id ends it now; unknown subscriptions get Stripe's 404", async () => {
    const { sub } = await monthlyGift("don_sub_delete");
    const canceled = await harness.stripe.subscriptions.cancel(sub.id);
    expect(canceled).toMatchObject({
      status: "canceled",
      cancellation_details: { reason: "cancellation_requested" },
    });
    expect(harness.take().map((event) => event.type)).toEqual(["customer.subscription.deleted"]);
    const missing = await harness.stripe.subscriptions
      .retrieve("sub_nothing")
      .catch((error: unknown) => error);
    expect(missing).toMatchObject({
      statusCode: 404,
      code: "resource_missing",
      message: "No such subscription: 'sub_nothing'",
    });
    expect(harness.rejected).toEqual([]);
  });
});
