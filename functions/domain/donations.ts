import type { Locale } from "../../content/locales.ts";
import type { DonationRequest } from "./donation-request.ts";
import { NotFoundError, ValidationError } from "./errors.ts";
import { donationStatus } from "./ledger.ts";
import type { Money } from "./money.ts";
import type {
  Catalog,
  Clock,
  DonationIntent,
  DonationStatus,
  DonationStore,
  Interval,
  PaymentGateway,
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
    title: initiative.title[request.locale],
    amount: request.amount,
    interval: request.interval,
    designation: request.designation,
    donor: request.donor,
    locale: request.locale,
    successUrl: `${deps.publicBaseUrl}/${request.locale}/thanks/?session_id={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${deps.publicBaseUrl}/${request.locale}/initiatives/${initiative.id}/canceled/`,
    expiresAt: new Date(now.getTime() + CHECKOUT_LIFETIME_MS),
  });
  await deps.store.createPendingDonation({
    donationId,
    fund: { kind: "initiative", initiativeId: initiative.id },
    amount: request.amount,
    interval: request.interval,
    designation: request.designation,
    anonymous: false,
    donor: request.donor,
    locale: request.locale,
    checkoutSessionId: session.sessionId,
    createdAt: now.toISOString(),
  });
  return { donationId, checkoutUrl: session.url };
}

export interface CheckoutStatus {
  sessionId: string;
  status: DonationStatus;
  interval: Interval;
  /** What one charge is: the gift plus any fee cover. */
  amount: Money;
  /** The initiative, or absent for the council's general fund. */
  initiative?: { id: string; title: Record<Locale, string> };
  /** Monthly gifts: whether the subscription still runs, and the end of the period paid for. */
  subscription?: { active: boolean; paidThrough?: string };
}

/** What the thank-you page may show about a checkout: no personal data. */
export async function getCheckoutStatus(
  deps: Pick<DonationDeps, "catalog" | "store">,
  sessionId: string,
): Promise<CheckoutStatus> {
  const donation = await deps.store.findDonationByCheckoutSession(sessionId);
  if (!donation)
    throw new NotFoundError("checkout_not_found", `No donation for checkout session ${sessionId}`);
  const { fund } = donation;
  const initiative = fund.kind === "initiative" ? deps.catalog.findInitiative(fund.initiativeId) : undefined;
  return {
    sessionId,
    status: donationStatus(donation),
    interval: donation.interval,
    amount: chargeAmount(donation),
    ...(fund.kind === "initiative"
      ? {
          initiative: {
            id: fund.initiativeId,
            title: initiative?.title ?? { ar: fund.initiativeId, en: fund.initiativeId },
          },
        }
      : {}),
    ...(donation.interval === "month"
      ? {
          subscription: {
            active: donation.payments > 0 && !donation.canceledAt,
            ...(donation.paidThrough ? { paidThrough: donation.paidThrough } : {}),
          },
        }
      : {}),
  };
}

/** One charge of the donation: the gift plus the fee cover the donor chose. */
export function chargeAmount(donation: Pick<DonationIntent, "amount" | "feeCover">): Money {
  return {
    value: donation.amount.value + (donation.feeCover?.value ?? 0),
    currency: donation.amount.currency,
  };
}
