import { join } from "node:path";
import { z } from "zod";
import type { CheckoutLimits } from "./domain/donations/checkout-guard.ts";

/**
 * Environment of every function, validated once at cold start. Every variable is listed in .env.example.
 * Locally (no Stripe keys) payments go to the local Stripe emulator; in AWS, secrets come from Secrets Manager.
 */
export const LOCAL_STRIPE_WEBHOOK_SECRET = "whsec_athar_local_development_only";
export const LOCAL_STRIPE_SECRET_KEY = "sk_test_athar_local_development_only";
/** Keys the hashes of addresses and e-mails in rate limits, in local runs; AWS uses a generated secret (RATE_LIMIT_SALT_ARN). */
export const LOCAL_RATE_LIMIT_SALT = "athar_local_development_only_salt";
/** Keys donors' ids (hashes of their e-mail addresses) in local runs; AWS uses a retained secret (DONOR_ID_KEY_ARN). */
export const LOCAL_DONOR_ID_KEY = "athar_local_development_only_donor_id_key";
/** Signs donors' session cookies in local runs; AWS uses a generated secret (SESSION_KEYS_ARN). */
export const LOCAL_SESSION_KEYS = '[{"kid":"local","secret":"athar_local_development_only_session_key"}]';

/** The app client of the local staff issuer (local/auth/); in AWS the user pool's client id. */
export const LOCAL_STAFF_CLIENT_ID = "athar-local-staff";
/** Where the local server mounts the local staff issuer, under PUBLIC_BASE_URL. */
export const LOCAL_AUTH_PATH = "/local-auth";

/** Card testers script checkouts: 10 per address per 10 minutes and 5 per e-mail per hour leave donors room. */
export const DEFAULT_CHECKOUT_LIMITS: CheckoutLimits = {
  perIp: { limit: 10, windowSeconds: 10 * 60 },
  perEmail: { limit: 5, windowSeconds: 60 * 60 },
};

/**
 * Sign-in links: 5 per address per hour covers a donor who lost a mail or two; 20 per client address per
 * 10 minutes leaves room for a shared office network while stopping a script mailing strangers.
 */
export const DEFAULT_SIGNIN_LIMITS: CheckoutLimits = {
  perIp: { limit: 20, windowSeconds: 10 * 60 },
  perEmail: { limit: 5, windowSeconds: 60 * 60 },
};

/** An empty value (`KEY=` in an env file) counts as unset. */
const emptyAsUnset = (value: unknown) => (value === "" ? undefined : value);

