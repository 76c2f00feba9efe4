import { describe, expect, it } from "vitest";
import { loadContent } from "../../../content/load.ts";
import { adoptionRequest, availabilityOf, startAdoption, TEN_UNITS } from "../../support/adoptions.ts";
import { INITIATIVE_ID, sessionIdOf } from "../../support/donations.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import { completedEvent, pendingDonation, postWebhook, signedDelivery } from "../../support/stripe-events.ts";

const stack = withLocalStack();

interface StatsBody {
  initiatives: {
    id: string;
    raised: Record<string, number>;
    donations: number;
    units?: { total: number; adopted: number; held: number; free: number };
  }[];
  designations: { designation: string; raised: Record<string, number>; donations: number }[];
  generatedAt: string;
}

async function stats() {
  const response = await fetch(`${stack.url}/api/stats`);
  return { response, body: (await response.json()) as StatsBody };
}

describe("GET /api/stats", () => {
  it("lists every published initiative with its progress, cacheable, in one DynamoDB call", async () => {
    const { response, body } = await stats();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toMatch(/public, max-age=60/);
    expect(response.headers.get("x-athar-dynamodb-calls")).toBe("1");
    const published = loadContent().initiatives.filter((initiative) => initiative.status !== "draft");
    expect(body.initiatives.map((initiative) => initiative.id).sort()).toEqual(
      published.map((i) => i.id).sort(),
    );
    for (const initiative of published) {
      const entry = body.initiatives.find((candidate) => candidate.id === initiative.id);
      if (initiative.funding.model === "units") {
        expect(entry?.units, initiative.id).toEqual({
          total: initiative.funding.unitsTotal,
          adopted: 0,
          held: 0,
          free: initiative.funding.unitsTotal,
        });
      } else if (initiative.funding.model === "whole") {
        expect(entry?.units, initiative.id).toEqual({ total: 1, adopted: 0, held: 0, free: 1 });
      } else {
        expect(entry?.units, initiative.id).toBeUndefined();
      }
    }
  });

  it("adds what paid donations raised, once each however often Stripe delivers", async () => {
    const beforeAll = (await stats()).body;
    const before = beforeAll.initiatives.find((i) => i.id === INITIATIVE_ID);
    const generalBefore = beforeAll.designations.find((d) => d.designation === "general");
    const first = await pendingDonation(stack.url, 25000);
    const second = await pendingDonation(stack.url, 5050);
    await pendingDonation(stack.url, 99900); // abandoned: never counted
    for (const [donation, value] of [
      [first, 25000],
      [second, 5050],
      [first, 25000],
    ] as const) {
      await postWebhook(
        stack.url,
        signedDelivery(completedEvent(donation.donationId, donation.sessionId, value)),
      );
    }
    const afterAll = (await stats()).body;
    const after = afterAll.initiatives.find((i) => i.id === INITIATIVE_ID);
    expect((after?.raised.SAR ?? 0) - (before?.raised.SAR ?? 0)).toBe(30050);
    expect((after?.donations ?? 0) - (before?.donations ?? 0)).toBe(2);
    // The test donations are general gifts: the designation totals move by the same amounts.
    const generalAfter = afterAll.designations.find((d) => d.designation === "general");
    expect((generalAfter?.raised.SAR ?? 0) - (generalBefore?.raised.SAR ?? 0)).toBe(30050);
    expect(afterAll.designations.map((d) => d.designation)).toEqual(["zakat", "sadaqah", "general"]);
  });
});

describe("GET /api/stats with adoptions", () => {
  it("counts units held and adopted exactly as the availability endpoint does", async () => {
    const started = await startAdoption(stack.url, adoptionRequest({ initiativeId: TEN_UNITS, units: 3 }));
    expect(started.status).toBe(201);
    await postWebhook(
      stack.url,
      signedDelivery(
        completedEvent(String(started.body.adoptionId), sessionIdOf(started.body.checkoutUrl), 4500000),
      ),
    );
    await startAdoption(stack.url, adoptionRequest({ initiativeId: TEN_UNITS, units: 2 }));
    const entry = (await stats()).body.initiatives.find((initiative) => initiative.id === TEN_UNITS);
    expect(entry?.units).toEqual({ total: 10, adopted: 3, held: 2, free: 5 });
    const { body } = await availabilityOf(stack.url, TEN_UNITS);
    expect({ total: body.total, adopted: body.adopted, held: body.held, free: body.free }).toEqual(
      entry?.units,
    );
  });
});

describe("what no route matches", () => {
  it("is a JSON 404 in the caller's language, for an unknown path or a known one with another method", async () => {
    const english = await fetch(`${stack.url}/api/no-such-thing`, { headers: { "accept-language": "en" } });
    expect(english.status).toBe(404);
    expect(await english.json()).toEqual({
      error: "not_found",
      message: "There is nothing at this address.",
    });
    const arabic = await fetch(`${stack.url}/api/stats`, { method: "DELETE" });
    expect(arabic.status).toBe(404);
    expect(((await arabic.json()) as { error: string }).error).toBe("not_found");
    expect(arabic.headers.get("x-athar-dynamodb-calls")).toBe("0");
  });
});
