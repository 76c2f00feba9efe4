import type { DonorSession } from "../../auth/session.ts";
import { NotFoundError, UnauthenticatedError } from "../errors.ts";
import type { DonationStore, PaymentGateway } from "../ports.ts";
import { isSessionLive, type SessionAnchor } from "./session-liveness.ts";

/** What a session is checked against, from the donor's profile; undefined without one (never gave, erased). */
export interface SessionEpochReader {
  sessionAnchor(donorId: string): Promise<SessionAnchor | undefined>;
}

export interface MonthlyPortalDeps {
  donations: Pick<DonationStore, "findDonation">;
  epochs: SessionEpochReader;
  payments: Pick<PaymentGateway, "createBillingPortalSession">;
  publicBaseUrl: string;
}

/**
 * Where the signed-in donor changes the card of a monthly gift or cancels it: Stripe's customer portal
 * (or the emulator's) for the gift's subscription, coming back to the account page. Someone else's gift,
 * a one-time gift or one not yet paid is "not found", so a donation id reveals nothing.
 */
export async function openBillingPortal(
  deps: MonthlyPortalDeps,
  session: DonorSession,
  donationId: string,
): Promise<{ url: string }> {
  const [donation, anchor] = await Promise.all([
    deps.donations.findDonation(donationId),
    deps.epochs.sessionAnchor(session.donorId),
  ]);
  if (!isSessionLive(session, anchor)) throw new UnauthenticatedError("session_ended");
  if (
    !donation ||
    donation.donorId !== session.donorId ||
    donation.interval !== "month" ||
    !donation.subscriptionId
  ) {
    throw new NotFoundError("donation_not_found", `No monthly donation ${donationId} of this donor`);
  }
  const base = deps.publicBaseUrl.replace(/\/$/, "");
  return deps.payments.createBillingPortalSession({
    subscriptionId: donation.subscriptionId,
    returnUrl: `${base}/${session.locale}/account/`,
    locale: session.locale,
  });
}
