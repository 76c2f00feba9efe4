import { describe, expect, it } from "vitest";
import { type AccountFigures, donorFigures } from "../../../bench/account.ts";
import { renderSection } from "../../../bench/markdown.ts";
import { accountSection, signInSection } from "../../../bench/report.ts";
import { parseOptions } from "../../../bench/run.ts";

describe("--account", () => {
  it("defaults to a 10,000-gift donor, takes BENCH_ACCOUNT, and the flag wins over it", () => {
    expect(parseOptions([], {}).account).toBe(10_000);
    expect(parseOptions([], { BENCH_ACCOUNT: "300" }).account).toBe(300);
    expect(parseOptions(["--account", "50"], { BENCH_ACCOUNT: "300" }).account).toBe(50);
  });

  it("is skipped with 0 and refused when not a whole number", () => {
    expect(parseOptions(["--account", "0"], {}).account).toBe(0);
    for (const text of ["many", "-5", "2.5", ""]) {
      expect(() => parseOptions(["--account", text], {}), text).toThrow(/--account/);
    }
  });
});

describe("the donor dashboard section", () => {
  it("reduces a donor's requests to median, p95 and the spread of DynamoDB calls", () => {
    expect(
      donorFigures(10_000, {
        latenciesMs: [9, 1, 5, 3, 7, 2, 4, 6, 8, 10],
        dynamodbCalls: [1, 1, 2, 1, 1, 1, 1, 1, 1, 1],
      }),
    ).toEqual({
      gifts: 10_000,
      requests: 10,
      medianMs: 5,
      p95Ms: 10,
      dynamodbCalls: { min: 1, mean: 1.1, max: 2 },
    });
  });

  it("shows both donors side by side, calls per request exact", () => {
    const account: AccountFigures = {
      gifts: 10_000,
      concurrency: 1,
      seedSeconds: 61.25,
      donors: [
        { gifts: 1, requests: 200, medianMs: 4.2, p95Ms: 9.8, dynamodbCalls: { min: 1, mean: 1, max: 1 } },
        {
          gifts: 10_000,
          requests: 200,
          medianMs: 5.1,
          p95Ms: 12.4,
          dynamodbCalls: { min: 1, mean: 1, max: 1 },
        },
      ],
      signIn: {
        donor: { requests: 200, medianMs: 8, p95Ms: 11, dynamodbCalls: { min: 2, mean: 2, max: 2 } },
        stranger: { requests: 200, medianMs: 8.4, p95Ms: 12, dynamodbCalls: { min: 2, mean: 2, max: 2 } },
      },
    };
    const section = accountSection({ account });
    expect(section.title).toBe("Donor dashboard");
    expect(section.table?.headers).toEqual([
      "donor's gifts",
      "requests",
      "median ms",
      "p95 ms",
      "DynamoDB calls min / mean / max",
    ]);
    expect(section.table?.rows.map((row) => [row[0], row[1], row[4]])).toEqual([
      ["1", "200", "1 / 1.00 / 1"],
      ["10000", "200", "1 / 1.00 / 1"],
    ]);
    expect(renderSection(section)).toContain("61.3 s");
    expect(accountSection({}).intro).toEqual(["Skipped (`--account 0`)."]);
  });
});

describe("the sign-in link requests section", () => {
  it("shows the medians for a donor's address and a stranger's side by side, with their ratio", () => {
    const figures = (medianMs: number) => ({
      requests: 200,
      medianMs,
      p95Ms: medianMs * 2,
      dynamodbCalls: { min: 2, mean: 2, max: 2 },
    });
    const section = signInSection({
      account: {
        gifts: 10,
        concurrency: 1,
        seedSeconds: 1,
        donors: [],
        signIn: { donor: figures(8), stranger: figures(8.8) },
      },
    });
    expect(section.table?.rows.map((row) => [row[1], row[2], row[4]])).toEqual([
      ["200", "8.00", "2 / 2.00 / 2"],
      ["200", "8.80", "2 / 2.00 / 2"],
    ]);
    expect(section.intro?.[0]).toContain("1.1×");
    expect(signInSection({}).intro).toEqual(["Skipped (`--account 0`)."]);
  });
});
