/**
 * Security headers of the static site. CloudFront adds them in AWS (a response headers policy) and the
 * local server adds the same ones, so the end-to-end tests run the pages under the policy we deploy.
 */
export const STRIPE_CHECKOUT_ORIGIN = "https://checkout.stripe.com";

/** No inline scripts or styles anywhere on the site; the only other origin is Stripe's checkout. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // Search runs Pagefind's WebAssembly; 'wasm-unsafe-eval' allows compiling it and nothing else.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  // A form post to /api/checkout is answered with a redirect to Stripe's hosted page.
  `form-action 'self' ${STRIPE_CHECKOUT_ORIGIN}`,
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join("; ");

export const SITE_SECURITY_HEADERS = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "strict-transport-security": "max-age=63072000; includeSubDomains; preload",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(self)",
} as const;