const envSchema = z.object({
  ATHAR_ENV: z.enum(["local", "aws"]).default("local"),
  TABLE_NAME: z.string().min(3).default("athar"),
  AWS_REGION: z.string().min(1).default("me-central-1"),
  /** DynamoDB Local's URL; unset in AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** Where donors reach the site (success and cancel URLs are built from it). */
  PUBLIC_BASE_URL: z.url().default("http://localhost:8787"),
  /** ARN of the Secrets Manager secret holding {"secretKey","webhookSecret"} (AWS). */
  STRIPE_SECRET_ARN: z.string().startsWith("arn:").optional(),
  /** A real Stripe key for local work against Stripe's test mode; unset means local payment mode. */
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_/)
    .optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
  /** Base URL of the local Stripe emulator in local payment mode (defaults to PUBLIC_BASE_URL). */
  STRIPE_API_BASE: z.url().optional(),
  /** Receipts are numbered per calendar year in the council's time zone. */
  COUNCIL_TIME_ZONE: z
    .string()
    .refine((zone) => Intl.supportedValuesOf("timeZone").includes(zone), "not an IANA time zone")
    .default("Asia/Riyadh"),
  LOG_LEVEL: z.enum(["DEBUG", "INFO", "WARN", "ERROR", "SILENT"]).default("INFO"),
  /** Checkouts allowed per client address (IPv4, or IPv6 /64) and per e-mail in fixed windows. */
  CHECKOUT_LIMIT_PER_IP: z.coerce.number().int().positive().default(DEFAULT_CHECKOUT_LIMITS.perIp.limit),
  CHECKOUT_WINDOW_PER_IP_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(DEFAULT_CHECKOUT_LIMITS.perIp.windowSeconds),
  CHECKOUT_LIMIT_PER_EMAIL: z.coerce
    .number()
    .int()
    .positive()
    .default(DEFAULT_CHECKOUT_LIMITS.perEmail.limit),
  CHECKOUT_WINDOW_PER_EMAIL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(DEFAULT_CHECKOUT_LIMITS.perEmail.windowSeconds),
  /** Sign-in links allowed per client address and per e-mail in fixed windows. */
  SIGNIN_LIMIT_PER_IP: z.coerce.number().int().positive().default(DEFAULT_SIGNIN_LIMITS.perIp.limit),
  SIGNIN_WINDOW_PER_IP_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(DEFAULT_SIGNIN_LIMITS.perIp.windowSeconds),
  SIGNIN_LIMIT_PER_EMAIL: z.coerce.number().int().positive().default(DEFAULT_SIGNIN_LIMITS.perEmail.limit),
  SIGNIN_WINDOW_PER_EMAIL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(DEFAULT_SIGNIN_LIMITS.perEmail.windowSeconds),
  /** Keys the hashes of addresses and e-mails in rate limits (local runs; LOCAL_RATE_LIMIT_SALT when unset). */
  RATE_LIMIT_SALT: z.string().min(16).optional(),
  /** ARN of the generated Secrets Manager secret holding the salt (AWS). */
  RATE_LIMIT_SALT_ARN: z.string().startsWith("arn:").optional(),
  /**
   * Keys every donor's id, the hash of their e-mail address that holds their history together (local runs;
   * LOCAL_DONOR_ID_KEY when unset). Never changed once donors have given: a new key orphans every history.
   */
  DONOR_ID_KEY: z.string().min(16).optional(),
  /** ARN of the retained Secrets Manager secret holding the donor-id key (AWS). */
  DONOR_ID_KEY_ARN: z.string().startsWith("arn:").optional(),
  /**
   * ARN of the secret whose `current` value CloudFront sends the API in x-athar-origin-verify (and, while it
   * is rotated, `previous`): set, every HTTP request without one of them is refused (AWS; unset locally).
   */
  ORIGIN_VERIFY_SECRET_ARN: z.string().startsWith("arn:").optional(),
  /**
   * Keys that sign donors' session cookies, as JSON `[{"kid","secret"}]`: the first signs, all verify, so
   * a key is rotated by putting a new one first (local runs; LOCAL_SESSION_KEYS when unset).
   */
  SESSION_KEYS: z.preprocess(emptyAsUnset, z.string().optional()),
  /** ARN of the generated Secrets Manager secret holding the session keys in that JSON form (AWS). */
  SESSION_KEYS_ARN: z.string().startsWith("arn:").optional(),
  /** Cloudflare Turnstile's public site key: set, it turns the bot check on (site build and functions). */
  PUBLIC_TURNSTILE_SITE_KEY: z.preprocess(emptyAsUnset, z.string().optional()),
  /** Turnstile's secret key for local runs; in AWS it is `turnstileSecretKey` in the Stripe secret. */
  TURNSTILE_SECRET_KEY: z.preprocess(emptyAsUnset, z.string().optional()),
  /** Where siteverify is (tests point it at a local stand-in); Cloudflare's own when unset. */
  TURNSTILE_VERIFY_URL: z.url().optional(),
  /** Failed monthly payments after which a sponsorship is cancelled; its units return after the paid period. */
  ADOPTION_MAX_FAILED_PAYMENTS: z.coerce.number().int().min(1).max(10).default(3),
  /** Local runs: where DynamoDB Local, the Stripe emulator's state and the mail outbox live. */
  ATHAR_DATA_DIR: z.string().min(1).default(".data"),
  /** AWS: the S3 bucket finance exports are written to (the stack sets it); locally ATHAR_DATA_DIR/exports. */
  EXPORTS_BUCKET: z.preprocess(emptyAsUnset, z.string().min(3).optional()),
  /** The site's bucket, where the public group reads the 404 page it serves for CloudFront's fallback (AWS). */
  SITE_BUCKET: z.preprocess(emptyAsUnset, z.string().min(3).optional()),
  /** The built site locally (the 404 page); relative to the working directory. */
  SITE_DIR: z.string().default("site/dist"),
  /** The deployment's stage (infra/stages.ts), in the health probe's metrics (AWS). */
  STAGE_NAME: z.preprocess(emptyAsUnset, z.string().optional()),
  /** Each stream worker's SQS queue URL, as JSON `{"receipts":"https://sqs…",…}`, for the stream router (AWS). */
  WORKER_QUEUE_URLS: z.preprocess(
    (value) => (typeof value === "string" && value !== "" ? JSON.parse(value) : undefined),
    z.record(z.string(), z.url()).optional(),
  ),
  /** Local runs: the folder e-mails are written to as .eml files (default ATHAR_DATA_DIR/outbox). */
  OUTBOX_DIR: z.string().min(1).optional(),
  /** The sender of receipts; AWS: an address on the SES-verified domain (default receipts@ the site's host). */
  MAIL_FROM: z
    .string()
    .regex(/^[^@\s]+@[^@\s]+$/, "an e-mail address")
    .optional(),
  /** AWS: an SES configuration set for delivery events (optional). */
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /** The `iss` of staff tokens: the Cognito user pool's issuer URL (default: the local issuer). */
  STAFF_ISSUER: z.preprocess(emptyAsUnset, z.url().optional()),
  /** The staff tokens' key set (default `<STAFF_ISSUER>/.well-known/jwks.json`). */
  STAFF_JWKS_URL: z.preprocess(emptyAsUnset, z.url().optional()),
  /** The site's app client, checked against the tokens' `client_id` (default: the local issuer's). */
  STAFF_CLIENT_ID: z.preprocess(emptyAsUnset, z.string().min(1).default(LOCAL_STAFF_CLIENT_ID)),
  /** Where staff sign in (`/oauth2/authorize`, `/oauth2/token`, `/logout`): Cognito's managed-login domain. */
  STAFF_LOGIN_URL: z.preprocess(emptyAsUnset, z.url().optional()),
});

