/**
 * Security headers of the static site. CloudFront adds them in AWS (a response headers policy) and the
 * local server adds the same ones, so the end-to-end tests run the pages under the policy we deploy.
 */
import { STRIPE_CHECKOUT_ORIGIN, TURNSTILE_ORIGIN } from "../contract/origins.ts";

export interface SecurityHeaderOptions {
  /** A Turnstile site key is configured, so pages embed Cloudflare's widget. */
  turnstile: boolean;
  /** Where staff sign in (Cognito's managed login): the finance console posts its code to the token endpoint. */
  staffLoginOrigin?: string;
  /**
   * The finance exports bucket (AWS): the console fetches an export from it, following the API's redirect to
   * a presigned URL, and the CSP applies to where a fetch is redirected too.
   */
  exportsOrigin?: string;
}

/**
 * No inline scripts or styles anywhere on the site; the only other origins are Stripe's checkout, the staff
 * sign-in's token endpoint and the exports bucket (AWS) and, only when the bot check is on, Cloudflare's
 * Turnstile.
 */
export function contentSecurityPolicy({
  turnstile,
  staffLoginOrigin,
  exportsOrigin,
}: SecurityHeaderOptions): string {
  const thirdParty = turnstile ? ` ${TURNSTILE_ORIGIN}` : "";
  const connectTo = [staffLoginOrigin, exportsOrigin].filter(Boolean).map((origin) => ` ${origin}`);
  return [
    "default-src 'self'",
    // Search runs Pagefind's WebAssembly; 'wasm-unsafe-eval' allows compiling it and nothing else.
    `script-src 'self' 'wasm-unsafe-eval'${thirdParty}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${connectTo.join("")}`,
    ...(turnstile ? [`frame-src ${TURNSTILE_ORIGIN}`] : []),
    // A form post to /api/checkout is answered with a redirect to Stripe's hosted page.
    `form-action 'self' ${STRIPE_CHECKOUT_ORIGIN}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

export function siteSecurityHeaders(options: SecurityHeaderOptions) {
  return {
    "content-security-policy": contentSecurityPolicy(options),
    "strict-transport-security": "max-age=63072000; includeSubDomains; preload",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(self)",
  } as const;
}
