/**
 * Stripe's customer portal, as the emulator plays it: `POST /v1/billing_portal/sessions` opens a session
 * for a customer, and its page lists the customer's subscriptions with "Cancel" (at the period's end,
 * Stripe's default) and "Update card" (a test card number; an invoice left open by failed attempts is
 * paid at once), then links back to the session's `return_url`.
 */
import type Stripe from "stripe";
import { billingPortalPage, type PortalNotice } from "./billing-portal-page.ts";
import type { EmulatorContext } from "./context.ts";
import { stripeFixture } from "./fixtures.ts";
import { type Handled, invalidRequest, resourceMissing } from "./http.ts";
import { nowSeconds } from "./objects.ts";
import { payOpenInvoice, setCancelAtPeriodEnd } from "./subscriptions.ts";
import { localId } from "./webhook-sender.ts";

export const HOSTED_PORTAL_PATH = "/local-stripe/billing/";

const PORTAL_LOCALES = new Set(["auto", "ar", "en", "en-GB"]);
/** Stripe's test card that is always declined. */
const DECLINED_CARD = "4000000000000002";

export function createPortalSession(
  context: EmulatorContext,
  params: Record<string, unknown>,
  portalBase: string,
): Stripe.BillingPortal.Session {
  const customer = typeof params.customer === "string" ? params.customer : "";
  if (!customer) throw invalidRequest("Missing required param: customer.", "customer", "parameter_missing");
  if (!context.state.get<Stripe.Customer>(customer, "customer"))
    throw resourceMissing("customer", customer, "customer");
  const locale = typeof params.locale === "string" ? params.locale : null;
  if (locale !== null && !PORTAL_LOCALES.has(locale))
    throw invalidRequest(`Invalid locale: ${locale}`, "locale", "parameter_invalid_string");
  const id = localId("bps");
  return context.state.put({
    ...stripeFixture<Stripe.BillingPortal.Session>("billing_portal.session"),
    id,
    object: "billing_portal.session",
    configuration: "bpc_local_default",
    created: nowSeconds(),
    customer,
    flow: null,
    livemode: false,
    locale: locale as Stripe.BillingPortal.Session.Locale | null,
    on_behalf_of: null,
    return_url: typeof params.return_url === "string" ? params.return_url : null,
    url: `${portalBase}${id}`,
  });
}

function subscriptionsOf(context: EmulatorContext, customer: string): Stripe.Subscription[] {
  return context.state.list<Stripe.Subscription>("subscription").filter((sub) => sub.customer === customer);
}

/** A card number typed on the page: Stripe's test numbers, spaces allowed. */
function cardNumber(text: string | null): string | undefined {
  const digits = (text ?? "").replace(/[\s-]/g, "");
  return /^\d{12,19}$/.test(digits) ? digits : undefined;
}

async function updateCard(context: EmulatorContext, sub: Stripe.Subscription, number: string) {
  const { state } = context;
  const payer = state.get<Stripe.Customer>(String(sub.customer), "customer");
  if (!payer) throw invalidRequest(`Subscription ${sub.id} has no customer.`);
  const fixture = stripeFixture<Stripe.PaymentMethod>("payment_method");
  const method = state.put({
    ...fixture,
    id: localId("pm"),
    created: nowSeconds(),
    customer: payer.id,
    metadata: {},
    billing_details: { ...fixture.billing_details, email: payer.email },
    card: {
      ...(fixture.card as Stripe.PaymentMethod.Card),
      last4: number.slice(-4),
      fingerprint: localId("fp"),
    },
  } as Stripe.PaymentMethod);
  await context.publish("payment_method.attached", method);
  const previousCustomer = { invoice_settings: { ...payer.invoice_settings } };
  payer.invoice_settings = { ...payer.invoice_settings, default_payment_method: method.id };
  state.changed();
  await context.publish("customer.updated", payer, previousCustomer);
  const previous = { default_payment_method: sub.default_payment_method };
  sub.default_payment_method = method.id;
  state.changed();
  await context.publish("customer.subscription.updated", sub, previous);
  await payOpenInvoice(context, sub);
}

/** The portal page: GET shows it, POST acts on one of the customer's subscriptions then shows it again. */
export async function handlePortalPage(
  context: EmulatorContext,
  method: string,
  sessionId: string,
  body: string,
): Promise<Handled> {
  const session = context.state.get<Stripe.BillingPortal.Session>(sessionId, "billing_portal.session");
  const page = (status: number, html: string, headers: Record<string, string> = {}): Handled => ({
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers },
    body: html,
  });
  if (!session) return page(404, "<!doctype html><title>Not found</title><p>No such portal session.</p>");
  const render = (status: number, notice?: PortalNotice) =>
    page(status, billingPortalPage(session, subscriptionsOf(context, session.customer), notice));
  if (method !== "POST") return render(200);

  const form = new URLSearchParams(body);
  const sub = subscriptionsOf(context, session.customer).find(
    (candidate) => candidate.id === form.get("subscription"),
  );
  if (!sub || sub.status === "canceled") return render(404, "unknown");
  if (form.get("action") === "cancel") {
    await setCancelAtPeriodEnd(context, sub, true);
    return page(303, "", { location: session.url });
  }
  if (form.get("action") === "update_card") {
    const number = cardNumber(form.get("card"));
    if (!number) return render(400, "invalid_card");
    if (number === DECLINED_CARD) return render(402, "declined");
    await updateCard(context, sub, number);
    return page(303, "", { location: session.url });
  }
  return render(400, "unknown");
}
