import type { Donation, DonationMark, Movement } from "../model.ts";
import type { Catalog, PaymentGateway } from "../ports.ts";
import {
  type AdopterEntry,
  adoptionTerms,
  type HoldOutcome,
  type InventoryPort,
  unitCompletedBy,
} from "./inventory.ts";
import { publicName } from "./public-name.ts";

export interface AdoptionEventDeps {
  inventory: InventoryPort;
  catalog: Pick<Catalog, "findInitiative">;
  payments: Pick<PaymentGateway, "cancelSubscription">;
  clock: { now(): Date };
  /** Failed monthly payments after which a sponsorship is cancelled (its units return after the paid period). */
  maxFailedPayments: number;
}

/** A delayed payment (a bank transfer) keeps its units this long while it settles. */
export const DELAYED_PAYMENT_HOLD_MS = 7 * 24 * 60 * 60 * 1000;

/** The name on the initiative page: the one the adopter gave, or their public name (public-name.ts); none without consent. */
export function recognitionName(donation: Donation): string | null {
  const recognition = donation.adoption?.recognition;
  if (!recognition?.consent) return null;
  return recognition.name || publicName(donation.donor.name);
}

/**
 * Holds the units again for a payment whose hold was given back before it arrived (a transfer settling
 * late): only if they are still free. Answers the unit of a share, or false when nothing is free.
 */
async function holdAgain(deps: AdoptionEventDeps, donation: Donation): Promise<HoldOutcome> {
  const adoption = donation.adoption;
  const initiative = adoption ? deps.catalog.findInitiative(adoption.initiativeId) : undefined;
  const terms = initiative ? adoptionTerms(initiative) : undefined;
  if (!adoption || !terms) return { held: false, free: 0 };
  const hold = { donationId: donation.donationId, adoption, expiresAt: deps.clock.now() };
  if (adoption.share === undefined) return deps.inventory.holdUnits(hold, terms.total);
  const share = adoption.share;
  return deps.inventory.holdShare(hold, terms.total, (snapshot) =>
    unitCompletedBy(snapshot, terms.unitPrice, share),
  );
}

/** A payment whose hold is gone: adopt the units again if they are still free. */
async function adoptAgain(
  deps: AdoptionEventDeps,
  donation: Donation,
  adopter: AdopterEntry,
): Promise<boolean> {
  const adoption = donation.adoption;
  if (!adoption) return false;
  const again = await holdAgain(deps, donation);
  if (!again.held) return false;
  const unit = again.unitId ? { unitId: again.unitId } : {};
  return deps.inventory.convertHold(donation.donationId, { ...adoption, ...unit }, adopter);
}

/**
 * What a payment event means for an adoption: paid, the hold becomes an adoption; expired or failed, the
 * units go back; a delayed payment keeps them longer; a sponsorship that stops (cancelled, or too many failed
 * payments) ends when its paid period does. Every step is idempotent, like the ledger's.
 * Answers "unfulfilled" when money came for units no longer free (finance refunds it).
 */
export async function applyToAdoption(
  deps: AdoptionEventDeps,
  donation: Donation,
  event: { movements: Movement[]; marks: DonationMark[]; newPayments: number },
): Promise<"unfulfilled" | undefined> {
  const adoption = donation.adoption;
  if (!adoption) return undefined;
  const payment = event.movements.find((movement) => movement.kind === "payment");
  if (payment && event.newPayments > 0 && !donation.adoptedAt) {
    const adopter = { name: recognitionName(donation), units: adoption.units, since: payment.at };
    const adopted =
      (await deps.inventory.convertHold(donation.donationId, adoption, adopter)) ||
      (await adoptAgain(deps, donation, adopter));
    if (!adopted) return "unfulfilled";
  }
  const kinds = new Set(event.marks.map((mark) => mark.kind));
  if (!payment && !donation.adoptedAt && (kinds.has("expired") || kinds.has("failed"))) {
    await deps.inventory.releaseHold(donation.donationId, adoption);
  }
  if (kinds.has("awaitingPayment") && !donation.adoptedAt) {
    await deps.inventory.extendHold(
      donation.donationId,
      new Date(deps.clock.now().getTime() + DELAYED_PAYMENT_HOLD_MS),
    );
  }
  const failed = new Set(donation.failedAttempts);
  for (const mark of event.marks) if (mark.kind === "failedAttempt") failed.add(mark.attempt);
  if (
    kinds.has("failedAttempt") &&
    failed.size >= deps.maxFailedPayments &&
    donation.subscriptionId &&
    !donation.canceledAt
  ) {
    // Stripe then sends customer.subscription.deleted, which ends the adoption below.
    await deps.payments.cancelSubscription(donation.subscriptionId);
  }
  const paidThrough = [
    donation.paidThrough,
    ...event.marks.map((mark) => (mark.kind === "paidThrough" ? mark.until : undefined)),
  ]
    .filter((at): at is string => Boolean(at))
    .sort()
    .at(-1);
  const canceled = donation.canceledAt ?? event.marks.find((mark) => mark.kind === "canceled")?.at;
  if (canceled && (kinds.has("canceled") || kinds.has("paidThrough"))) {
    await deps.inventory.scheduleEnd(
      donation.donationId,
      paidThrough && paidThrough > canceled ? paidThrough : canceled,
    );
  }
  return undefined;
}