export type Config = z.infer<typeof envSchema> & {
  paymentMode: "stripe" | "local";
  /** Local runs add diagnostics (DynamoDB calls per request) to responses. */
  exposeDiagnostics: boolean;
  checkoutLimits: CheckoutLimits;
  signInLimits: CheckoutLimits;
  mailFrom: string;
  outboxDir: string;
  staffAuth: { issuer: string; jwksUrl: string; clientId: string; loginUrl: string };
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
      .join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  const config = result.data;
  const localIssuer = `${config.PUBLIC_BASE_URL.replace(/\/$/, "")}${LOCAL_AUTH_PATH}`;
  const staffIssuer = (config.STAFF_ISSUER ?? localIssuer).replace(/\/$/, "");
  return {
    ...config,
    paymentMode: config.STRIPE_SECRET_ARN || config.STRIPE_SECRET_KEY ? "stripe" : "local",
    exposeDiagnostics: config.ATHAR_ENV === "local",
    mailFrom: config.MAIL_FROM ?? `receipts@${new URL(config.PUBLIC_BASE_URL).hostname}`,
    outboxDir: config.OUTBOX_DIR ?? join(config.ATHAR_DATA_DIR, "outbox"),
    staffAuth: {
      issuer: staffIssuer,
      jwksUrl: config.STAFF_JWKS_URL ?? `${staffIssuer}/.well-known/jwks.json`,
      clientId: config.STAFF_CLIENT_ID,
      loginUrl: (config.STAFF_LOGIN_URL ?? localIssuer).replace(/\/$/, ""),
    },
    checkoutLimits: {
      perIp: { limit: config.CHECKOUT_LIMIT_PER_IP, windowSeconds: config.CHECKOUT_WINDOW_PER_IP_SECONDS },
      perEmail: {
        limit: config.CHECKOUT_LIMIT_PER_EMAIL,
        windowSeconds: config.CHECKOUT_WINDOW_PER_EMAIL_SECONDS,
      },
    },
    signInLimits: {
      perIp: { limit: config.SIGNIN_LIMIT_PER_IP, windowSeconds: config.SIGNIN_WINDOW_PER_IP_SECONDS },
      perEmail: {
        limit: config.SIGNIN_LIMIT_PER_EMAIL,
        windowSeconds: config.SIGNIN_WINDOW_PER_EMAIL_SECONDS,
      },
    },
  };
}
