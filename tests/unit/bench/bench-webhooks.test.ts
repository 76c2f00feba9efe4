import { describe, expect, it } from "vitest";
import { renderSection } from "../../../bench/markdown.ts";
import { webhooksSection } from "../../../bench/report.ts";
import { parseOptions } from "../../../bench/run.ts";
import { inPool, percentile, phaseFigures, spread } from "../../../bench/webhook-phases.ts";
import type { WebhookFigures } from "../../../bench/webhooks.ts";

describe("--webhooks", () => {
  it("defaults to 500 events per phase, takes BENCH_WEBHOOKS, and the flag wins over it", () => {
    expect(parseOptions([], {}).webhooks).toBe(500);
    expect(parseOptions([], { BENCH_WEBHOOKS: "40" }).webhooks).toBe(40);
    expect(parseOptions(["--webhooks", "50"], { BENCH_WEBHOOKS: "40" }).webhooks).toBe(50);
  });

  it("is skipped with 0 and refused when not a whole number", () => {
    expect(parseOptions(["--webhooks", "0"], {}).webhooks).toBe(0);
    for (const text of ["many", "-5", "2.5", "", "1e3"]) {
      expect(() => parseOptions(["--webhooks", text], {}), text).toThrow(/--webhooks/);
    }
    expect(() => parseOptions([], { BENCH_WEBHOOKS: "lots" })).toThrow(/--webhooks/);
  });
});

describe("phase figures", () => {
  it("take nearest-rank percentiles, whatever the order", () => {
    const latencies = Array.from({ length: 20 }, (_, index) => 20 - index);
    expect(percentile(latencies, 50)).toBe(10);
    expect(percentile(latencies, 95)).toBe(19);
    expect(percentile([7], 95)).toBe(7);
    expect(() => percentile([], 50)).toThrow();
  });

  it("give events per second over the wall time and the spread of DynamoDB calls", () => {
    const figures = phaseFigures("new payments", 4, {
      wallMs: 2000,
      latenciesMs: [40, 10, 30, 20],
      dynamodbCalls: [2, 2, 3, 2],
    });
    expect(figures).toEqual({
      phase: "new payments",
      events: 4,
      wallSeconds: 2,
      perSecond: 2,
      dynamodbCalls: { min: 2, mean: 2.25, max: 3 },
      latency: { p50Ms: 20, p95Ms: 40 },
    });
    expect(phaseFigures("receipt worker", 3, { wallMs: 1500, latenciesMs: [5] })).not.toHaveProperty(
      "dynamodbCalls",
    );
    expect(() => spread([])).toThrow();
  });

  it("keep at most the given number of deliveries in flight, results in order", async () => {
    let inFlight = 0;
    let most = 0;
    const results = await inPool(25, 8, async (index) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, (index * 7) % 5));
      inFlight -= 1;
      return index * 2;
    });
    expect(most).toBe(8);
    expect(results).toEqual(Array.from({ length: 25 }, (_, index) => index * 2));
  });
});

const calls = (mean: number, max: number) => ({ min: 2, mean, max });

const figures: WebhookFigures = {
  events: 500,
  concurrency: 8,
  phases: [
    {
      phase: "new payments",
      events: 500,
      wallSeconds: 4,
      perSecond: 125,
      dynamodbCalls: calls(2, 2),
      latency: { p50Ms: 55.44, p95Ms: 120.06 },
    },
    {
      phase: "duplicates",
      events: 500,
      wallSeconds: 2.5,
      perSecond: 200,
      dynamodbCalls: calls(2, 2),
      latency: { p50Ms: 8.123, p95Ms: 30.2 },
    },
    {
      phase: "receipt worker",
      events: 640,
      wallSeconds: 8,
      perSecond: 80,
      latency: { p50Ms: 2500, p95Ms: 6100.55 },
    },
  ],
  receiptsWaiting: [310, 330],
  burst: { events: 200, takenFirstTime: 186, mostAttempts: 3, wallSeconds: 12.34 },
  checks: { ledgerEntries: 1500, raisedSar: 1_234_550, payments: 1000, receipts: 1000 },
};

describe("the webhooks section", () => {
  it("has a row per phase: events, events/s, calls per event mean and max, p50 and p95", () => {
    const section = webhooksSection({ webhooks: figures });
    expect(section.table?.headers).toEqual([
      "phase",
      "events",
      "events/s",
      "calls per event mean",
      "max",
      "p50 ms",
      "p95 ms",
    ]);
    expect(section.table?.rows).toEqual([
      ["new payments", "500", "125.0", "2.00", "2", "55.4", "120.1"],
      ["duplicates", "500", "200.0", "2.00", "2", "8.12", "30.2"],
      ["receipt worker", "640", "80.0", "–", "–", "2500.0", "6100.6"],
    ]);
  });

  it("says where it ran, that the figures are a floor and the calls exact, and what was checked", () => {
    const markdown = renderSection(webhooksSection({ webhooks: figures }));
    expect(markdown).toMatch(/^## Webhooks/);
    expect(markdown).toContain("8 in flight, 500 per phase, on DynamoDB Local on this machine");
    expect(markdown).toContain("single Node process");
    expect(markdown).toMatch(/a floor for Lambda and DynamoDB/);
    expect(markdown).toMatch(/calls per event .* are exact/);
    expect(markdown).toContain("the 310 and 330 receipts not yet e-mailed");
    expect(markdown).toContain("1500 ledger entries, 1000 receipts");
    expect(markdown).toContain("raised SAR 12345.50 from 1000 payments");
    expect(markdown).toContain(
      "At once: 200 new payments delivered at the same moment, 186 (93 %) taken at the first delivery, " +
        "the rest on Stripe's redelivery (at most 3 attempts), 12.3 s in all",
    );
  });

  it("says when it was skipped", () => {
    const section = webhooksSection({});
    expect(section.intro?.[0]).toMatch(/Skipped \(`--webhooks 0`\)/);
    expect(section.table).toBeUndefined();
  });
});
