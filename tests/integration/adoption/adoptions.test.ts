/**
 * Adoption (كفالة) through the API on DynamoDB Local: holds, payments that turn them into adoptions, units
 * given back when a checkout ends unpaid, shared units, recognition, and bad input that holds nothing.
 */
import { describe, expect, it } from "vitest";
import { keys } from "../../../functions/table/keys.ts";
import {
  adoptionRequest,
  availabilityOf,
  MONTHLY_ORPHANS,
  startAdoption,
  TEN_UNITS,
  ttlRemoval,
  unitCountsOf,
} from "../../support/adoptions.ts";
import { sessionIdOf } from "../../support/donations.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import {
  buildEvent,
  completedEvent,
  expiredEvent,
  invoiceObject,
  postWebhook,
  signedDelivery,
} from "../../support/stripe-events.ts";

const stack = withLocalStack();
const { table } = stack;
const FAMILY_KITS = "productive-family-kits";

const counts = (initiativeId: string) => unitCountsOf(stack.url, initiativeId);

describe("GET /api/initiatives/{id}/availability", () => {
  it("answers every unit free before anyone adopts, with one DynamoDB call and a short cache", async () => {
    const response = await availabilityOf(stack.url, FAMILY_KITS);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      initiativeId: FAMILY_KITS,
      model: "units",
      interval: "once",
      unitPrice: { value: 250000, currency: "SAR" },
      total: 200,
      adopted: 0,
      held: 0,
      free: 200,
      recognition: [],
    });
    expect(response.headers.get("x-athar-dynamodb-calls")).toBe("1");
    expect(response.headers.get("cache-control")).toBe("public, max-age=5, s-maxage=5");
  });

  it("says a whole initiative is one unit, and refuses initiatives not adopted by units", async () => {
    expect((await availabilityOf(stack.url, "regional-needs-map")).body).toMatchObject({
      model: "whole",
      total: 1,
      free: 1,
    });
    const open = await availabilityOf(stack.url, "volunteer-corps");
    expect(open.status).toBe(404);
    expect(open.body).toMatchObject({ error: "adoption_not_offered" });
  });
});

