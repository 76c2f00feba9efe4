import type { Initiative } from "../../../content/schema.ts";
import type { AdoptionRequest } from "../../../contract/adoption/request.ts";
import type { FieldIssue } from "../../../contract/messages.ts";
import { MAXIMUM_MINOR_AMOUNT } from "../../../contract/money.ts";
import type { AvailabilityView } from "../../../contract/views/availability.ts";
import { guardCheckout } from "../donations/checkout-guard.ts";
import { CHECKOUT_LIFETIME_MS, type CheckoutCaller, type DonationDeps } from "../donations/donations.ts";
import { donorIdOf } from "../donations/donor-identity.ts";
import { BusyError, NotFoundError, UnitsUnavailableError, ValidationError } from "../errors.ts";
import type { AdoptionDetails } from "../model.ts";
import {
  type AdoptionTerms,
  adoptionTerms,
  type HoldOutcome,
  type InventoryPort,
  unitCompletedBy,
  unitCounts,
} from "./inventory.ts";

/**
 * A hold outlives its checkout session by a few minutes, so a payment completed at the session's last
 * moment still finds its units; the session's expiry event or the sweep then gives back unpaid ones.
 */
export const HOLD_GRACE_MS = 5 * 60 * 1000;
/**
 * Two sponsors choosing the same half-covered unit at once: the loser reads again, after a short random
 * pause that grows, a few times; still contended, it is told to try in a moment (503), never "sold out".
 */
const SHARE_ATTEMPTS = 6;
const contentionPause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 15 * 2 ** attempt));

export interface AdoptionDeps extends DonationDeps {
  inventory: InventoryPort;
}

export interface StartedAdoption {
  adoptionId: string;
  checkoutUrl: string;
}

