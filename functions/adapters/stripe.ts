import Stripe from "stripe";
import { z } from "zod";
import { InvalidSignatureError, MalformedEventError, PaymentProviderError } from "../domain/errors.ts";
import type { CheckoutSessionRequest, PaymentGateway } from "../domain/ports.ts";
import { refundMovement, toPaymentEvent } from "./stripe-events.ts";

/** Stripe refuses signatures older than this many seconds (its own default, stated here on purpose). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  /** Points the SDK at the local Stripe emulator; unset for Stripe itself. */
  apiBase?: URL | undefined;
}

export function createStripeClient(settings: StripeSettings): Stripe {
  const base = settings.apiBase;
  return new Stripe(settings.secretKey, {
    maxNetworkRetries: 2,
    timeout: 10_000,
    telemetry: false,
    appInfo: { name: "Athar" },
    ...(base
      ? {
          host: base.hostname,
          port: base.port || undefined,
          protocol: base.protocol.replace(":", "") as "http" | "https",
        }
      : {}),
  });
}

/** What every Stripe event is (its documented Event object), whatever its type. */
const stripeEventEnvelope = z.object({
  id: z.string().startsWith("evt_"),
  object: z.literal("event"),
  type: z.string().min(1),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

export function createStripeGateway(stripe: Stripe, settings: StripeSettings): PaymentGateway {
  return {
    // Keys that parsed are real keys' shape; whether Stripe takes them, its first answer says.
    async ready() {},
    async createCheckoutSession(request) {
      try {
        const session = await stripe.checkout.sessions.create(
          checkoutSessionParams(request),
          // The same donation never opens two sessions, even when the SDK retries.
          { idempotencyKey: `checkout-${request.donationId}` },
        );
        if (!session.url) throw new Error(`Checkout session ${session.id} has no URL`);
        return { sessionId: session.id, url: session.url };
      } catch (cause) {
        throw new PaymentProviderError("Could not create the Stripe checkout session", { cause });
      }
    },

    parseWebhookEvent(rawBody, signature) {
      if (!signature) throw new InvalidSignatureError("Missing Stripe-Signature header");
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(
          rawBody,
          signature,
          settings.webhookSecret,
          WEBHOOK_TOLERANCE_SECONDS,
        );
      } catch (cause) {
        // A body that is not JSON fails here too, after its signature checked out.
        if (cause instanceof SyntaxError)
          throw new MalformedEventError("The event body is not JSON", { cause });
        throw new InvalidSignatureError("Stripe signature verification failed", { cause });
      }
      // Correctly signed is not yet an event: `null`, `[]` or `{}` are refused, not ignored.
      if (!stripeEventEnvelope.safeParse(event).success)
        throw new MalformedEventError("The signed body is not a Stripe event");
      try {
        return toPaymentEvent(event);
      } catch (cause) {
        throw new MalformedEventError(`Event ${String(event.id)} (${String(event.type)}) is malformed`, {
          cause,
        });
      }
    },

    async findDonationOfPayment(paymentIntentId) {
      try {
        const intent = await stripe.paymentIntents.retrieve(paymentIntentId);
        if (intent.metadata?.donationId) return intent.metadata.donationId;
        // Monthly charges: the payment belongs to an invoice of the donation's subscription.
        const payments = await stripe.invoicePayments.list({
          payment: { type: "payment_intent", payment_intent: paymentIntentId },
          expand: ["data.invoice"],
          limit: 1,
        });
        const invoice = payments.data[0]?.invoice;
        return typeof invoice === "object" && !("deleted" in invoice && invoice.deleted)
          ? ((invoice as Stripe.Invoice).parent?.subscription_details?.metadata?.donationId ?? undefined)
          : undefined;
      } catch (cause) {
        throw new PaymentProviderError(`Could not look up payment ${paymentIntentId}`, { cause });
      }
    },

    async cancelSubscription(subscriptionId) {
      try {
        await stripe.subscriptions.cancel(subscriptionId, {}, { idempotencyKey: `cancel-${subscriptionId}` });
      } catch (cause) {
        // Already cancelled (or gone): what we wanted.
        const code = (cause as { code?: string }).code;
        if (code === "resource_missing" || /canceled/i.test((cause as Error).message)) return;
        throw new PaymentProviderError(`Could not cancel subscription ${subscriptionId}`, { cause });
      }
    },

    async refundPayment(paymentIntentId) {
      try {
        await stripe.refunds.create(
          { payment_intent: paymentIntentId, metadata: { reason: "unfulfilled_adoption" } },
          { idempotencyKey: `refund-${paymentIntentId}` },
        );
      } catch (cause) {
        if ((cause as { code?: string }).code === "charge_already_refunded") return;
        throw new PaymentProviderError(`Could not refund ${paymentIntentId}`, { cause });
      }
    },

    async createBillingPortalSession({ subscriptionId, returnUrl, locale }) {
      try {
        // The portal is per customer; the subscription knows its customer.
        const subscription = await stripe.subscriptions.retrieve(subscriptionId);
        const customer =
          typeof subscription.customer === "string" ? subscription.customer : subscription.customer.id;
        const session = await stripe.billingPortal.sessions.create({
          customer,
          return_url: returnUrl,
          locale,
        });
        return { url: session.url };
      } catch (cause) {
        throw new PaymentProviderError(`Could not open the billing portal for ${subscriptionId}`, { cause });
      }
    },

    async listRefunds(chargeId) {
      try {
        const refunds = await stripe.refunds.list({ charge: chargeId, limit: 100 });
        return refunds.data.flatMap((refund) => refundMovement(refund) ?? []);
      } catch (cause) {
        throw new PaymentProviderError(`Could not list the refunds of charge ${chargeId}`, { cause });
      }
    },
  };
}

/** Line items: the gift, and the fee cover as its own line so the donor sees what it is. */
function lineItems(request: CheckoutSessionRequest) {
  const recurring = request.interval === "month" ? { recurring: { interval: "month" as const } } : {};
  const line = (name: string, value: number) => ({
    quantity: 1,
    price_data: {
      currency: request.amount.currency.toLowerCase(),
      unit_amount: value,
      product_data: { name },
      ...recurring,
    },
  });
  const items = [line(request.title, request.amount.value)];
  if (request.feeCover) items.push(line(FEE_COVER_LABEL[request.locale], request.feeCover.value));
  return items;
}

const FEE_COVER_LABEL = { ar: "تغطية رسوم الدفع", en: "Payment processing fee cover" } as const;

export function checkoutSessionParams(request: CheckoutSessionRequest): Stripe.Checkout.SessionCreateParams {
  const metadata = {
    donationId: request.donationId,
    fund: request.initiative ? "initiative" : "general",
    ...(request.initiative ? { initiativeId: request.initiative.id } : {}),
    designation: request.designation,
    interval: request.interval,
  };
  const common = {
    line_items: lineItems(request),
    customer_email: request.donor.email,
    client_reference_id: request.donationId,
    metadata,
    // Stripe's pages have no Arabic; "auto" follows the donor's browser, English is asked for by name.
    locale: request.locale === "en" ? ("en" as const) : ("auto" as const),
    success_url: request.successUrl,
    cancel_url: request.cancelUrl,
    expires_at: Math.floor(request.expiresAt.getTime() / 1000),
  };
  // Payment and subscription metadata carry the donation, so every later object links back to it.
  return request.interval === "month"
    ? { ...common, mode: "subscription", subscription_data: { metadata } }
    : { ...common, mode: "payment", payment_intent_data: { metadata }, submit_type: "donate" };
}