describe("POST /api/adoptions/checkout", () => {
  it("holds the units for the checkout, and paying turns them into an adoption named on the page", async () => {
    const before = await counts(FAMILY_KITS);
    const started = await startAdoption(
      stack.url,
      adoptionRequest({
        initiativeId: FAMILY_KITS,
        units: 2,
        donor: { name: "Huda Al Amri", email: "huda@example.com" },
      }),
    );
    expect(started.status).toBe(201);
    expect(Object.keys(started.body).sort()).toEqual(["adoptionId", "checkoutUrl"]);
    expect(Number(started.headers.get("x-athar-dynamodb-calls"))).toBe(3);
    expect(await counts(FAMILY_KITS)).toEqual({
      adopted: before.adopted,
      held: Number(before.held) + 2,
      free: Number(before.free) - 2,
    });
    const donationId = String(started.body.adoptionId);
    expect(await table.donation(donationId)).toMatchObject({
      amount: { value: 500000, currency: "SAR" },
      adoption: { units: 2 },
    });

    const paid = completedEvent(donationId, sessionIdOf(started.body.checkoutUrl), 500000);
    expect((await postWebhook(stack.url, signedDelivery(paid))).body.outcome).toBe("recorded");
    expect(await counts(FAMILY_KITS)).toEqual({
      adopted: Number(before.adopted) + 2,
      held: before.held,
      free: Number(before.free) - 2,
    });
    expect((await availabilityOf(stack.url, FAMILY_KITS)).body.recognition).toContainEqual({
      name: "Huda A.",
      units: 2,
      since: expect.any(String),
    });
    // Delivered again: nothing moves twice.
    await postWebhook(stack.url, signedDelivery(paid));
    expect(await counts(FAMILY_KITS)).toEqual({
      adopted: Number(before.adopted) + 2,
      held: before.held,
      free: Number(before.free) - 2,
    });
  });

  it("gives the units back when the checkout expires, once however often Stripe says so", async () => {
    const before = await counts(FAMILY_KITS);
    const started = await startAdoption(
      stack.url,
      adoptionRequest({ initiativeId: FAMILY_KITS, units: 3, recognition: { consent: false } }),
    );
    const expired = expiredEvent(String(started.body.adoptionId), sessionIdOf(started.body.checkoutUrl));
    for (let delivery = 0; delivery < 2; delivery += 1) await postWebhook(stack.url, signedDelivery(expired));
    expect(await counts(FAMILY_KITS)).toEqual(before);
  });

  it("answers 409 with the number still free when fewer units are free than asked, holding nothing", async () => {
    const wholeBefore = await counts("regional-needs-map");
    const first = await startAdoption(
      stack.url,
      adoptionRequest({ initiativeId: "regional-needs-map", designation: "general" }),
    );
    expect(first.status).toBe(201);
    const second = await startAdoption(
      stack.url,
      adoptionRequest({ initiativeId: "regional-needs-map", locale: "en" }),
    );
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      error: "units_unavailable",
      free: 0,
      message: expect.stringContaining("None are free"),
    });
    expect(await counts("regional-needs-map")).toEqual({ adopted: wholeBefore.adopted, held: 1, free: 0 });

    // Eight of ten held; asking three leaves the answer "only 2 are free", in Arabic.
    expect(
      (await startAdoption(stack.url, adoptionRequest({ initiativeId: TEN_UNITS, units: 8 }))).status,
    ).toBe(201);
    const tooMany = await startAdoption(
      stack.url,
      adoptionRequest({ initiativeId: TEN_UNITS, units: 3, locale: "ar" }),
    );
    expect(tooMany.status).toBe(409);
    expect(tooMany.body).toMatchObject({ error: "units_unavailable", free: 2 });
    expect(String(tooMany.body.message)).toMatch(/[\u0600-\u06FF].*2/);
    expect(await counts(TEN_UNITS)).toEqual({ adopted: 0, held: 8, free: 2 });
  });

  describe("refuses bad input with 400 in the caller's language and holds nothing", () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      ["zero units", { units: 0 }, "units", "units_invalid"],
      ["more than 50 units at once", { units: 51 }, "units", "units_too_many"],
      // Never possible, so not even a rate-limit count is written for it.
      [
        "more units than the initiative will ever have",
        { initiativeId: TEN_UNITS, units: 11 },
        "units",
        "units_above_total",
      ],
      ["a closed initiative", { initiativeId: "winter-warmth-2025" }, "initiativeId", "adoption_not_offered"],
      [
        "a funded initiative",
        { initiativeId: "ramadan-food-baskets-2026" },
        "initiativeId",
        "initiative_not_open",
      ],
      [
        "an initiative that is not adopted by units",
        { initiativeId: "volunteer-corps" },
        "initiativeId",
        "adoption_not_offered",
      ],
      [
        "a one-time adoption of monthly sponsorships",
        { initiativeId: MONTHLY_ORPHANS, interval: "once" },
        "interval",
        "interval_mismatch",
      ],
      [
        "a share that is not allowed",
        { initiativeId: MONTHLY_ORPHANS, interval: "month", share: 12345 },
        "share",
        "share_invalid",
      ],
      [
        "a share of units that are not shared",
        { initiativeId: FAMILY_KITS, share: 100000 },
        "share",
        "share_invalid",
      ],
      ["zakat where it is not accepted", { designation: "zakat" }, "designation", "zakat_not_accepted"],
      ["a filled honeypot", { website: "x" }, "website", "request_refused"],
    ];
    for (const [name, overrides, field, code] of cases) {
      it(name, async () => {
        const before = (await table.allItems()).length;
        const response = await startAdoption(stack.url, adoptionRequest(overrides), {
          "accept-language": "ar",
        });
        expect(response.status, JSON.stringify(response.body)).toBe(400);
        expect(response.body.details).toContainEqual(
          expect.objectContaining({ field, code, message: expect.any(String) }),
        );
        expect(response.body.message).toMatch(/[\u0600-\u06FF]/);
        expect((await table.allItems()).length).toBe(before);
      });
    }
  });
});

