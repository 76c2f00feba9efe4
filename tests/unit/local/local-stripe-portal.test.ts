import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStripeGateway } from "../../../functions/adapters/stripe.ts";
import { PaymentProviderError } from "../../../functions/domain/errors.ts";
import { HOSTED_PORTAL_PATH } from "../../../local/stripe/billing-portal.ts";
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

async function monthlyGift(donationId: string) {
  await createGiftSession(harness.stripe, { donationId, mode: "subscription", amount: 10000 });
  const paid = await harness.admin("pay", { ref: donationId });
  harness.take();
  return harness.stripe.subscriptions.retrieve(String(paid.body.session?.subscription));
}

async function portalFor(sub: Stripe.Subscription, locale: "ar" | "en" = "en") {
  return harness.stripe.billingPortal.sessions.create({
    customer: String(sub.customer),
    return_url: `http://localhost:4321/${locale}/account/`,
    locale,
  });
}

function post(url: string, form: Record<string, string>) {
  return fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
}

describe("the local customer portal", () => {
  it("opens a Stripe-shaped billing_portal.session whose url is the emulator's portal page", async () => {
    const sub = await monthlyGift("don_portal_open");
    const session = await portalFor(sub);
    expect(session).toMatchObject({
      object: "billing_portal.session",
      customer: sub.customer,
      return_url: "http://localhost:4321/en/account/",
      locale: "en",
      livemode: false,
    });
    expect(session.id).toMatch(/^bps_local/);
    expect(session.url).toBe(`${harness.url}${HOSTED_PORTAL_PATH}${session.id}`);

    const page = await fetch(session.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('lang="en" dir="ltr"');
    expect(html).toContain(`data-subscription="${sub.id}"`);
    expect(html).toMatch(/SAR\s100\.00/);
    expect(html).toContain("Next charge:");
    expect(html).toContain('href="http://localhost:4321/en/account/"');
  });

  it("speaks Arabic, right to left, when the session asks for it", async () => {
    const sub = await monthlyGift("don_portal_ar");
    const html = await (await fetch((await portalFor(sub, "ar")).url)).text();
    expect(html).toContain('lang="ar" dir="rtl"');
    expect(html).toContain("إلغاء التبرع الشهري");
    expect(html).toContain("العودة إلى حسابي");
  });

  it("refuses an unknown customer as Stripe does", async () => {
    await expect(
      harness.stripe.billingPortal.sessions.create({ customer: "cus_nobody", return_url: "http://x/" }),
    ).rejects.toMatchObject({ statusCode: 404, code: "resource_missing" });
  });

  it("cancels at the period's end and tells Athar with customer.subscription.updated", async () => {
    const sub = await monthlyGift("don_portal_cancel");
    const session = await portalFor(sub);
    const answer = await post(session.url, { subscription: sub.id, action: "cancel" });
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe(session.url);

    const events = harness.take();
    expect(events.map((event) => event.type)).toEqual(["customer.subscription.updated"]);
    const updated = objectOf<Stripe.Subscription>(events[0]);
    const periodEnd = sub.items.data[0]?.current_period_end;
    expect(updated).toMatchObject({
      id: sub.id,
      status: "active",
      cancel_at_period_end: true,
      cancel_at: periodEnd,
    });
    expect(events[0]?.data.previous_attributes).toMatchObject({ cancel_at_period_end: false });

    const html = await (await fetch(session.url)).text();
    expect(html).toContain("Ends on");
    expect(html).not.toContain('value="cancel"');
    // At the period's end the subscription ends instead of charging again.
    const renewal = await harness.admin("renew", { ref: "don_portal_cancel" });
    expect(renewal.body.deliveries.map((delivery) => delivery.type)).toEqual([
      "customer.subscription.deleted",
    ]);
  });

  it("records a new card on the customer and the subscription", async () => {
    const sub = await monthlyGift("don_portal_card");
    const session = await portalFor(sub);
    const answer = await post(session.url, {
      subscription: sub.id,
      action: "update_card",
      card: "4242 4242 4242 4242",
    });
    expect(answer.status).toBe(303);
    const events = harness.take();
    expect(events.map((event) => event.type)).toEqual([
      "payment_method.attached",
      "customer.updated",
      "customer.subscription.updated",
    ]);
    const method = objectOf<Stripe.PaymentMethod>(events[0]);
    expect(method).toMatchObject({
      object: "payment_method",
      customer: sub.customer,
      card: { last4: "4242" },
    });
    const customer = (await harness.stripe.customers.retrieve(String(sub.customer))) as Stripe.Customer;
    expect(customer.invoice_settings.default_payment_method).toBe(method.id);
    const after = await harness.stripe.subscriptions.retrieve(sub.id);
    expect(after.default_payment_method).toBe(method.id);
  });

  it("pays the invoice left open by failed attempts as soon as the card is changed", async () => {
    const sub = await monthlyGift("don_portal_past_due");
    const failed = await harness.admin("renew", { ref: "don_portal_past_due", fail: true });
    expect(failed.body.deliveries.map((delivery) => delivery.type)).toEqual(["invoice.payment_failed"]);
    harness.take();
    expect((await harness.stripe.subscriptions.retrieve(sub.id)).status).toBe("past_due");

    const session = await portalFor(sub);
    expect(await (await fetch(session.url)).text()).toContain("The latest payment attempt failed");
    await post(session.url, { subscription: sub.id, action: "update_card", card: "4242424242424242" });
    const events = harness.take();
    expect(events.map((event) => event.type)).toEqual([
      "payment_method.attached",
      "customer.updated",
      "customer.subscription.updated",
      "invoice.paid",
    ]);
    const invoice = objectOf<Stripe.Invoice>(events[3]);
    expect(invoice).toMatchObject({ status: "paid", billing_reason: "subscription_cycle", attempt_count: 2 });
    expect((await harness.stripe.subscriptions.retrieve(sub.id)).status).toBe("active");
  });

  it("refuses a declined or malformed card and another customer's subscription, changing nothing", async () => {
    const sub = await monthlyGift("don_portal_refused");
    const other = await monthlyGift("don_portal_other");
    const session = await portalFor(sub);
    const declined = await post(session.url, {
      subscription: sub.id,
      action: "update_card",
      card: "4000000000000002",
    });
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain("The card was declined.");
    const malformed = await post(session.url, { subscription: sub.id, action: "update_card", card: "12ab" });
    expect(malformed.status).toBe(400);
    const foreign = await post(session.url, { subscription: other.id, action: "cancel" });
    expect(foreign.status).toBe(404);
    expect(harness.take()).toEqual([]);
    expect((await harness.stripe.subscriptions.retrieve(other.id)).cancel_at_period_end).toBe(false);
  });

  it("is what the gateway's createBillingPortalSession opens: the subscription's customer, the return URL, the locale", async () => {
    const sub = await monthlyGift("don_portal_gateway");
    const gateway = createStripeGateway(harness.stripe, { secretKey: "unused", webhookSecret: "unused" });
    const { url } = await gateway.createBillingPortalSession({
      subscriptionId: sub.id,
      returnUrl: "http://localhost:4321/ar/account/",
      locale: "ar",
    });
    expect(url.startsWith(`${harness.url}${HOSTED_PORTAL_PATH}bps_local`)).toBe(true);
    const html = await (await fetch(url)).text();
    expect(html).toContain('lang="ar" dir="rtl"');
    expect(html).toContain(`data-subscription="${sub.id}"`);
    expect(html).toContain('href="http://localhost:4321/ar/account/"');
    await expect(
      gateway.createBillingPortalSession({
        subscriptionId: "sub_gone",
        returnUrl: "http://x/",
        locale: "en",
      }),
    ).rejects.toBeInstanceOf(PaymentProviderError);
  });
});
