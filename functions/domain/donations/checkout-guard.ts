import { createHmac } from "node:crypto";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { BotCheckFailedError, RateLimitedError, type RateLimitScope } from "../errors.ts";

/**
 * Defence against card testing at checkout creation: a bot check (when configured) and per-IP and
 * per-e-mail limits in fixed windows. Addresses and e-mails are reduced to salted hashes before they
 * reach the rate limiter or the log, so neither is stored nor logged.
 */
export type { RateLimitScope };

export interface RateLimitKey {
  scope: RateLimitScope;
  /** A hashed identifier (see hashIdentifier), never the raw address or e-mail. */
  id: string;
  limit: number;
  windowSeconds: number;
}

export type RateLimitDecision =
  | { allowed: true }
  | { allowed: false; scope: RateLimitScope; retryAfterSeconds: number };

export interface RateLimiter {
  /** Counts one attempt against every key at once, or none of them when any key is over its limit. */
  consume(keys: RateLimitKey[], now: Date): Promise<RateLimitDecision>;
  /**
   * Takes back one attempt counted at `now` (its windows), for a request that failed through no doing of
   * the donor's (the units were too contended to hold): trying again costs them nothing. Best effort.
   */
  giveBack(keys: RateLimitKey[], now: Date): Promise<void>;
}

/** What an allowed checkout consumed, so it can be given back (RateLimiter.giveBack). */
export interface GuardPass {
  giveBack(): Promise<void>;
}

export interface BotCheck {
  /** True when the provider vouches for the token; throws BotCheckUnavailableError when it cannot tell. */
  verify(token: string | undefined, clientIp: string): Promise<boolean>;
}

export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

export interface CheckoutLimits {
  perIp: RateLimit;
  perEmail: RateLimit;
}

export interface CheckoutRefusal {
  reason: "rate_limit_ip" | "rate_limit_email" | "bot_check";
  /** The first characters of the hashed identifier: enough to correlate log lines, not to identify. */
  subject: string;
}

export interface CheckoutGuardDeps {
  rateLimiter: RateLimiter;
  /** Absent when no bot check is configured. */
  botCheck?: BotCheck | undefined;
  limits: CheckoutLimits;
  /** Per-deployment secret that keys the identifier hashes. */
  identifierSalt: string;
  logRefusal: (refusal: CheckoutRefusal) => void;
}

export interface CheckoutGuardInput {
  clientIp: string;
  email: string;
  turnstileToken?: string | undefined;
  now: Date;
}

const HASH_LENGTH = 32;
const LOGGED_PREFIX_LENGTH = 8;

/** Keyed SHA-256 (HMAC), truncated to 128 bits: stable per deployment, useless without the salt. */
export function hashIdentifier(salt: string, scope: RateLimitScope, subject: string): string {
  return createHmac("sha256", salt).update(`${scope}:${subject}`).digest("hex").slice(0, HASH_LENGTH);
}

/**
 * What one viewer is: an IPv4 address, or an IPv6 /64 (one subscriber's network, which a script can
 * rotate through freely). IPv4-mapped IPv6 counts as the IPv4 address.
 */
export function ipRateLimitSubject(clientIp: string): string {
  if (!isIP(clientIp)) return clientIp;
  const address = ipaddr.process(clientIp);
  if (address.kind() === "ipv4") return address.toString();
  const network = (address as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${network.join(":")}::/64`;
}

/** One mailbox however it is typed: case folded, and `name+tag@` counted as `name@`. */
export function emailRateLimitSubject(email: string): string {
  const normalized = email.trim().toLowerCase();
  const at = normalized.lastIndexOf("@");
  if (at < 0) return normalized;
  const local = normalized.slice(0, at).split("+")[0] || normalized.slice(0, at);
  return `${local}${normalized.slice(at)}`;
}

/** The fixed window holding `now`, in epoch seconds: windows start at multiples of their length. */
export function fixedWindow(now: Date, windowSeconds: number): { start: number; end: number } {
  const start = Math.floor(now.getTime() / 1000 / windowSeconds) * windowSeconds;
  return { start, end: start + windowSeconds };
}

/** Whole seconds until the window holding `now` closes, at least one. */
export function secondsUntilWindowEnds(now: Date, windowSeconds: number): number {
  const { end } = fixedWindow(now, windowSeconds);
  return Math.max(1, Math.ceil(end - now.getTime() / 1000));
}

/**
 * Refuses a checkout that a bot check rejects (before anything is counted, so a failed check writes
 * nothing) or that goes over a limit (counted for both scopes together, or for neither).
 */
export async function guardCheckout(deps: CheckoutGuardDeps, input: CheckoutGuardInput): Promise<GuardPass> {
  const ipId = hashIdentifier(deps.identifierSalt, "ip", ipRateLimitSubject(input.clientIp));
  if (deps.botCheck && !(await deps.botCheck.verify(input.turnstileToken, input.clientIp))) {
    deps.logRefusal({ reason: "bot_check", subject: ipId.slice(0, LOGGED_PREFIX_LENGTH) });
    throw new BotCheckFailedError();
  }
  const emailId = hashIdentifier(deps.identifierSalt, "email", emailRateLimitSubject(input.email));
  const limits: RateLimitKey[] = [
    { scope: "ip", id: ipId, ...deps.limits.perIp },
    { scope: "email", id: emailId, ...deps.limits.perEmail },
  ];
  const decision = await deps.rateLimiter.consume(limits, input.now);
  if (decision.allowed) return { giveBack: () => deps.rateLimiter.giveBack(limits, input.now) };
  const refusedId = decision.scope === "ip" ? ipId : emailId;
  deps.logRefusal({
    reason: decision.scope === "ip" ? "rate_limit_ip" : "rate_limit_email",
    subject: refusedId.slice(0, LOGGED_PREFIX_LENGTH),
  });
  throw new RateLimitedError(decision.scope, decision.retryAfterSeconds);
}
