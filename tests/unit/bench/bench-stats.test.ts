import { describe, expect, it } from "vitest";
import {
  type BenchReport,
  type FunctionFigures,
  formatRatio,
  renderMarkdown,
} from "../../../bench/report.ts";
import { largestInputs, median } from "../../../bench/stats.ts";

describe("median", () => {
  it("takes the middle value of an odd count, whatever the order", () => {
    expect(median([7])).toBe(7);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([30, 10, 50, 20, 40])).toBe(30);
  });

  it("averages the two middle values of an even count", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10, 2])).toBe(6);
  });

  it("sorts numerically, not as strings, and leaves its input alone", () => {
    const input = [100, 9, 25];
    expect(median(input)).toBe(25);
    expect(input).toEqual([100, 9, 25]);
  });

  it("refuses an empty list", () => {
    expect(() => median([])).toThrow();
  });
});

function fn(name: string, raw: number, medianMs: number, ratioToBaseline: number): FunctionFigures {
  return {
    name,
    description: `${name} handler`,
    entry: `functions/handlers/${name}.ts`,
    bundle: { raw, brotli: Math.round(raw / 5) },
    coldImport: { medianMs, samplesMs: [medianMs] },
    ratioToBaseline,
    largestInputs: [{ name: "zod", bytes: 2048 }],
  };
}

const report: BenchReport = {
  generatedAt: "2026-01-01T00:00:00.000Z",
  node: "v24.0.0",
  platform: "linux",
  arch: "x64",
  cpu: "Test CPU (2 cores)",
  runs: 15,
  functions: [fn("public", 489_472, 40.6, 40.55), fn("donations", 1_115_340, 119.6, 119.44)],
  baseline: fn("emptyHandler", 184, 1.0, 1),
  site: { distDir: "/nowhere/site/dist", built: false },
  pages: [],
};

/** Cells of the table row whose first cell is `first`. */
function rowOf(markdown: string, first: string): string[] | undefined {
  return markdown
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .map((line) =>
      line
        .slice(1, -1)
        .split("|")
        .map((cell) => cell.trim()),
    )
    .find((cells) => cells[0] === first);
}

describe("renderMarkdown", () => {
  const markdown = renderMarkdown(report);

  it("has a Functions table with one row per function plus the baseline", () => {
    expect(markdown).toContain("## Functions");
    expect(rowOf(markdown, "group")).toEqual([
      "group",
      "bundle KB raw",
      "brotli KB",
      "median cold import ms",
      "× empty handler",
    ]);
    expect(rowOf(markdown, "public")).toEqual(["public", "478.0", "95.6", "40.6", "40.5×"]);
    expect(rowOf(markdown, "donations")).toEqual(["donations", "1089.2", "217.8", "119.6", "119.4×"]);
    expect(rowOf(markdown, "emptyHandler (baseline)")).toEqual([
      "emptyHandler (baseline)",
      "0.18",
      "0.04",
      "1.00",
      "1.0×",
    ]);
    const dataRows = markdown.split("\n").filter((line) => /^\| (public|donations|emptyHandler)/.test(line));
    expect(dataRows).toHaveLength(3);
  });

  it("lists the largest contributors to each bundle", () => {
    expect(markdown).toContain("- public: zod 2.00");
  });

  it("formats the ratio to the empty handler with one decimal and a ×", () => {
    expect(formatRatio(3)).toBe("3.0×");
    expect(formatRatio(12.345)).toBe("12.3×");
  });

  it("says the site is not built instead of a Pages table when there is no dist", () => {
    expect(markdown).toContain("## Pages");
    expect(markdown).toContain("Site not built");
    expect(rowOf(markdown, "page")).toBeUndefined();
  });

  it("renders a Pages row per page with raw / brotli KB", () => {
    const withPages = renderMarkdown({
      ...report,
      site: { distDir: "/site/dist", built: true },
      pages: [
        {
          page: "/ar/",
          html: { raw: 2048, brotli: 512 },
          css: { raw: 10_240, brotli: 2048 },
          js: { raw: 0, brotli: 0 },
          fonts: { raw: 30_720, brotli: 30_720 },
          total: { raw: 43_008, brotli: 33_280 },
          inline: { css: 0, js: 0 },
          files: { css: ["_astro/a.css"], js: [], fonts: ["_astro/f.woff2"] },
          missing: [],
        },
      ],
    });
    expect(rowOf(withPages, "/ar/")).toEqual([
      "/ar/",
      "2.00 / 0.50",
      "10.0 / 2.00",
      "0 / 0",
      "30.0 / 30.0",
      "42.0 / 32.5",
    ]);
  });
});

describe("largestInputs", () => {
  it("groups inputs by npm package (scoped, nested) or the project, largest first", () => {
    expect(
      largestInputs(
        {
          "functions/handlers/public.ts": { bytesInOutput: 300 },
          "functions/config.ts": { bytesInOutput: 200 },
          "node_modules/zod/v4/core/schemas.js": { bytesInOutput: 900 },
          "node_modules/zod/v4/classic/external.js": { bytesInOutput: 100 },
          "node_modules/@aws-sdk/client-dynamodb/dist-es/index.js": { bytesInOutput: 700 },
          "node_modules/@aws-sdk/core/node_modules/@smithy/types/index.js": { bytesInOutput: 50 },
          "node_modules/unused/index.js": { bytesInOutput: 0 },
        },
        3,
      ),
    ).toEqual([
      { name: "zod", bytes: 1000 },
      { name: "@aws-sdk/client-dynamodb", bytes: 700 },
      { name: "(project)", bytes: 500 },
    ]);
    expect(
      largestInputs({ "node_modules/@aws-sdk/core/node_modules/@smithy/types/i.js": { bytesInOutput: 5 } }),
    ).toEqual([{ name: "@smithy/types", bytes: 5 }]);
  });
});
