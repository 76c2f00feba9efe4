import { LOCALES, type Locale } from "../../content/locales.ts";
import { type MessageParams, translate } from "../../contract/messages.ts";
import {
  AtharError,
  BooksConflictError,
  BotCheckFailedError,
  BotCheckUnavailableError,
  BusyError,
  CrossSiteRequestError,
  ForbiddenError,
  InvalidSignatureError,
  MalformedEventError,
  NotFoundError,
  OriginUnverifiedError,
  PaymentProviderError,
  PaymentsNotConfiguredError,
  RateLimitedError,
  ReconciliationConflictError,
  StoredItemInvalidError,
  UnauthenticatedError,
  UnitsUnavailableError,
  ValidationError,
} from "../domain/errors.ts";
import { escapeHtml, type HttpResult, html, json } from "./responses.ts";
import { waitText } from "./wait-text.ts";

/** The one place where typed errors become HTTP statuses. */
export function statusFor(error: unknown): number {
  // A malformed item of our own table: a server fault (logged as one), whatever else it resembles.
  if (error instanceof StoredItemInvalidError) return 500;
  if (
    error instanceof ValidationError ||
    error instanceof InvalidSignatureError ||
    error instanceof MalformedEventError ||
    error instanceof BotCheckFailedError
  )
    return 400;
  if (error instanceof UnauthenticatedError) return 401;
  if (
    error instanceof ForbiddenError ||
    error instanceof CrossSiteRequestError ||
    error instanceof OriginUnverifiedError
  )
    return 403;
  if (error instanceof NotFoundError) return 404;
  if (
    error instanceof UnitsUnavailableError ||
    error instanceof ReconciliationConflictError ||
    error instanceof BooksConflictError
  )
    return 409;
  if (error instanceof RateLimitedError) return 429;
  if (error instanceof PaymentProviderError) return 502;
  if (
    error instanceof BotCheckUnavailableError ||
    error instanceof BusyError ||
    error instanceof PaymentsNotConfiguredError
  )
    return 503;
  return 500;
}

/** Server-side failures whose own message helps the caller (try again shortly), not a generic one. */
const explainedFailure = (error: unknown) =>
  error instanceof PaymentProviderError ||
  error instanceof BotCheckUnavailableError ||
  error instanceof BusyError ||
  error instanceof PaymentsNotConfiguredError;

function messageParams(error: AtharError, locale: Locale): MessageParams | undefined {
  if (error instanceof RateLimitedError)
    return { ...error.params, wait: waitText(locale, error.retryAfterSeconds) };
  return error.params;
}

export interface ErrorBody {
  error: string;
  message: string;
  details?: { field: string; code: string; message: string }[];
  /** 409 units_unavailable: how many units are still free. */
  free?: number;
}

export function errorBody(error: unknown, locale: Locale): ErrorBody {
  const known = error instanceof AtharError && statusFor(error) < 500 ? error : undefined;
  const code = known?.code ?? (explainedFailure(error) ? (error as AtharError).code : "internal_error");
  const body: ErrorBody = {
    error: code,
    message: translate(locale, known?.messageKey ?? code, known ? messageParams(known, locale) : undefined),
  };
  if (known instanceof UnitsUnavailableError) body.free = known.free;
  if (known?.details) {
    body.details = known.details.map((issue) => ({
      field: issue.field,
      code: issue.code,
      message: translate(locale, issue.code, issue.params),
    }));
  }
  return body;
}

export function errorResponse(error: unknown, locale: Locale, asPage: boolean): HttpResult {
  const status = statusFor(error);
  const body = errorBody(error, locale);
  const result = asPage ? html(status, errorPage(body, locale)) : json(status, body);
  if (error instanceof RateLimitedError || error instanceof BusyError) {
    result.headers = { ...result.headers, "retry-after": String(error.retryAfterSeconds) };
  }
  return result;
}

/** For forms posted without JavaScript: the same errors as a page in the donor's language. */
function errorPage(body: ErrorBody, locale: Locale): string {
  const { lang, dir } = LOCALES[locale];
  const items = body.details?.length
    ? `<ul>${body.details.map((d) => `<li>${escapeHtml(d.message)}</li>`).join("")}</ul>`
    : "";
  return `<!doctype html><html lang="${lang}" dir="${dir}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(translate(locale, "error_page_title"))}</title>
<style>body{font-family:system-ui,sans-serif;max-inline-size:40rem;margin-inline:auto;padding:1.5rem;line-height:1.7}</style>
</head><body><main><h1>${escapeHtml(translate(locale, "error_page_title"))}</h1>
<div role="alert"><p>${escapeHtml(body.message)}</p>${items}</div>
<p><a href="javascript:history.back()" onclick="history.back();return false">${escapeHtml(translate(locale, "error_page_back"))}</a></p>
</main></body></html>`;
}
