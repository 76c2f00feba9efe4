import { getSecret } from "@aws-lambda-powertools/parameters/secrets";
import { z } from "zod";
import { type SessionKeys, sessionKeysSchema } from "../auth/session.ts";
import {
  type Config,
  LOCAL_RATE_LIMIT_SALT,
  LOCAL_SESSION_KEYS,
  LOCAL_STRIPE_SECRET_KEY,
  LOCAL_STRIPE_WEBHOOK_SECRET,
} from "../config.ts";
import type { StripeSettings } from "./stripe.ts";

const stripeSecretSchema = z.object({
  secretKey: z.string().regex(/^(sk|rk)_(test|live)_/),
  webhookSecret: z.string().startsWith("whsec_"),
  /** Cloudflare Turnstile's secret key, when the site shows the Turnstile widget. */
  turnstileSecretKey: z.string().min(1).optional(),
});

/**
 * Stripe credentials: from Secrets Manager in AWS (cached by Powertools), from the environment when a
 * developer uses their own Stripe test keys, and the documented local defaults in local payment mode.
 */
export async function loadStripeSettings(config: Config): Promise<StripeSettings> {
  if (config.STRIPE_SECRET_ARN) {
    const secret = stripeSecretSchema.parse(await getSecret(config.STRIPE_SECRET_ARN, { transform: "json" }));
    return { secretKey: secret.secretKey, webhookSecret: secret.webhookSecret };
  }
  // Only functions that use Stripe ask, so only they need the secret's ARN in AWS.
  if (config.ATHAR_ENV === "aws") throw new Error("STRIPE_SECRET_ARN is required in AWS");
  const webhookSecret = config.STRIPE_WEBHOOK_SECRET ?? LOCAL_STRIPE_WEBHOOK_SECRET;
  if (config.STRIPE_SECRET_KEY) return { secretKey: config.STRIPE_SECRET_KEY, webhookSecret };
  return {
    secretKey: LOCAL_STRIPE_SECRET_KEY,
    webhookSecret,
    apiBase: new URL(config.STRIPE_API_BASE ?? config.PUBLIC_BASE_URL),
  };
}

/**
 * Turnstile's secret key when the bot check is on (a site key is configured): TURNSTILE_SECRET_KEY, else
 * `turnstileSecretKey` in the Stripe secret. A site key without a secret key stops the cold start.
 */
export async function loadTurnstileSecretKey(config: Config): Promise<string | undefined> {
  if (!config.PUBLIC_TURNSTILE_SITE_KEY) return undefined;
  let secretKey = config.TURNSTILE_SECRET_KEY;
  if (!secretKey && config.STRIPE_SECRET_ARN) {
    const secret = await getSecret(config.STRIPE_SECRET_ARN, { transform: "json" });
    secretKey = stripeSecretSchema.parse(secret).turnstileSecretKey;
  }
  if (!secretKey) {
    throw new Error(
      "PUBLIC_TURNSTILE_SITE_KEY is set but there is no Turnstile secret key " +
        '(TURNSTILE_SECRET_KEY, or "turnstileSecretKey" in the Stripe secret)',
    );
  }
  return secretKey;
}

/** The salt keying hashed addresses and e-mails: generated per deployment in AWS, a fixed one locally. */
export async function loadRateLimitSalt(config: Config): Promise<string> {
  if (config.RATE_LIMIT_SALT) return config.RATE_LIMIT_SALT;
  if (config.RATE_LIMIT_SALT_ARN) {
    return z
      .string()
      .min(16)
      .parse(await getSecret(config.RATE_LIMIT_SALT_ARN));
  }
  if (config.ATHAR_ENV === "aws") throw new Error("RATE_LIMIT_SALT_ARN is required in AWS");
  return LOCAL_RATE_LIMIT_SALT;
}

/** The keys signing donors' sessions: a generated secret in AWS, SESSION_KEYS or the local default otherwise. */
export async function loadSessionKeys(config: Config): Promise<SessionKeys> {
  if (config.SESSION_KEYS_ARN) {
    return sessionKeysSchema.parse(await getSecret(config.SESSION_KEYS_ARN, { transform: "json" }));
  }
  if (config.ATHAR_ENV === "aws") throw new Error("SESSION_KEYS_ARN is required in AWS");
  return sessionKeysSchema.parse(JSON.parse(config.SESSION_KEYS ?? LOCAL_SESSION_KEYS));
}
