import { describe, expect, it } from "vitest";
import { checkSharedUnits, checkWholeUnits, type StoredInventory } from "../../../bench/adoption-checks.ts";
import {
  type AdoptionPhaseFigures,
  type AttemptAnswer,
  adoptionPhaseFigures,
  complementaryShares,
} from "../../../bench/adoption-phases.ts";
import type { AdoptionFigures } from "../../../bench/adoptions.ts";
import { renderSection } from "../../../bench/markdown.ts";
import { adoptionsSection, type BenchReport, reportSections } from "../../../bench/report.ts";
import { parseOptions } from "../../../bench/run.ts";

describe("--adoptions", () => {
  it("defaults to 500 attempts per phase, takes BENCH_ADOPTIONS, and the flag wins over it", () => {
    const cases: [string[], Record<string, string>, number][] = [
      [[], {}, 500],
      [[], { BENCH_ADOPTIONS: "60" }, 60],
      [["--adoptions", "100"], { BENCH_ADOPTIONS: "60" }, 100],
      [["--adoptions", "0"], {}, 0],
    ];
    for (const [argv, env, attempts] of cases)
      expect(parseOptions(argv, env).adoptions, argv.join(" ")).toBe(attempts);
  });

  it("is refused when not a whole number", () => {
    for (const text of ["many", "-5", "2.5", "", "1e3"])
      expect(() => parseOptions(["--adoptions", text], {}), text).toThrow(/--adoptions/);
    expect(() => parseOptions([], { BENCH_ADOPTIONS: "lots" })).toThrow(
      /--adoptions must be a whole number of attempts/,
    );
  });
});

const answer = (
  status: 201 | 409,
  latencyMs: number,
  dynamodbCalls: number,
  free?: number,
): AttemptAnswer => ({
  status,
  latencyMs,
  dynamodbCalls,
  ...(free === undefined ? {} : { free }),
});

describe("adoption phase figures", () => {
  it("count 201s and 409s, and spread the DynamoDB calls of each apart", () => {
    const figures = adoptionPhaseFigures(
      { phase: "last units", initiativeId: "ten", holds: "units", inFlight: 4 },
      {
        wallMs: 500,
        answers: [answer(409, 40, 2, 0), answer(201, 10, 3), answer(409, 30, 2, 0), answer(201, 20, 5)],
      },
    );
    expect(figures).toEqual({
      phase: "last units",
      initiativeId: "ten",
      holds: "units",
      inFlight: 4,
      attempts: 4,
      wallSeconds: 0.5,
      perSecond: 8,
      succeeded: 2,
      conflicted: 2,
      conflictShare: 0.5,
      dynamodbCalls: { succeeded: { min: 3, mean: 4, max: 5 }, conflicted: { min: 2, mean: 2, max: 2 } },
      latency: { p50Ms: 20, p95Ms: 40 },
    });
  });

  it("leave out the calls of an answer nobody got", () => {
    const figures = adoptionPhaseFigures(
      { phase: "plenty of units", initiativeId: "kits", holds: "units", inFlight: 8 },
      { wallMs: 1000, answers: [answer(201, 10, 3), answer(201, 12, 3)] },
    );
    expect(figures.dynamodbCalls).toEqual({ succeeded: { min: 3, mean: 3, max: 3 } });
    expect(figures.conflictShare).toBe(0);
  });

  it("pair shares into whole units", () => {
    expect(complementaryShares([10000, 15000, 20000], 30000)).toEqual([10000, 20000, 15000, 15000]);
    expect(complementaryShares([5000, 25000, 12000], 30000)).toEqual([5000, 25000]);
    expect(() => complementaryShares([10000, 12000], 30000)).toThrow(/30000/);
  });
});

const sar = (value: number) => ({ value, currency: "SAR" });

const inventory = (overrides: Partial<StoredInventory>): StoredInventory => ({
  total: 10,
  free: 0,
  held: 10,
  adopted: 0,
  started: {},
  ...overrides,
});
const lastUnitsAnswers = [
  ...Array.from({ length: 10 }, () => answer(201, 5, 3)),
  ...Array.from({ length: 5 }, () => answer(409, 5, 2, 0)),
];