function checkTerms(
  initiative: Initiative | undefined,
  request: AdoptionRequest,
): { initiative: Initiative; terms: AdoptionTerms } {
  if (!initiative || initiative.status === "draft") {
    throw new ValidationError([{ field: "initiativeId", code: "initiative_unknown" }]);
  }
  const terms = adoptionTerms(initiative);
  if (!terms) throw new ValidationError([{ field: "initiativeId", code: "adoption_not_offered" }]);
  const issues: FieldIssue[] = [];
  if (initiative.status !== "open") issues.push({ field: "initiativeId", code: "initiative_not_open" });
  if (request.interval !== terms.interval) issues.push({ field: "interval", code: "interval_mismatch" });
  if (request.share !== undefined && !terms.shareSizes.includes(request.share)) {
    issues.push({ field: "share", code: "share_invalid" });
  }
  if ((request.share !== undefined || terms.model === "whole") && request.units !== 1) {
    issues.push({ field: "units", code: "units_invalid" });
  }
  if (request.designation === "zakat" && !initiative.zakatEligible) {
    issues.push({ field: "designation", code: "zakat_not_accepted" });
  }
  // More than the initiative will ever have can never be held: refused here, before the rate limiter counts it.
  if (request.units > terms.total) issues.push({ field: "units", code: "units_above_total" });
  if ((request.share ?? request.units * terms.unitPrice) > MAXIMUM_MINOR_AMOUNT) {
    issues.push({ field: "units", code: "amount_above_maximum" });
  }
  if (request.recognition.consent === false && request.recognition.name) {
    issues.push({ field: "recognition.name", code: "field_invalid" });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return { initiative, terms };
}

/** Holds the units, or the share; a share still contended after every attempt is BusyError. */
async function holdFor(
  deps: AdoptionDeps,
  hold: Parameters<InventoryPort["holdUnits"]>[0],
  terms: AdoptionTerms,
  share: number | undefined,
): Promise<HoldOutcome> {
  if (share === undefined) return deps.inventory.holdUnits(hold, terms.total);
  for (let attempt = 0; attempt < SHARE_ATTEMPTS; attempt += 1) {
    if (attempt > 0) await contentionPause(attempt);
    const outcome = await deps.inventory.holdShare(hold, terms.total, (snapshot) =>
      unitCompletedBy(snapshot, terms.unitPrice, share),
    );
    if (outcome.held || !outcome.contended) return outcome;
  }
  throw new BusyError(
    `Share of ${hold.adoption.initiativeId} still contended after ${SHARE_ATTEMPTS} attempts`,
  );
}

/**
 * Starts an adoption: checks it against content and the card-testing guard, holds the units (or the share)
 * for the checkout's life, opens the payment (monthly units as a subscription) and records the pending
 * donation that carries the adoption. Units that are no longer free are a 409 with the number still free.
 */
export async function startAdoption(
  deps: AdoptionDeps,
  request: AdoptionRequest,
  caller: CheckoutCaller,
): Promise<StartedAdoption> {
  const { initiative, terms } = checkTerms(deps.catalog.findInitiative(request.initiativeId), request);
  await deps.payments.ready();
  const now = deps.clock.now();
  const pass = await guardCheckout(deps.guard, { ...caller, email: request.donor.email, now });

  const donationId = deps.newId();
  const adoption: AdoptionDetails = {
    initiativeId: initiative.id,
    units: request.units,
    ...(request.share !== undefined ? { share: request.share } : {}),
    recognition: {
      consent: request.recognition.consent,
      ...(request.recognition.consent && request.recognition.name ? { name: request.recognition.name } : {}),
    },
  };
  const expiresAt = new Date(now.getTime() + CHECKOUT_LIFETIME_MS + HOLD_GRACE_MS);
  const hold = { donationId, adoption, expiresAt };
  let outcome: HoldOutcome;
  try {
    outcome = await holdFor(deps, hold, terms, request.share);
  } catch (error) {
    // Too contended to hold, through no doing of the donor's: the attempt does not count against them.
    if (error instanceof BusyError) await pass.giveBack();
    throw error;
  }
  if (!outcome.held) throw new UnitsUnavailableError(outcome.free);
  const held: AdoptionDetails = { ...adoption, ...(outcome.unitId ? { unitId: outcome.unitId } : {}) };

  const amount = { value: request.share ?? request.units * terms.unitPrice, currency: initiative.currency };
  const base = `${deps.publicBaseUrl}/${request.locale}`;
  let session: { sessionId: string; url: string };
  try {
    session = await deps.payments.createCheckoutSession({
      donationId,
      initiative,
      title: adoptionTitle(initiative, request),
      amount,
      interval: terms.interval,
      designation: request.designation,
      donor: request.donor,
      locale: request.locale,
      successUrl: `${base}/thanks/?session_id={CHECKOUT_SESSION_ID}`,
      cancelUrl: `${base}/initiatives/${initiative.id}/canceled/`,
      expiresAt: new Date(now.getTime() + CHECKOUT_LIFETIME_MS),
    });
  } catch (error) {
    // No checkout, no hold: the units go straight back.
    await deps.inventory.releaseHold(donationId, held);
    throw error;
  }
  await deps.store.createPendingDonation({
    donationId,
    donorId: donorIdOf(request.donor.email, deps.donorIdKey),
    fund: { kind: "initiative", initiativeId: initiative.id },
    amount,
    interval: terms.interval,
    designation: request.designation,
    anonymous: !request.recognition.consent,
    donor: request.donor,
    locale: request.locale,
    checkoutSessionId: session.sessionId,
    createdAt: now.toISOString(),
    adoption: held,
  });
  return { adoptionId: donationId, checkoutUrl: session.url };
}

/** What the payment page calls the adoption: "Monthly orphan sponsorship × 2", "… (a share)". */
function adoptionTitle(initiative: Initiative, request: AdoptionRequest): string {
  const title = initiative.title[request.locale];
  if (request.share !== undefined) return request.locale === "ar" ? `${title} (حصة)` : `${title} (a share)`;
  return request.units > 1 ? `${title} × ${request.units}` : title;
}

/** Recognition on the page shows this many adopters, newest first. */
const RECOGNISED = 20;

/** The initiative's availability for the live counter and the adoption form. */
export async function availability(
  deps: Pick<AdoptionDeps, "catalog" | "inventory" | "clock">,
  initiativeId: string,
): Promise<AvailabilityView> {
  const initiative = deps.catalog.findInitiative(initiativeId);
  const terms = initiative && initiative.status !== "draft" ? adoptionTerms(initiative) : undefined;
  if (!initiative || !terms)
    throw new NotFoundError("adoption_not_offered", `${initiativeId} is not adopted by units`);
  const snapshot = await deps.inventory.read(initiativeId, terms.total);
  const counts = unitCounts(snapshot, terms.unitPrice);
  const money = (value: number) => ({ value, currency: initiative.currency });
  return {
    initiativeId,
    model: terms.model,
    interval: terms.interval,
    unitPrice: money(terms.unitPrice),
    total: counts.total,
    adopted: counts.adopted,
    held: counts.held,
    free: counts.free,
    ...(terms.shareSizes.length > 0
      ? {
          shared: {
            shareSizes: terms.shareSizes,
            partlyCovered: counts.partlyCovered.map(({ remaining, count }) => ({
              remaining: money(remaining),
              count,
            })),
          },
        }
      : {}),
    recognition: Object.values(snapshot.adopters)
      .sort((a, b) => b.since.localeCompare(a.since))
      .slice(0, RECOGNISED)
      // A name finance hid shows as "a donor", as one given without consent does.
      .map(({ name, units, since, hidden }) => ({ name: hidden ? null : name, units, since })),
    generatedAt: deps.clock.now().toISOString(),
  };
}

/** One sweep's work at most; the next run (a minute later) takes the rest. */
const SWEEP_BATCH = 50;

/**
 * Gives back the units of holds past their time (a checkout abandoned without Stripe telling us), and of
 * monthly sponsorships past the end of their paid period. Idempotent: what was done already is skipped.
 */
export async function sweepAdoptions(deps: Pick<AdoptionDeps, "inventory" | "clock">) {
  const now = deps.clock.now();
  let released = 0;
  let ended = 0;
  for (const { donationId, adoption } of await deps.inventory.dueHolds(now, SWEEP_BATCH)) {
    if (await deps.inventory.releaseHold(donationId, adoption)) released += 1;
  }
  for (const { donationId, adoption } of await deps.inventory.dueEnds(now, SWEEP_BATCH)) {
    if (await deps.inventory.endAdoption(donationId, adoption)) ended += 1;
  }
  return { released, ended };
}
