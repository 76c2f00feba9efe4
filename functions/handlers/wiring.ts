import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { ulid } from "ulid";
import type { Mailer } from "../../contract/receipts/document.ts";
import { createCatalog } from "../adapters/catalog.ts";
import { createDocumentClient } from "../adapters/dynamodb.ts";
import { createLocalExportFiles } from "../adapters/export-files-local.ts";
import { createS3ExportFiles } from "../adapters/export-files-s3.ts";
import { createOutboxMailer } from "../adapters/mailer-outbox.ts";
import { createSesMailer } from "../adapters/mailer-ses.ts";
import { gatewayAwaitingKeys } from "../adapters/payments-awaiting-keys.ts";
import {
  loadDonorIdKey,
  loadRateLimitSalt,
  loadSessionKeys,
  loadStripeSettings,
  loadTurnstileSecretKey,
} from "../adapters/secrets.ts";
import { createFileSitePages, createS3SitePages, type SitePages } from "../adapters/site-pages.ts";
import { createStripeClient, createStripeGateway } from "../adapters/stripe.ts";
import { createStripePayoutSource } from "../adapters/stripe-payouts.ts";
import { createTurnstileVerifier } from "../adapters/turnstile.ts";
import { createSqsWorkerQueues, type WorkerQueues } from "../adapters/worker-queues-sqs.ts";
import type { StaffAuthenticator } from "../auth/staff.ts";
import { createStaffAuthenticator } from "../auth/staff-tokens.ts";
import type { Config } from "../config.ts";
import type { CheckoutGuardDeps } from "../domain/donations/checkout-guard.ts";
import type { DonationDeps } from "../domain/donations/donations.ts";
import type { Catalog, Clock } from "../domain/ports.ts";
import type { SignInMailDeps } from "../domain/signin/mail.ts";
import type { SignInDeps } from "../domain/signin/signin.ts";
import { logger } from "../http/logger.ts";
import type { StreamGroup } from "../routes.ts";
import { createDonorStore } from "../table/account/donor-store.ts";
import { createSessionEpochReader } from "../table/account/session-epoch.ts";
import { createInventoryStore } from "../table/adoption/inventory-store.ts";
import { createRecognitionStore } from "../table/adoption/recognition-store.ts";
import { createUnfulfilledStore } from "../table/adoption/unfulfilled-store.ts";
import { createDonationStore } from "../table/donations/donation-store.ts";
import { createRateLimitStore } from "../table/donations/rate-limit-store.ts";
import { createStatsStore } from "../table/donations/stats-store.ts";
import { createAuditStore } from "../table/finance/audit-store.ts";
import { createBooksStore } from "../table/finance/books-store.ts";
import { createExportStore } from "../table/finance/export-store.ts";
import { createReconciliationStore } from "../table/finance/reconciliation-store.ts";
import { createMailProblemStore } from "../table/receipts/mail-problem-store.ts";
import { createReceiptStore } from "../table/receipts/receipt-store.ts";
import {
  createDonorAccountStore,
  createSignInLinkStore,
  createSignInRequestStore,
} from "../table/signin/signin-store.ts";

/** Composition helpers for handler modules, which call them once at module scope (cold start). */
export const systemClock: Clock = { now: () => new Date() };

export const newDonationId = () => `don_${ulid()}`;

/** 128 random bits: the key to a printable receipt, which shows a donor's name and gift. */
export const newAccessToken = () => randomBytes(16).toString("base64url");

const documentClient = (config: Config) =>
  createDocumentClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });

export function donationStore(config: Config) {
  return createDonationStore(documentClient(config), config.TABLE_NAME);
}

export function inventoryStore(config: Config) {
  return createInventoryStore(documentClient(config), config.TABLE_NAME);
}

export function donorStore(config: Config) {
  return createDonorStore(documentClient(config), config.TABLE_NAME);
}

export function sessionEpochReader(config: Config) {
  return createSessionEpochReader(documentClient(config), config.TABLE_NAME);
}

export function receiptStore(config: Config) {
  return createReceiptStore(documentClient(config), config.TABLE_NAME);
}

export function recognitionStore(config: Config) {
  return createRecognitionStore(documentClient(config), config.TABLE_NAME);
}

export function unfulfilledStore(config: Config) {
  return createUnfulfilledStore(documentClient(config), config.TABLE_NAME);
}

export function mailProblemStore(config: Config) {
  return createMailProblemStore(documentClient(config), config.TABLE_NAME);
}

export function statsStore(config: Config, onTruncated?: (rows: number) => void) {
  return createStatsStore(documentClient(config), config.TABLE_NAME, onTruncated);
}

export function reconciliationStore(config: Config) {
  return createReconciliationStore(documentClient(config), config.TABLE_NAME);
}

/** Finance export jobs and the worker's reads. */
export function exportStore(config: Config) {
  return createExportStore(documentClient(config), config.TABLE_NAME);
}

/** Export files: the exports bucket in AWS, ATHAR_DATA_DIR/exports locally. */
export function exportFiles(config: Config) {
  if (config.EXPORTS_BUCKET) return createS3ExportFiles(config.EXPORTS_BUCKET);
  if (config.ATHAR_ENV === "aws") throw new Error("EXPORTS_BUCKET is required in AWS");
  return createLocalExportFiles(join(config.ATHAR_DATA_DIR, "exports"));
}

/** Fund balances and covers of lapsed sponsorships. */
export function booksStore(config: Config) {
  return createBooksStore(documentClient(config), config.TABLE_NAME);
}

/** Stripe's payouts and balance transactions, for reconciliation imports. */
export async function payoutSource(config: Config) {
  return createStripePayoutSource(createStripeClient(await loadStripeSettings(config)));
}

