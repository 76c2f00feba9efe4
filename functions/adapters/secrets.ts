import { getSecret } from "@aws-lambda-powertools/parameters/secrets";
import { z } from "zod";
import { type SessionKeys, sessionKeysSchema } from "../auth/session.ts";
import {
  type Config,
  LOCAL_DONOR_ID_KEY,
  LOCAL_RATE_LIMIT_SALT,
  LOCAL_SESSION_KEYS,
  LOCAL_STRIPE_SECRET_KEY,
  LOCAL_STRIPE_WEBHOOK_SECRET,
} from "../config.ts";
import { PaymentsNotConfiguredError } from "../domain/errors.ts";
import type { StripeSettings } from "./stripe.ts";

const stripeSecretSchema = z.object({
  secretKey: z.string().regex(/^(sk|rk)_(test|live)_/),
  webhookSecret: z.string().startsWith("whsec_"),
  /** Cloudflare Turnstile's secret key, when the site shows the Turnstile widget. */
  turnstileSecretKey: z.string().min(1).optional(),
});

/** A secret's JSON value; a value that is not JSON (the stack's generated placeholder) is undefined. */
async function readJsonSecret(arn: string): Promise<unknown> {
  const value = await getSecret(arn);
  if (typeof value !== "string") return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/**
 * Stripe credentials: from Secrets Manager in AWS (cached by Powertools), from the environment when a
 * developer uses their own Stripe test keys, and the documented local defaults in local payment mode.
 */
export async function loadStripeSettings(config: Config): Promise<StripeSettings> {
  if (config.STRIPE_SECRET_ARN) {
    const secret = stripeSecretSchema.safeParse(await readJsonSecret(config.STRIPE_SECRET_ARN));
    // The stack creates the secret with a generated placeholder, which is not JSON of Stripe's keys.
    if (!secret.success) {
      throw new PaymentsNotConfiguredError("The Stripe secret does not hold Stripe keys yet", {
        cause: secret.error,
      });
    }
    return { secretKey: secret.data.secretKey, webhookSecret: secret.data.webhookSecret };
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

/** A generated key of 16+ characters: the variable's value, else its secret's (AWS), else the local default. */
async function generatedKey(
  config: Config,
  name: "RATE_LIMIT_SALT" | "DONOR_ID_KEY",
  localDefault: string,
): Promise<string> {
  const value = config[name];
  if (value) return value;
  const arn = config[`${name}_ARN`];
  if (arn) {
    return z
      .string()
      .min(16)
      .parse(await getSecret(arn));
  }
  if (config.ATHAR_ENV === "aws") throw new Error(`${name}_ARN is required in AWS`);
  return localDefault;
}

/** The salt keying hashed addresses and e-mails in rate limits: generated per deployment in AWS. */
export const loadRateLimitSalt = (config: Config) =>
  generatedKey(config, "RATE_LIMIT_SALT", LOCAL_RATE_LIMIT_SALT);

/** The key of donors' ids: generated once per deployment in AWS and kept for good (retained secret). */
export const loadDonorIdKey = (config: Config) => generatedKey(config, "DONOR_ID_KEY", LOCAL_DONOR_ID_KEY);

const originVerifySchema = z.object({ current: z.string().min(32), previous: z.string().min(32).optional() });

/**
 * The origin header values the API accepts: `current`, and `previous` while a rotation is under way.
 * Read through Powertools' cache, so a rotation reaches warm functions within five minutes.
 */
export async function loadOriginVerifyValues(secretArn: string): Promise<string[]> {
  const secret = originVerifySchema.parse(await getSecret(secretArn, { transform: "json", maxAge: 300 }));
  return secret.previous ? [secret.current, secret.previous] : [secret.current];
}

/** The keys signing donors' sessions: a generated secret in AWS, SESSION_KEYS or the local default otherwise. */
export async function loadSessionKeys(config: Config): Promise<SessionKeys> {
  if (config.SESSION_KEYS_ARN) {
    return sessionKeysSchema.parse(await getSecret(config.SESSION_KEYS_ARN, { transform: "json" }));
  }
  if (config.ATHAR_ENV === "aws") throw new Error("SESSION_KEYS_ARN is required in AWS");
  return sessionKeysSchema.parse(JSON.parse(config.SESSION_KEYS ?? LOCAL_SESSION_KEYS));
}
