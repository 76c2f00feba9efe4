import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient } from "../../../functions/adapters/dynamodb.ts";
import type { RateLimitKey } from "../../../functions/domain/donations/checkout-guard.ts";
import { TTL_ATTRIBUTE } from "../../../functions/table/definition.ts";
import { createRateLimitStore } from "../../../functions/table/donations/rate-limit-store.ts";
import { keys } from "../../../functions/table/keys.ts";
import { ensureTable } from "../../../local/dynamodb-local.ts";
import { tableReader } from "../../support/table-reader.ts";

const endpoint = process.env.DYNAMODB_ENDPOINT ?? "";
const tableName = process.env.TABLE_NAME ?? "";
const store = createRateLimitStore(createDocumentClient({ region: "me-central-1", endpoint }), tableName);
const table = tableReader();

beforeAll(() => ensureTable(endpoint, tableName));

/** Fresh identifiers per test, so tests share the table without sharing counters. */
function limits(ipLimit: number, emailLimit: number): [RateLimitKey, RateLimitKey] {
  return [
    { scope: "ip", id: `ip-${randomUUID()}`, limit: ipLimit, windowSeconds: 600 },
    { scope: "email", id: `email-${randomUUID()}`, limit: emailLimit, windowSeconds: 3600 },
  ];
}

const windowItem = async (key: RateLimitKey, windowStart: number) => {
  const { pk, sk } = keys.rateLimitWindow(key.scope, key.id, windowStart);
  return (await table.allItems()).find((item) => item.pk === pk && item.sk === sk);
};

const T0 = new Date("2025-03-01T10:02:00Z");
const epoch = (iso: string) => Date.parse(iso) / 1000;

describe("the DynamoDB rate-limit store", () => {
  it("counts both scopes in one window item each, expiring when the window ends", async () => {
    const [ip, email] = limits(10, 5);
    expect(await store.consume([ip, email], T0)).toEqual({ allowed: true });
    expect(await store.consume([ip, email], new Date("2025-03-01T10:05:00Z"))).toEqual({ allowed: true });

    const ipItem = await windowItem(ip, epoch("2025-03-01T10:00:00Z"));
    const emailItem = await windowItem(email, epoch("2025-03-01T10:00:00Z"));
    expect(ipItem).toMatchObject({ attempts: 2, [TTL_ATTRIBUTE]: epoch("2025-03-01T10:10:00Z") });
    expect(emailItem).toMatchObject({ attempts: 2, [TTL_ATTRIBUTE]: epoch("2025-03-01T11:00:00Z") });
  });

  it("gives an attempt back to the window it was counted in, never below zero", async () => {
    const [ip, email] = limits(2, 2);
    for (let i = 0; i < 2; i++) expect((await store.consume([ip, email], T0)).allowed).toBe(true);
    expect((await store.consume([ip, email], T0)).allowed).toBe(false);
    await store.giveBack([ip, email], T0);
    expect(await windowItem(email, epoch("2025-03-01T10:00:00Z"))).toMatchObject({ attempts: 1 });
    expect((await store.consume([ip, email], T0)).allowed).toBe(true);
    for (let i = 0; i < 3; i++) await store.giveBack([ip, email], T0);
    expect(await windowItem(ip, epoch("2025-03-01T10:00:00Z"))).toMatchObject({ attempts: 0 });
    // A window with nothing counted stays as it is.
    const [fresh] = limits(2, 2);
    await store.giveBack([fresh], T0);
    expect(await windowItem(fresh, epoch("2025-03-01T10:00:00Z"))).toBeUndefined();
  });

  it("refuses past the limit with the seconds left, writes nothing, and allows again a window later", async () => {
    const [ip, email] = limits(3, 100);
    for (let i = 0; i < 3; i++) expect((await store.consume([ip, email], T0)).allowed).toBe(true);
    const before = await table.allItems();

    expect(await store.consume([ip, email], new Date("2025-03-01T10:09:30Z"))).toEqual({
      allowed: false,
      scope: "ip",
      retryAfterSeconds: 30,
    });
    expect(await table.allItems()).toEqual(before);
    // The refused attempt did not count against the e-mail either.
    expect((await windowItem(email, epoch("2025-03-01T10:00:00Z")))?.attempts).toBe(3);

    expect(await store.consume([ip, email], new Date("2025-03-01T10:10:00Z"))).toEqual({ allowed: true });
    expect((await windowItem(ip, epoch("2025-03-01T10:10:00Z")))?.attempts).toBe(1);
  });

  it("names the e-mail when the e-mail is over its limit, and leaves the address uncounted", async () => {
    const [ip, email] = limits(100, 1);
    const [otherIp] = limits(100, 1);
    expect(await store.consume([ip, email], T0)).toEqual({ allowed: true });
    expect(await store.consume([otherIp, email], T0)).toEqual({
      allowed: false,
      scope: "email",
      retryAfterSeconds: epoch("2025-03-01T11:00:00Z") - epoch("2025-03-01T10:02:00Z"),
    });
    expect(await windowItem(otherIp, epoch("2025-03-01T10:00:00Z"))).toBeUndefined();
  });

  it("lets exactly the limit through a burst of parallel attempts", async () => {
    const [ip] = limits(10, 100);
    const decisions = await Promise.all(
      Array.from({ length: 30 }, () => store.consume([ip, { ...limits(10, 100)[1] }], T0)),
    );
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
    expect(decisions.filter((decision) => !decision.allowed)).toHaveLength(20);
    expect((await windowItem(ip, epoch("2025-03-01T10:00:00Z")))?.attempts).toBe(10);
  });
});
