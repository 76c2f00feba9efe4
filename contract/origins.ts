/** Third-party origins the site's pages reach: the Content-Security-Policy allows exactly these. */

/** Stripe's hosted Checkout, where the donation form sends the donor to pay. */
export const STRIPE_CHECKOUT_ORIGIN = "https://checkout.stripe.com";

/** Cloudflare Turnstile's script and its challenge frame come from here. */
export const TURNSTILE_ORIGIN = "https://challenges.cloudflare.com";
