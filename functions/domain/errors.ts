import type { FieldIssue, MessageKey, MessageParams } from "../../contract/messages.ts";

/**
 * Typed errors of the domain. Each has a stable `code` that API clients can rely on and that selects the
 * localized message; the HTTP layer maps classes to status codes in one place (functions/http/errors.ts).
 */
export interface AtharErrorOptions {
  cause?: unknown;
  /** The message to show when it is not the code's own (e.g. a plainer wording for a special case). */
  messageKey?: MessageKey;
  details?: FieldIssue[];
  params?: MessageParams;
}

export class AtharError extends Error {
  /** A key of the message catalogues (contract/messages/*.json): `tsc` refuses a code with no message. */
  readonly code: MessageKey;
  readonly details: FieldIssue[] | undefined;
  readonly params: MessageParams | undefined;
  readonly messageKey: MessageKey;

  constructor(code: MessageKey, message: string, options: AtharErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details;
    this.params = options.params;
    this.messageKey = options.messageKey ?? code;
  }
}

/** The caller sent something we cannot accept; nothing was changed. */
export class ValidationError extends AtharError {
  constructor(details: FieldIssue[], options: Omit<AtharErrorOptions, "details"> = {}) {
    super(
      "validation_failed",
      `Invalid request: ${details.map((d) => `${d.field} (${d.code})`).join(", ")}`,
      {
        ...options,
        details,
      },
    );
  }
}

export class NotFoundError extends AtharError {
  constructor(code: MessageKey, message: string, options?: AtharErrorOptions) {
    super(code, message, options);
  }
}

/** A webhook whose signature is missing, wrong or too old. */
export class InvalidSignatureError extends AtharError {
  constructor(message: string, options?: AtharErrorOptions) {
    super("invalid_signature", message, options);
  }
}

/** A correctly signed event whose content is not what the provider documents; nothing is applied. */
export class MalformedEventError extends AtharError {
  constructor(message: string, options?: AtharErrorOptions) {
    super("malformed_event", message, options);
  }
}

/** The payment provider failed or refused; the donor may try again. */
export class PaymentProviderError extends AtharError {
  constructor(message: string, options?: AtharErrorOptions) {
    super("payment_provider_unavailable", message, options);
  }
}

/**
 * The deployment's payment keys are not there yet (the Stripe secret holds the stack's placeholder):
 * no payment is started, nothing is written, and the health probe's alarm is on until they are.
 */
export class PaymentsNotConfiguredError extends AtharError {
  constructor(message: string, options?: AtharErrorOptions) {
    super("payments_not_configured", message, options);
  }
}

/** Checkouts (`ip`, `email`) and sign-in links (`signin_ip`, `signin_email`) are limited separately. */
export type RateLimitScope = "ip" | "email" | "signin_ip" | "signin_email";

/** Too many checkouts (or sign-in links) from one address or for one e-mail within a window; nothing was written. */
export class RateLimitedError extends AtharError {
  readonly scope: RateLimitScope;
  readonly retryAfterSeconds: number;

