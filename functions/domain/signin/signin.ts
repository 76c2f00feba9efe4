import { createHash } from "node:crypto";
import type { Locale } from "../../../content/locales.ts";
import { type DonorSession, type SessionKeys, signDonorSession } from "../../auth/session.ts";
import { isSessionLive, type SessionAnchor } from "../account/session-liveness.ts";
import {
  type CheckoutLimits,
  type CheckoutRefusal,
  emailRateLimitSubject,
  hashIdentifier,
  ipRateLimitSubject,
  type RateLimiter,
} from "../donations/checkout-guard.ts";
import { RateLimitedError, UnauthenticatedError } from "../errors.ts";
import type { Clock } from "../ports.ts";

/**
 * Passwordless sign-in. A link is asked for with an e-mail address; neither the answer nor the time it takes
 * says whether the address has given (no account enumeration), and a link is e-mailed only when it has. The link's token is
 * 32 random bytes that exist only in the e-mail: the table keeps their SHA-256, so reading the table does
 * not let anyone sign in. A link works once, within 15 minutes.
 */
export const SIGNIN_LINK_TTL_SECONDS = 15 * 60;

export interface StoredSignInLink {
  donorId: string;
  locale: Locale;
  expiresAt: Date;
  /** Consumed, but past its time (the table's TTL deletes late). */
  expired?: true;
}

export interface SignInLinkStore {
  save(link: { tokenHash: string; donorId: string; locale: Locale; expiresAt: Date }): Promise<void>;
  /** Deletes the link and returns it, once; undefined when it is unknown or already used. */
  consume(tokenHash: string, now: Date): Promise<StoredSignInLink | undefined>;
}

export interface DonorAccount extends SessionAnchor {
  locale?: Locale;
}

export interface DonorAccountStore {
  /** The donor's profile, present once they have given (the ledger writes it with their first payment). */
  find(donorId: string): Promise<DonorAccount | undefined>;
  /** Ends every session issued so far; undefined when the donor has no profile (never gave, or erased). */
  raiseSessionEpoch(donorId: string): Promise<number | undefined>;
}

/**
 * A sign-in link asked for and not yet handled: the address and language, kept only until the sign-in mail
 * worker (functions/domain/signin/mail.ts) has dealt with it, and never longer than a link would live.
 */
export interface SignInRequest {
  requestId: string;
  email: string;
  locale: Locale;
  requestedAt: Date;
}

export interface SignInRequestStore {
  /** Queues the request for the worker (through the table's stream); the table's TTL drops it at `expiresAt`. */
  add(request: SignInRequest, expiresAt: Date): Promise<void>;
  /** The worker is done with it: the address is not kept any longer. */
  remove(requestId: string): Promise<void>;
}

/** What answering a link request needs: nothing that depends on whether the address has given. */
export interface SignInRequestDeps {
  requests: SignInRequestStore;
  rateLimiter: RateLimiter;
  limits: CheckoutLimits;
  identifierSalt: string;
  clock: Clock;
  newRequestId: () => string;
  logRefusal: (refusal: CheckoutRefusal) => void;
}

/** What using a link and signing out need. */
export interface SignInSessionDeps {
  links: SignInLinkStore;
  accounts: DonorAccountStore;
  clock: Clock;
  sessionKeys: SessionKeys;
  newSessionId: () => string;
}

/** The sign-in handler's: asking for a link, using it, signing out. */
export type SignInDeps = SignInRequestDeps & SignInSessionDeps;

export const hashSignInToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Counted against the address and the client before anything else, so the answer never depends on the donor. */
async function limitSignInRequests(deps: SignInRequestDeps, email: string, clientIp: string, now: Date) {
  const ipId = hashIdentifier(deps.identifierSalt, "signin_ip", ipRateLimitSubject(clientIp));
  const emailId = hashIdentifier(deps.identifierSalt, "signin_email", emailRateLimitSubject(email));
  const decision = await deps.rateLimiter.consume(
    [
      { scope: "signin_ip", id: ipId, ...deps.limits.perIp },
      { scope: "signin_email", id: emailId, ...deps.limits.perEmail },
    ],
    now,
  );
  if (decision.allowed) return;
  const ip = decision.scope === "signin_ip";
  deps.logRefusal({
    reason: ip ? "rate_limit_ip" : "rate_limit_email",
    subject: (ip ? ipId : emailId).slice(0, 8),
  });
  throw new RateLimitedError(decision.scope, decision.retryAfterSeconds);
}

/**
 * Asks for a sign-in link. Before answering it does the same work for every address: the rate limits (which
 * do not depend on the address having given) and one write that queues the request. Whether the address
 * has given is looked up afterwards, by the sign-in mail worker, so neither the answer nor its timing tells.
 */
export async function requestSignInLink(
  deps: SignInRequestDeps,
  request: { email: string; locale: Locale; clientIp: string },
): Promise<void> {
  const now = deps.clock.now();
  await limitSignInRequests(deps, request.email, request.clientIp, now);
  await deps.requests.add(
    { requestId: deps.newRequestId(), email: request.email, locale: request.locale, requestedAt: now },
    new Date(now.getTime() + SIGNIN_LINK_TTL_SECONDS * 1000),
  );
}

export type SignInOutcome =
  | { signedIn: true; token: string; expiresAt: Date; locale: Locale }
  | { signedIn: false; locale?: Locale };

/** Uses a link: a session for its donor, or nothing when it is unknown, used, expired or its donor erased. */
export async function completeSignIn(deps: SignInSessionDeps, token: string): Promise<SignInOutcome> {
  const now = deps.clock.now();
  const link = await deps.links.consume(hashSignInToken(token), now);
  if (!link) return { signedIn: false };
  if (link.expired) return { signedIn: false, locale: link.locale };
  const account = await deps.accounts.find(link.donorId);
  if (!account) return { signedIn: false, locale: link.locale };
  const signed = await signDonorSession(
    {
      donorId: link.donorId,
      epoch: account.sessionEpoch,
      locale: link.locale,
      sessionId: deps.newSessionId(),
    },
    deps.sessionKeys,
    now,
  );
  return { signedIn: true, ...signed, locale: link.locale };
}

/** A session is current while no sign-out or erasure has raised the donor's epoch past it. */
export function assertSessionCurrent<T extends DonorAccount>(
  session: DonorSession,
  account: T | undefined,
): T {
  if (!account) throw new UnauthenticatedError("no_profile");
  if (!isSessionLive(session, account)) throw new UnauthenticatedError("signed_out");
  return account;
}

/** Ends every session of the donor, on every device, when the one signing out is still current. */
export async function signOut(
  deps: Pick<SignInSessionDeps, "accounts">,
  session: DonorSession,
): Promise<void> {
  const account = await deps.accounts.find(session.donorId);
  if (!isSessionLive(session, account)) return;
  await deps.accounts.raiseSessionEpoch(session.donorId);
}
