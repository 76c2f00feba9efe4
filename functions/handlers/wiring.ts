import { ulid } from "ulid";
import { createCatalog } from "../adapters/catalog.ts";
import { createDocumentClient } from "../adapters/dynamodb.ts";
import { loadRateLimitSalt, loadStripeSettings, loadTurnstileSecretKey } from "../adapters/secrets.ts";
import { createStripeClient, createStripeGateway } from "../adapters/stripe.ts";
import { createTurnstileVerifier } from "../adapters/turnstile.ts";
import type { Config } from "../config.ts";
import type { CheckoutGuardDeps } from "../domain/checkout-guard.ts";
import type { Clock } from "../domain/ports.ts";
import { logger } from "../http/logger.ts";
import { createDonationStore } from "../table/donation-store.ts";
import { createRateLimitStore } from "../table/rate-limit-store.ts";
import { createStatsStore } from "../table/stats-store.ts";

/** Composition helpers for handler modules, which call them once at module scope (cold start). */
export const systemClock: Clock = { now: () => new Date() };

export const newDonationId = () => `don_${ulid()}`;

const documentClient = (config: Config) =>
  createDocumentClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });

export function donationStore(config: Config) {
  return createDonationStore(documentClient(config), config.TABLE_NAME);
}

export function statsStore(config: Config, onTruncated?: (rows: number) => void) {
  return createStatsStore(documentClient(config), config.TABLE_NAME, onTruncated);
}

export async function paymentGateway(config: Config) {
  const settings = await loadStripeSettings(config);
  return createStripeGateway(createStripeClient(settings), settings);
}

/** Rate limits and, when a Turnstile site key is configured, the bot check, for guardCheckout. */
export async function checkoutGuardDeps(config: Config): Promise<CheckoutGuardDeps> {
  const [identifierSalt, turnstileSecretKey] = await Promise.all([
    loadRateLimitSalt(config),
    loadTurnstileSecretKey(config),
  ]);
  return {
    rateLimiter: createRateLimitStore(documentClient(config), config.TABLE_NAME),
    botCheck: turnstileSecretKey
      ? createTurnstileVerifier({ secretKey: turnstileSecretKey, verifyUrl: config.TURNSTILE_VERIFY_URL })
      : undefined,
    limits: config.checkoutLimits,
    identifierSalt,
    logRefusal: (refusal) => logger.warn("checkout refused", { ...refusal }),
  };
}

export { createCatalog };
