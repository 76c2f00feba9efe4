import type { Locale } from "../../../content/locales.ts";
import { checkDonationChoices } from "../../../contract/donations/choices.ts";
import type { DonationRequest } from "../../../contract/donations/request.ts";
import { feeCover } from "../../../contract/fees.ts";
import type { Money } from "../../../contract/money.ts";
import { fundText } from "../../../contract/receipts/facts.ts";
import type { Interval } from "../../../contract/vocabulary.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { donationStatus } from "../ledger.ts";
import type { DonationIntent, DonationStatus, Fund } from "../model.ts";
import type { Catalog, Clock, DonationStore, PaymentGateway } from "../ports.ts";
import { type CheckoutGuardDeps, guardCheckout } from "./checkout-guard.ts";
import { donorIdOf } from "./donor-identity.ts";

/**
 * Checkout sessions live 31 minutes: Stripe's shortest is 30, measured when Stripe receives the request,
 * so a minute's margin keeps the request valid while abandoned gifts still release quickly.
 */
export const CHECKOUT_LIFETIME_MS = 31 * 60 * 1000;

export interface DonationDeps {
  catalog: Catalog;
  store: DonationStore;
  payments: PaymentGateway;
  guard: CheckoutGuardDeps;
  /** Keys donors' ids (functions/domain/donations/donor-identity.ts). */
  donorIdKey: string;
  clock: Clock;
  newId: () => string;
  publicBaseUrl: string;
}

export interface StartedCheckout {
  donationId: string;
  checkoutUrl: string;
}

/** Who is asking, for the defences against card testing (never stored). */
export interface CheckoutCaller {
  clientIp: string;
  turnstileToken?: string | undefined;
}

/**
 * Validates a gift against the catalog and the council's giving settings, checks the caller against the
 * card-testing defences, opens a payment session (one-time or monthly) and records the pending donation.
 * A refusal at any step writes nothing but the attempt's rate-limit count.
 */
export async function startDonation(
  deps: DonationDeps,
  request: DonationRequest,
  caller: CheckoutCaller,
): Promise<StartedCheckout> {
  const { giving } = deps.catalog.council();
  const initiative = request.initiativeId ? deps.catalog.findInitiative(request.initiativeId) : undefined;
  const fund: Fund = request.initiativeId
    ? { kind: "initiative", initiativeId: request.initiativeId }
    : { kind: "general" };
  const issues = checkDonationChoices(
    { fund: fund.kind === "initiative" ? { kind: "initiative", initiative } : { kind: "general" }, giving },
    request,
  );
  if (issues.length > 0) throw new ValidationError(issues);
  await deps.payments.ready();
  const now = deps.clock.now();
  await guardCheckout(deps.guard, { ...caller, email: request.donor.email, now });

  const donationId = deps.newId();
  const cover = request.coverFee ? feeCover(request.amount, giving.processingFee) : undefined;
  const feeCoverPart = cover && cover.value > 0 ? { feeCover: cover } : {};
  const base = `${deps.publicBaseUrl}/${request.locale}`;
  const session = await deps.payments.createCheckoutSession({
    donationId,
    initiative,
    title: initiative ? initiative.title[request.locale] : fundText({ kind: "general" }, request.locale),
    amount: request.amount,
    ...feeCoverPart,
    interval: request.interval,
    designation: request.designation,
    donor: request.donor,
    locale: request.locale,
    successUrl: `${base}/thanks/?session_id={CHECKOUT_SESSION_ID}`,
    cancelUrl: initiative ? `${base}/initiatives/${initiative.id}/canceled/` : `${base}/donate/canceled/`,
    expiresAt: new Date(now.getTime() + CHECKOUT_LIFETIME_MS),
  });
  await deps.store.createPendingDonation({
    donationId,
    donorId: donorIdOf(request.donor.email, deps.donorIdKey),
    fund,
    amount: request.amount,
    ...feeCoverPart,
    interval: request.interval,
    designation: request.designation,
    ...(request.dedication ? { dedication: request.dedication } : {}),
    anonymous: request.anonymous,
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
