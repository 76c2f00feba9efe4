import { marshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import { createDocumentClient } from "../../functions/adapters/dynamodb.ts";
import { createInventoryStore } from "../../functions/table/adoption/inventory-store.ts";
import { postJson } from "./donations.ts";

/** Adoption requests for tests, as the adoption form's island posts them. */
export const MONTHLY_ORPHANS = "monthly-orphan-sponsorship";
/** Ten units of SAR 15,000, paid once: small enough to run out in a test. */
export const TEN_UNITS = "grassroots-capacity-building";

export function adoptionRequest(overrides: Record<string, unknown> = {}) {
  return {
    initiativeId: TEN_UNITS,
    units: 1,
    interval: "once",
    designation: "general",
    donor: { name: "Fatimah Al-Harbi", email: "fatimah@example.com" },
    recognition: { consent: true },
    locale: "ar",
    ...overrides,
  };
}

export const startAdoption = (baseUrl: string, body: unknown, headers: Record<string, string> = {}) =>
  postJson(baseUrl, "/api/adoptions/checkout", body, headers);

/** The three counters the initiative page shows, as the availability endpoint answers them. */
export async function unitCountsOf(baseUrl: string, initiativeId: string) {
  const { body } = await availabilityOf(baseUrl, initiativeId);
  return { adopted: Number(body.adopted), held: Number(body.held), free: Number(body.free) };
}

export async function availabilityOf(baseUrl: string, initiativeId: string) {
  const response = await fetch(`${baseUrl}/api/initiatives/${initiativeId}/availability`);
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}

/**
 * A hold whose time is already past, as an abandoned checkout leaves one when Stripe's expiry event never
 * comes: written through the real inventory store, on the test file's table.
 */
export async function expiredHold(initiativeId: string, units: number, total: number) {
  const client = createDocumentClient({ region: "me-central-1", endpoint: process.env.DYNAMODB_ENDPOINT });
  try {
    const inventory = createInventoryStore(client, process.env.TABLE_NAME ?? "");
    const donationId = `don_EXPIRED${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
    const adoption = { initiativeId, units, recognition: { consent: false } };
    const outcome = await inventory.holdUnits(
      { donationId, adoption, expiresAt: new Date(Date.now() - 60_000) },
      total,
    );
    if (!outcome.held) throw new Error(`could not hold ${units} of ${initiativeId}`);
    return donationId;
  } finally {
    client.destroy();
  }
}

/** The stream record of the table's TTL deleting an item (DynamoDB's own service identity). */
export function ttlRemoval(image: Record<string, unknown>): DynamoDBRecord {
  return {
    eventName: "REMOVE",
    userIdentity: { type: "Service", principalId: "dynamodb.amazonaws.com" },
    dynamodb: {
      OldImage: marshall(image, { removeUndefinedValues: true }) as NonNullable<
        DynamoDBRecord["dynamodb"]
      >["OldImage"],
    },
  };
}
