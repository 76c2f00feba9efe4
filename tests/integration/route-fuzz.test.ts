/**
 * Every route of functions/routes.ts, fuzzed on the local stack: random path parameters (malformed
 * percent-encoding included), queries, bodies (JSON of any shape, `null`, text, forms), content types,
 * cookies and tokens (a real finance token on staff routes; a real Stripe signature over the random body on
 * the webhook). No answer may be a 5xx, and a refused request (4xx) may not have written anything.
 * PROPERTY_RUNS sets the cases per route (default 60: about two thousand requests).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROUTES, type RouteDefinition } from "../../functions/routes.ts";
import { withLocalStack } from "../support/local-stack.ts";
import { staffAuthorization } from "../support/staff.ts";
import { signRaw } from "../support/stripe-events.ts";

const stack = withLocalStack();
const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);

const oddText = fc.constantFrom(
  "%",
  "%E0%A4%A",
  "%2e%2e",
  "..",
  "null",
  "0",
  "-1",
  "٣",
  "\u202e",
  "a".repeat(300),
);
const pathValue = fc.oneof(
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  oddText,
  fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
  fc.constantFrom("cs_test_00000000", "don_01JDOESNOTEXIST000000000", "2026-000001", "po_x", "exc_x"),
);
/** Days that look like ISO dates, the impossible ones (month 13, day 31 of April) among them. */
const dayLike = fc
  .tuple(
    fc.integer({ min: 1999, max: 2101 }),
    fc.integer({ min: 0, max: 14 }),
    fc.integer({ min: 0, max: 33 }),
  )
  .map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
const queryValue = fc.oneof(fc.string({ maxLength: 20 }), oddText);
const queryName = fc.constantFrom(
  "k",
  "cursor",
  "limit",
  "calendar",
  "year",
  "from",
  "to",
  "token",
  "kind",
  "format",
  "locale",
  "hijriFrom",
);
const query = fc.oneof(
  fc.constant(""),
  fc.constant("%"),
  fc
    .array(fc.tuple(queryName, fc.oneof(queryValue, dayLike)), { maxLength: 4 })
    .map((pairs) => new URLSearchParams(pairs).toString()),
);
/** Bodies with the field names the request schemas know, holding wrong or borderline values. */
const nearlyValid = fc
  .record(
    {
      kind: fc.constantFrom("funds", "payouts", "donations", "x"),
      format: fc.constantFrom("csv", "xlsx", "pdf"),
      from: dayLike,
      to: dayLike,
      hijriFrom: fc.constantFrom("1447-09", "1447-13", "1400-00"),
      payoutId: pathValue,
      amount: fc.record({
        value: fc.oneof(fc.integer(), fc.double()),
        currency: fc.constantFrom("SAR", "KWD", "XXX", ""),
      }),
      donor: fc.record({ name: fc.string({ maxLength: 10 }), email: fc.constantFrom("a@b", "x", "") }),
      locale: fc.constantFrom("ar", "en", "fr"),
      months: fc.integer({ min: -2, max: 100 }),
      note: fc.string({ maxLength: 10 }),
      receivedAt: dayLike,
    },
    { requiredKeys: [] },
  )
  .map((value) => JSON.stringify(value));
const body = fc.oneof(
  { arbitrary: nearlyValid, weight: 3 },
  fc.constant(undefined),
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 60 }),
  fc.constantFrom("null", "[]", "{}", '{"id":1}', '{"amount":{"value":-1,"currency":"SAR"}}', "a=b&c=%", "{"),
);
const contentType = fc.constantFrom(
  undefined,
  "application/json",
  "application/x-www-form-urlencoded",
  "text/plain",
  "application/json; charset=utf-8",
);
const credential = fc.constantFrom("none", "garbage", "staff", "staff");

function requestOf(route: RouteDefinition) {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
  return fc.record({
    params: fc.tuple(...names.map(() => pathValue)),
    query,
    body: route.method === "GET" ? fc.constant(undefined) : body,
    contentType,
    credential,
    signed: fc.boolean(),
    sameSite: fc.boolean(),
  });
}

/** The table's items in a stable order: what "nothing was written" compares. */
async function snapshot(): Promise<string> {
  const items = await stack.table.allItems();
  return JSON.stringify(items.map((item) => JSON.stringify(item, Object.keys(item).sort())).sort());
}

describe("every route under random input", () => {
  it("never answers 5xx, and writes nothing when it refuses", async () => {
    const finance = await staffAuthorization(stack, ["finance", "admin"]);
    let requests = 0;
    let settle = false;
    for (const route of ROUTES) {
      await fc.assert(
        fc.asyncProperty(requestOf(route), async (input) => {
          let path = route.path as string;
          for (const value of input.params) path = path.replace(/\{\w+\}/, value);
          const headers: Record<string, string> = {};
          if (input.contentType) headers["content-type"] = input.contentType;
          if (input.sameSite) headers["sec-fetch-site"] = "same-origin";
          if (input.credential === "garbage") {
            headers.authorization = "Bearer e30.e30.x";
            headers.cookie = "athar_session=e30.e30.x";
          }
          if (input.credential === "staff") headers.authorization = finance;
          if (input.signed && input.body !== undefined) headers["stripe-signature"] = signRaw(input.body);
          // What an earlier accepted request set going (a payout import's worker) settles first.
          if (settle) await stack.drainStreams();
          const before = await snapshot();
          const response = await fetch(`${stack.url}${path}${input.query ? `?${input.query}` : ""}`, {
            method: route.method,
            headers,
            ...(input.body === undefined ? {} : { body: input.body }),
            redirect: "manual",
          });
          requests += 1;
          settle = response.status < 400;
          const text = await response.text();
          const where = `${route.method} ${path} ${JSON.stringify(input)} → ${response.status} ${text.slice(0, 200)}`;
          expect(response.status, where).toBeLessThan(500);
          if (response.status >= 400) {
            await stack.drainStreams();
            expect(await snapshot(), where).toBe(before);
          }
        }),
        { numRuns: RUNS },
      );
    }
    expect(requests).toBe(ROUTES.length * RUNS);
    // Two thousand requests, each with its own before and after: minutes on a busy 2-core machine.
  }, 900_000);
});
