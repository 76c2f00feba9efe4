import { randomBytes } from "node:crypto";
import { ulid } from "ulid";
import { createCatalog } from "../adapters/catalog.ts";
import { createDocumentClient } from "../adapters/dynamodb.ts";
import { loadStripeSettings } from "../adapters/secrets.ts";
import { createStripeClient, createStripeGateway } from "../adapters/stripe.ts";
import type { Config } from "../config.ts";
import type { Clock } from "../domain/ports.ts";
import { createDonationStore } from "../table/donation-store.ts";
import { createReceiptStore } from "../table/receipt-store.ts";
import { createStatsStore } from "../table/stats-store.ts";

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

export function receiptStore(config: Config) {
  return createReceiptStore(documentClient(config), config.TABLE_NAME);
}

export function statsStore(config: Config, onTruncated?: (rows: number) => void) {
  return createStatsStore(documentClient(config), config.TABLE_NAME, onTruncated);
}

export async function paymentGateway(config: Config) {
  const settings = await loadStripeSettings(config);
  return createStripeGateway(createStripeClient(settings), settings);
}

export { createCatalog };