describe("shared units", () => {
  const share = (amount: number, name: string) =>
    startAdoption(
      stack.url,
      adoptionRequest({
        initiativeId: MONTHLY_ORPHANS,
        interval: "month",
        designation: "zakat",
        share: amount,
        donor: { name, email: "s@example.com" },
      }),
    );

  it("opens a unit with a first share, completes it with the share that is left, and reopens it when one lapses", async () => {
    const first = await share(10000, "Ali Hassan");
    expect(first.status).toBe(201);
    let view = (await availabilityOf(stack.url, MONTHLY_ORPHANS)).body as {
      free: number;
      held: number;
      shared: { partlyCovered: unknown[] };
    };
    expect(view.shared.partlyCovered).toContainEqual({
      remaining: { value: 20000, currency: "SAR" },
      count: 1,
    });
    const freeAfterFirst = view.free;

    const second = await share(20000, "Mona Saleh");
    expect(second.status).toBe(201);
    view = (await availabilityOf(stack.url, MONTHLY_ORPHANS)).body as typeof view;
    expect(view.shared.partlyCovered).toEqual([]);
    expect(view.free).toBe(freeAfterFirst);
    expect(view.held).toBe(1);

    // The second sponsor pays (monthly: invoice.paid), the first abandons the checkout.
    const secondId = String(second.body.adoptionId);
    await postWebhook(
      stack.url,
      signedDelivery(
        buildEvent(
          "invoice.paid",
          invoiceObject({ donationId: secondId, id: `in_${secondId.slice(-8)}`, amount: 20000 }),
        ),
      ),
    );
    await postWebhook(
      stack.url,
      signedDelivery(expiredEvent(String(first.body.adoptionId), sessionIdOf(first.body.checkoutUrl))),
    );
    view = (await availabilityOf(stack.url, MONTHLY_ORPHANS)).body as typeof view;
    expect(view.shared.partlyCovered).toEqual([{ remaining: { value: 10000, currency: "SAR" }, count: 1 }]);
    expect(view.held).toBe(0);
    const inventory = await table.row(keys.inventory(MONTHLY_ORPHANS));
    expect(inventory?.started).toMatchObject({ [String(first.body.adoptionId)]: { a: 20000, h: 0 } });
  });
});

describe("units of abandoned checkouts come back without Stripe's event", () => {
  it("once only, when the table's TTL deletes the hold and the stream says so twice", async () => {
    const before = await counts(FAMILY_KITS);
    const started = await startAdoption(stack.url, adoptionRequest({ initiativeId: FAMILY_KITS, units: 4 }));
    const donationId = String(started.body.adoptionId);
    const hold = (await table.allItems()).find(
      (item) => item.pk === `DONATION#${donationId}` && item.sk === "HOLD",
    );
    expect(hold).toBeDefined();
    // The TTL deletes the hold; its REMOVE record (DynamoDB's service identity) reaches the worker, twice.
    await table.remove(keys.holdKey(donationId));
    const record = ttlRemoval(hold as Record<string, unknown>);
    await stack.deliverStreamRecords("holds", { Records: [record, record] });
    expect(await counts(FAMILY_KITS)).toEqual(before);
  });
});

describe("a TTL removal the holds worker cannot handle", () => {
  it("is retried, then kept in the worker's dead-letter queue, while the rest of its batch is handled", async () => {
    const before = await counts(FAMILY_KITS);
    const started = await startAdoption(stack.url, adoptionRequest({ initiativeId: FAMILY_KITS, units: 2 }));
    const donationId = String(started.body.adoptionId);
    const hold = (await table.allItems()).find(
      (item) => item.pk === `DONATION#${donationId}` && item.sk === "HOLD",
    ) as Record<string, unknown>;
    await table.remove(keys.holdKey(donationId));
    // A record whose hold has lost its adoption: the worker throws on it every time.
    const broken = ttlRemoval({ ...hold, donationId: "don_BROKEN", adoption: undefined });
    await stack.deliverStreamRecords("holds", { Records: [broken, ttlRemoval(hold)] });
    expect(await counts(FAMILY_KITS)).toEqual(before);
    expect(stack.deadLetters("holds").map((record) => record.dynamodb?.OldImage?.donationId)).toEqual([
      { S: "don_BROKEN" },
    ]);
    // A redrive hands it to the worker again (five more deliveries), and it comes back to the dead letters.
    expect(stack.redrive("holds")).toBe(1);
    await stack.drainStreams();
    expect(stack.deadLetters("holds")).toHaveLength(1);
  });
});