describe("the adoption checks", () => {
  it("accept exactly min(attempts, total) units held and the rest refused with none free", () => {
    expect(checkWholeUnits("ten", inventory({}), lastUnitsAnswers)).toEqual({ total: 10, held: 10, free: 0 });
    const kits = inventory({ total: 200, free: 197, held: 3 });
    expect(checkWholeUnits("kits", kits, lastUnitsAnswers.slice(0, 3))).toEqual({
      total: 200,
      held: 3,
      free: 197,
    });
  });

  it("throw on an extra winner, a refusal that says units are free, or an inventory that disagrees", () => {
    expect(() => checkWholeUnits("ten", inventory({}), [...lastUnitsAnswers, answer(201, 5, 3)])).toThrow(
      /11 attempts got a unit, expected 10/,
    );
    expect(() => checkWholeUnits("ten", inventory({}), [...lastUnitsAnswers, answer(409, 5, 2, 1)])).toThrow(
      /said units were free/,
    );
    expect(() => checkWholeUnits("ten", inventory({ free: 1, held: 9 }), lastUnitsAnswers)).toThrow(
      /inventory/,
    );
    expect(() => checkWholeUnits("ten", inventory({ held: 11 }), lastUnitsAnswers)).toThrow(/inventory/);
  });

  const price = sar(30000);
  const shared = inventory({
    total: 400,
    free: 397,
    held: 0,
    started: { don_A: { a: 0, h: 30000 }, don_B: { a: 0, h: 10000 }, don_C: { a: 0, h: 15000 } },
  });

  it("accept shared units that add up, with exactly the shares answered 201 held", () => {
    const expected = { total: 400, free: 397, startedUnits: 3, completedUnits: 1, heldInShares: sar(55000) };
    expect(checkSharedUnits("orphans", shared, price, [10000, 20000, 10000, 15000])).toEqual(expected);
  });

  it("throw on a unit covered beyond its price, units that do not add up, or shares lost or doubled", () => {
    const over = { ...shared, started: { ...shared.started, don_B: { a: 0, h: 40000 } } };
    expect(() => checkSharedUnits("orphans", over, price, [10000, 20000, 40000, 15000])).toThrow(/don_B/);
    expect(() => checkSharedUnits("orphans", { ...shared, free: 398 }, price, [30000, 10000, 15000])).toThrow(
      /= 401, not 400/,
    );
    expect(() => checkSharedUnits("orphans", shared, price, [10000, 20000, 15000])).toThrow(/45000/);
  });
});

const calls = (mean: number, max: number) => ({ min: 2, mean, max });

const lastUnits: AdoptionPhaseFigures = {
  phase: "last units",
  initiativeId: "grassroots-capacity-building",
  holds: "units",
  inFlight: 500,
  attempts: 500,
  wallSeconds: 4,
  perSecond: 125,
  succeeded: 10,
  conflicted: 490,
  conflictShare: 0.98,
  dynamodbCalls: { succeeded: calls(3.4, 6), conflicted: calls(2, 2) },
  latency: { p50Ms: 1500.44, p95Ms: 3020.06 },
};

const figures: AdoptionFigures = {
  attempts: 500,
  concurrency: 8,
  phases: [
    lastUnits,
    {
      ...lastUnits,
      phase: "shared units",
      initiativeId: "monthly-orphan-sponsorship",
      holds: "shares",
      inFlight: 8,
      perSecond: 50,
      succeeded: 497,
      conflicted: 3,
      conflictShare: 0.006,
      dynamodbCalls: { succeeded: calls(4.123, 8) },
      latency: { p50Ms: 9.876, p95Ms: 40.2 },
    },
  ],
  checks: {
    lastUnits: { total: 10, held: 10, free: 0 },
    plentyOfUnits: { total: 200, held: 200, free: 0 },
    sharedUnits: {
      total: 400,
      free: 150,
      startedUnits: 250,
      completedUnits: 247,
      heldInShares: sar(7_455_000),
    },
  },
};

describe("the adoption section", () => {
  it("has a row per phase: attempts, attempts/s, got units, 409 share, calls per 201 and per 409, p50, p95", () => {
    const section = adoptionsSection({ adoptions: figures });
    expect(section.table?.headers.join(" | ")).toBe(
      "phase | attempts | attempts/s | got units | 409 share | calls per 201 mean / max | " +
        "calls per 409 mean / max | p50 ms | p95 ms",
    );
    expect(section.table?.rows).toEqual([
      ["last units", "500", "125.0", "10", "98.0 %", "3.40 / 6", "2.00 / 2", "1500.4", "3020.1"],
      ["shared units", "500", "50.0", "497 shares", "0.6 %", "4.12 / 8", "–", "9.88", "40.2"],
    ]);
  });

  it("says where it ran, that the figures are a floor and the calls exact, and what was checked", () => {
    const markdown = renderSection(adoptionsSection({ adoptions: figures }));
    const said = [
      /^## Adoption under contention/,
      /on DynamoDB Local on this machine, with the load and the server in a single Node process/,
      /the absolute figures are a floor for Lambda and DynamoDB/,
      /calls per attempt .* are exact/,
      /500 attempts all at once for the 10 units/,
      /500 attempts, 8 in flight, one of the 200 units/,
      /exactly 10 of 10 held, free 0; plenty of units: 200 of 200 held, free 0/,
      /250 units started, 247 of them covered by two shares/,
      /SAR\s74,550\.00 held in shares/,
      /adopted \+ held \+ free \+ started = 400/,
    ];
    for (const fragment of said) expect(markdown).toMatch(fragment);
  });

  it("comes after the webhooks in the report, and says when it was skipped", () => {
    const section = adoptionsSection({});
    expect(section.intro?.[0]).toMatch(/Skipped \(`--adoptions 0`\)/);
    expect(section.table).toBeUndefined();
    const baseline = {
      name: "empty",
      description: "an empty handler",
      entry: "bench/empty.ts",
      bundle: { raw: 100, brotli: 80 },
      coldImport: { medianMs: 5, samplesMs: [5] },
      ratioToBaseline: 1,
      largestInputs: [],
    };
    const report: BenchReport = {
      generatedAt: "2026-01-01T00:00:00.000Z",
      node: "v24",
      platform: "linux",
      arch: "x64",
      cpu: "test",
      runs: 1,
      functions: [],
      baseline,
      site: { distDir: "site/dist", built: false },
      pages: [],
      adoptions: figures,
    };
    const titles = reportSections(report).map((entry) => entry.title);
    expect(titles.indexOf("Adoption under contention")).toBe(titles.indexOf("Webhooks") + 1);
  });
});
