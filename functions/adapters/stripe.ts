import Stripe from "stripe";
import { InvalidSignatureError, PaymentProviderError } from "../domain/errors.ts";
import type { CheckoutSessionSnapshot, PaymentEvent, PaymentGateway } from "../domain/ports.ts";

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

function snapshot(session: Stripe.Checkout.Session): CheckoutSessionSnapshot {
  return {
    sessionId: session.id,
    donationId: session.metadata?.donationId ?? session.client_reference_id ?? undefined,
    paid: session.payment_status === "paid" || session.payment_status === "no_payment_required",
    amount:
      session.amount_total != null && session.currency
        ? { value: session.amount_total, currency: session.currency.toUpperCase() }
        : undefined,
    paymentIntentId:
      typeof session.payment_intent === "string"
        ? session.payment_intent
        : (session.payment_intent?.id ?? undefined),
  };
}

/** Reduces a verified Stripe event to the domain's PaymentEvent. */
export function toPaymentEvent(event: Stripe.Event): PaymentEvent {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
      return { id: event.id, type: "checkout.completed", session: snapshot(event.data.object) };
    case "checkout.session.expired":
      return { id: event.id, type: "checkout.expired", session: snapshot(event.data.object) };
    default:
      return { id: event.id, type: "other", providerType: event.type };
  }
}

export function createStripeGateway(stripe: Stripe, settings: StripeSettings): PaymentGateway {
  return {
    async createCheckoutSession(request) {
      const metadata = {
        donationId: request.donationId,
        initiativeId: request.initiative.id,
        designation: request.designation,
      };
      try {
        const session = await stripe.checkout.sessions.create(
          {
            mode: "payment",
            line_items: [
              {
                quantity: 1,
                price_data: {
                  currency: request.amount.currency.toLowerCase(),
                  unit_amount: request.amount.value,
                  product_data: { name: request.initiative.title[request.locale] },
                },
              },
            ],
            customer_email: request.donor.email,
            client_reference_id: request.donationId,
            metadata,
            payment_intent_data: { metadata },
            submit_type: "donate",
            locale: "auto",
            success_url: request.successUrl,
            cancel_url: request.cancelUrl,
            expires_at: Math.floor(request.expiresAt.getTime() / 1000),
          },
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
      try {
        const event = stripe.webhooks.constructEvent(
          rawBody,
          signature,
          settings.webhookSecret,
          WEBHOOK_TOLERANCE_SECONDS,
        );
        return toPaymentEvent(event);
      } catch (cause) {
        throw new InvalidSignatureError("Stripe signature verification failed", { cause });
      }
    },
  };
}