  constructor(scope: RateLimitScope, retryAfterSeconds: number, options?: AtharErrorOptions) {
    super("too_many_attempts", `Limit reached for this ${scope}; retry in ${retryAfterSeconds} s`, {
      ...(scope.startsWith("signin_") ? { messageKey: "too_many_signin_links" } : {}),
      ...options,
      params: { retryAfterSeconds },
    });
    this.scope = scope;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The bot check (Cloudflare Turnstile) did not vouch for this request. */
export class BotCheckFailedError extends AtharError {
  constructor(message = "The bot check did not pass", options?: AtharErrorOptions) {
    super("bot_check_failed", message, options);
  }
}

/** The bot check could not be performed (provider down, slow or misconfigured); the request is refused. */
export class BotCheckUnavailableError extends AtharError {
  constructor(message: string, options?: AtharErrorOptions) {
    super("bot_check_unavailable", message, options);
  }
}

/** Fewer units are free than an adopter asked for (or none at all); nothing was held. */
export class UnitsUnavailableError extends AtharError {
  readonly free: number;

  constructor(free: number, options: Omit<AtharErrorOptions, "params"> = {}) {
    // "Only 0 are free" reads better as "none are free any more".
    super("units_unavailable", `Only ${free} units are free`, {
      ...options,
      params: { free },
      ...(free === 0 ? { messageKey: "units_sold_out" } : {}),
    });
    this.free = free;
  }
}

/** Too many requests collided on the same thing for now; nothing was changed, and trying again will do. */
export class BusyError extends AtharError {
  /** When trying again is likely to work (the Retry-After header). */
  readonly retryAfterSeconds: number;
  constructor(message: string, options?: AtharErrorOptions & { retryAfterSeconds?: number }) {
    super("busy_try_again", message, options);
    this.retryAfterSeconds = options?.retryAfterSeconds ?? 2;
  }
}

/** The request needs a signed-in donor (no session, or one that is tampered, expired or signed out). */
export class UnauthenticatedError extends AtharError {
  /** Why, for logs and tests; the caller only ever sees `signin_required`. */
  readonly reason: string;

  constructor(reason: string, options?: AtharErrorOptions) {
    super("signin_required", `Not signed in (${reason})`, options);
    this.reason = reason;
  }
}

/** Signed in, but not allowed: another donor's data, or a staff role the caller does not have. */
export class ForbiddenError extends AtharError {
  constructor(message: string, options?: AtharErrorOptions) {
    super("forbidden", message, options);
  }
}

/** A state-changing request that did not come from the site's own pages (cross-site request forgery). */
export class CrossSiteRequestError extends AtharError {
  constructor(message = "Cross-site request refused", options?: AtharErrorOptions) {
    super("cross_site_request", message, options);
  }
}

/**
 * A request that reached the API without passing through the site's CloudFront distribution (which adds
 * a secret header): the per-address limits and any WAF would be bypassed, so it is refused.
 */
export class OriginUnverifiedError extends AtharError {
  constructor(message = "Request did not come through CloudFront", options?: AtharErrorOptions) {
    super("origin_unverified", message, options);
  }
}

/**
 * Finance asked for something the payout's state does not allow now (an exception resolved already, a
 * payout with open exceptions or a net that differs from its matched sum); `code` says which.
 */
export class ReconciliationConflictError extends AtharError {
  constructor(
    code:
      | "exception_already_resolved"
      | "payout_already_reconciled"
      | "payout_has_open_exceptions"
      | "payout_net_mismatch"
      | "donation_unknown",
    message: string,
    options?: AtharErrorOptions,
  ) {
    super(code, message, options);
  }
}

/**
 * Finance's books refused a request as things stand (a bank reference recorded already, a cover for a
 * donation that is not a lapsing sponsorship, a number of months out of range); `code` says which.
 */
export class BooksConflictError extends AtharError {
  constructor(
    code:
      | "duplicate_bank_reference"
      | "not_a_sponsorship"
      | "sponsorship_active"
      | "sponsorship_ended"
      | "cover_months_invalid",
    message: string,
    options?: AtharErrorOptions,
  ) {
    super(code, message, options);
  }
}

/**
 * An item read back from the table is not what its entity's store writes (a field missing or of another
 * type): our fault, never the caller's, so a 500 that is logged (functions/http/errors.ts). The message
 * names the entity and the offending fields, never their values (they may be personal data).
 */
export class StoredItemInvalidError extends AtharError {
  /** The item's kind (functions/table/entities.ts). */
  readonly entity: string;

  constructor(entity: string, problems: string, options?: AtharErrorOptions) {
    super("internal_error", `Stored ${entity} item is invalid: ${problems}`, options);
    this.entity = entity;
  }
}
