import type { Locale } from "../../content/locales.ts";
import type { DonationRequest } from "./donation-request.ts";
import { NotFoundError, ValidationError } from "./errors.ts";
import type {
  Catalog,
  Clock,
  Donation,
  DonationStore,
  PaymentEvent,
  PaymentGateway,
  RecordOutcome,
} from "./ports.ts";

/** Checkout sessions live 30 minutes, the shortest Stripe allows, so abandoned gifts release quickly. */
export const CHECKOUT_LIFETIME_MS = 30 * 60 * 1000;

export interface DonationDeps {
  catalog: Catalog;
  store: DonationStore;
  payments: PaymentGateway;
  clock: Clock;
  newId: () => string;
  publicBaseUrl: string;
}

export interface StartedCheckout {
  donationId: string;
  checkoutUrl: string;
}

/** Validates a gift against the catalog, opens a payment session and records the pending donation. */
export async function startDonation(deps: DonationDeps, request: DonationRequest): Promise<StartedCheckout> {
  const initiative = deps.catalog.findInitiative(request.initiativeId);
  if (!initiative || initiative.status === "draft") {
    throw new ValidationError([{ field: "initiativeId", code: "initiative_unknown" }]);
  }
  if (initiative.status !== "open") {
    throw new ValidationError([{ field: "initiativeId", code: "initiative_not_open" }]);
  }
  if (request.amount.currency !== initiative.currency) {
    throw new ValidationError([
      { field: "amount.currency", code: "currency_not_accepted", params: { currency: initiative.currency } },
    ]);
  }
  if (request.designation === "zakat" && !initiative.zakatEligible) {
    throw new ValidationError([{ field: "designation", code: "zakat_not_accepted" }]);
  }

  const donationId = deps.newId();
  const now = deps.clock.now();
  const session = await deps.payments.createCheckoutSession({
    donationId,
    initiative,
    amount: request.amount,
    designation: request.designation,
    donor: request.donor,
    locale: request.locale,
    successUrl: `${deps.publicBaseUrl}/${request.locale}/thanks/?session_id={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${deps.publicBaseUrl}/${request.locale}/initiatives/${initiative.id}/canceled/`,
    expiresAt: new Date(now.getTime() + CHECKOUT_LIFETIME_MS),
  });
  await deps.store.createPendingDonation({
    donationId,
    initiativeId: initiative.id,
    amount: request.amount,
    interval: request.interval,
    designation: request.designation,
    donor: request.donor,
    locale: request.locale,
    status: "pending",
    checkoutSessionId: session.sessionId,
    createdAt: now.toISOString(),
  });
  return { donationId, checkoutUrl: session.url };
}

export interface CheckoutStatus {
  sessionId: string;
  status: Donation["status"];
  amount: Donation["amount"];
  initiative: { id: string; title: Record<Locale, string> };
}

/** What the thank-you page may show about a checkout: no personal data. */
export async function getCheckoutStatus(
  deps: Pick<DonationDeps, "catalog" | "store">,
  sessionId: string,
): Promise<CheckoutStatus> {
  const donation = await deps.store.findDonationByCheckoutSession(sessionId);
  if (!donation)
    throw new NotFoundError("checkout_not_found", `No donation for checkout session ${sessionId}`);
  const initiative = deps.catalog.findInitiative(donation.initiativeId);
  return {
    sessionId,
    status: donation.status,
    amount: donation.amountReceived ?? donation.amount,
    initiative: {
      id: donation.initiativeId,
      title: initiative?.title ?? { ar: donation.initiativeId, en: donation.initiativeId },
    },
  };
}

export type PaymentEventOutcome = RecordOutcome | "ignored";

/** Applies one authenticated payment event; safe to call any number of times with the same event. */
export async function handlePaymentEvent(
  deps: Pick<DonationDeps, "store" | "clock">,
  event: PaymentEvent,
): Promise<PaymentEventOutcome> {
  if (event.type === "other") return "ignored";
  const { session } = event;
  if (!session.donationId) return "unknown_donation";
  if (event.type === "checkout.expired") {
    return deps.store.recordExpiry({
      eventId: event.id,
      donationId: session.donationId,
      expiredAt: deps.clock.now().toISOString(),
    });
  }
  // A completed session with a delayed payment method is not money yet; its async_payment event will be.
  if (!session.paid || !session.amount) return "ignored";
  return deps.store.recordPayment({
    eventId: event.id,
    donationId: session.donationId,
    amountReceived: session.amount,
    paymentIntentId: session.paymentIntentId,
    paidAt: deps.clock.now().toISOString(),
  });
}
