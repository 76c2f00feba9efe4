import type { Council } from "../../../content/schema-org.ts";
import type { Mailer } from "../../../contract/receipts/document.ts";
import { renderSignInEmail } from "../../auth/signin-email.ts";
import { donorIdOf } from "../donations/donor-identity.ts";
import type { Clock } from "../ports.ts";
import {
  type DonorAccountStore,
  hashSignInToken,
  SIGNIN_LINK_TTL_SECONDS,
  type SignInLinkStore,
  type SignInRequest,
  type SignInRequestStore,
} from "./signin.ts";

/** The sign-in mail worker's (functions/handlers/signin-mail.ts), fed by queued link requests. */
export interface SignInMailDeps {
  requests: SignInRequestStore;
  links: SignInLinkStore;
  accounts: DonorAccountStore;
  /** Keys donors' ids (functions/domain/donations/donor-identity.ts). */
  donorIdKey: string;
  mailer: Mailer;
  council: Council;
  clock: Clock;
  publicBaseUrl: string;
  /** 32 random bytes, base64url. */
  newToken: () => string;
}

export type SignInMailOutcome = "sent" | "not_a_donor" | "too_late";

/**
 * Handles one link request, after the donor has had their answer: e-mails a link when the address has
 * given, nothing otherwise, then forgets the request. A request older than a link's life (a redrive from
 * the dead-letter queue, days later) is dropped: a link the donor no longer waits for is a surprise, not a
 * service. At least once: a retry after a failure between the e-mail and the removal sends a second link,
 * each working on its own.
 */
export async function sendSignInLink(
  deps: SignInMailDeps,
  request: SignInRequest,
): Promise<SignInMailOutcome> {
  const now = deps.clock.now();
  const outcome = await mailIfDonor(deps, request, now);
  await deps.requests.remove(request.requestId);
  return outcome;
}

async function mailIfDonor(
  deps: SignInMailDeps,
  request: SignInRequest,
  now: Date,
): Promise<SignInMailOutcome> {
  if (now.getTime() - request.requestedAt.getTime() > SIGNIN_LINK_TTL_SECONDS * 1000) return "too_late";
  const donorId = donorIdOf(request.email, deps.donorIdKey);
  if (!(await deps.accounts.find(donorId))) return "not_a_donor";
  const token = deps.newToken();
  const tokenHash = hashSignInToken(token);
  await deps.links.save({
    tokenHash,
    donorId,
    locale: request.locale,
    expiresAt: new Date(now.getTime() + SIGNIN_LINK_TTL_SECONDS * 1000),
  });
  const link = new URL("/api/auth/callback", deps.publicBaseUrl);
  link.searchParams.set("token", token);
  await deps.mailer.send(
    renderSignInEmail({
      locale: request.locale,
      email: request.email,
      link: link.href,
      council: deps.council,
      // The hash's start names the file: unique per link, and not the token itself.
      id: `signin-${tokenHash.slice(0, 24)}`,
    }),
  );
  return "sent";
}