/** Stripe; while the deployment's Stripe secret holds no keys yet, a gateway that refuses with 503. */
export function paymentGateway(config: Config) {
  return gatewayAwaitingKeys(async () => {
    const settings = await loadStripeSettings(config);
    return createStripeGateway(createStripeClient(settings), settings);
  });
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
      ? createTurnstileVerifier({
          secretKey: turnstileSecretKey,
          verifyUrl: config.TURNSTILE_VERIFY_URL,
          expectedHostname: new URL(config.PUBLIC_BASE_URL).hostname,
        })
      : undefined,
    limits: config.checkoutLimits,
    identifierSalt,
    logRefusal: (refusal) => logger.warn("checkout refused", { ...refusal }),
  };
}

/** The workers' queues the stream router sends to (SQS in AWS; the local stack routes in process). */
export function workerQueues(config: Config): WorkerQueues {
  if (!config.WORKER_QUEUE_URLS) throw new Error("WORKER_QUEUE_URLS is required for the stream router");
  return createSqsWorkerQueues(config.WORKER_QUEUE_URLS as Partial<Record<StreamGroup, string>>);
}

/** The built site's pages a function serves: from the site's bucket in AWS, from site/dist locally. */
export function sitePages(config: Config): SitePages {
  if (config.ATHAR_ENV !== "aws") return createFileSitePages(config.SITE_DIR);
  if (!config.SITE_BUCKET) throw new Error("SITE_BUCKET is required in AWS");
  return createS3SitePages(config.SITE_BUCKET);
}

/** Receipts come from the council's short name; SES in AWS, `.eml` files in the outbox folder locally. */
export function mailer(config: Config, catalog: Catalog): Mailer {
  const from = { name: catalog.council().shortName, email: config.mailFrom };
  if (config.ATHAR_ENV === "aws") {
    return createSesMailer({
      client: new SESv2Client({ region: config.AWS_REGION }),
      from,
      ...(config.SES_CONFIGURATION_SET ? { configurationSet: config.SES_CONFIGURATION_SET } : {}),
    });
  }
  return createOutboxMailer({ dir: config.outboxDir, from, log: (line) => logger.info(line) });
}

/** What starting a checkout needs (a donation, or an adoption with `inventoryStore` added). */
export async function checkoutDeps(config: Config): Promise<DonationDeps> {
  const [payments, guard, donorIdKey] = await Promise.all([
    paymentGateway(config),
    checkoutGuardDeps(config),
    loadDonorIdKey(config),
  ]);
  return {
    catalog: createCatalog(),
    store: donationStore(config),
    payments,
    guard,
    donorIdKey,
    clock: systemClock,
    newId: newDonationId,
    publicBaseUrl: config.PUBLIC_BASE_URL,
  };
}

/** What routes of a signed-in donor need: the keys that verify session cookies, and the time. */
export async function donorSessionDeps(config: Config) {
  return {
    sessionKeys: await loadSessionKeys(config),
    clock: systemClock,
    publicBaseUrl: config.PUBLIC_BASE_URL,
  };
}

/**
 * Verifies staff bearer tokens (Cognito's in AWS, the local issuer's otherwise) with one key-set cache per
 * cold start. Routes then call `requireRole(await authenticator.authenticate(header(event, "authorization")), role)`.
 */
export function staffAuthenticator(config: Config): StaffAuthenticator {
  return createStaffAuthenticator(config.staffAuth);
}

/** The append-only staff audit log (functions/table/finance/audit-store.ts). */
export function auditLog(config: Config) {
  return createAuditStore(documentClient(config), config.TABLE_NAME, systemClock);
}

/** Keys donors' ids (functions/domain/donations/donor-identity.ts); apart from the rate limits' salt, and kept for good. */
export const donorIdKey = loadDonorIdKey;

/** 32 random bytes: a sign-in link's token, which only the e-mail ever holds. */
export const newSignInToken = () => randomBytes(32).toString("base64url");

export function donorAccountStore(config: Config) {
  return createDonorAccountStore(documentClient(config), config.TABLE_NAME);
}

/** Sign-in link requests and their rate limits, and the sessions links start. */
export async function signInDeps(config: Config): Promise<SignInDeps> {
  const [salt, session] = await Promise.all([loadRateLimitSalt(config), donorSessionDeps(config)]);
  const client = documentClient(config);
  return {
    requests: createSignInRequestStore(client, config.TABLE_NAME),
    links: createSignInLinkStore(client, config.TABLE_NAME),
    accounts: createDonorAccountStore(client, config.TABLE_NAME),
    rateLimiter: createRateLimitStore(client, config.TABLE_NAME),
    limits: config.signInLimits,
    identifierSalt: salt,
    clock: session.clock,
    sessionKeys: session.sessionKeys,
    newRequestId: () => `sir_${ulid()}`,
    newSessionId: () => `ses_${ulid()}`,
    logRefusal: (refusal) => logger.warn("sign-in link refused", { ...refusal }),
  };
}

/** The sign-in mail worker's: who has given, the links it saves and the e-mail it sends. */
export async function signInMailDeps(config: Config): Promise<SignInMailDeps> {
  const catalog = createCatalog();
  const client = documentClient(config);
  return {
    requests: createSignInRequestStore(client, config.TABLE_NAME),
    links: createSignInLinkStore(client, config.TABLE_NAME),
    accounts: createDonorAccountStore(client, config.TABLE_NAME),
    donorIdKey: await loadDonorIdKey(config),
    mailer: mailer(config, catalog),
    council: catalog.council(),
    clock: systemClock,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    newToken: newSignInToken,
  };
}

export { createCatalog, documentClient };
