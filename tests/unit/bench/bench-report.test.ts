import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateCorpus } from "../../../bench/corpus.ts";
import { lighthousePages } from "../../../bench/lighthouse.ts";
import { corpusSection, lighthouseSection } from "../../../bench/report.ts";
import { parseOptions } from "../../../bench/run.ts";
import { loadContent, storyLocales } from "../../../content/load.ts";

describe("the bench corpus", () => {
  it("generates content that passes every content check, with every funding model", () => {
    const dir = generateCorpus({ initiatives: 12, stories: 40 });
    try {
      const corpus = loadContent(dir);
      expect(corpus.initiatives).toHaveLength(12);
      expect(corpus.stories).toHaveLength(40);
      expect(new Set(corpus.initiatives.map((initiative) => initiative.funding.model))).toEqual(
        new Set(["open", "units", "whole"]),
      );
      expect(corpus.stories.filter((story) => storyLocales(story).length === 1)).toHaveLength(10);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is sized by --corpus, skipped with 0, and refused when malformed", () => {
    expect(parseOptions([], {}).corpus).toEqual({ initiatives: 1000, stories: 5000 });
    expect(parseOptions(["--corpus", "50,200"], {}).corpus).toEqual({ initiatives: 50, stories: 200 });
    expect(parseOptions(["--corpus", "0"], {}).corpus).toBeUndefined();
    expect(() => parseOptions(["--corpus", "many"], {})).toThrow(/--corpus/);
  });

  it("reports build time and output size", () => {
    const section = corpusSection({
      corpus: {
        initiatives: 1000,
        stories: 5000,
        pages: 13_000,
        buildSeconds: 95.44,
        outputBytes: 300 * 1024 * 1024,
        outputFiles: 13_100,
      },
    });
    expect(section.table?.rows).toEqual([["1000", "5000", "13000", "95.4", "300.0", "13100"]]);
    expect(corpusSection({}).intro?.[0]).toMatch(/Skipped/);
  });
});

describe("the Lighthouse section", () => {
  it("has a row per page and names the failing audits", () => {
    const scores = { performance: 97, accessibility: 100, "best-practices": 100, seo: 100 };
    const section = lighthouseSection({
      lighthouse: [
        { page: "/ar/", scores, failing: ["cumulative-layout-shift"] },
        { page: "/en/", scores: { ...scores, performance: 100 }, failing: [] },
      ],
    });
    expect(section.table?.rows).toEqual([
      ["/ar/", "97", "100", "100", "100"],
      ["/en/", "100", "100", "100", "100"],
    ]);
    expect(section.notes).toEqual(["Failing audits on /ar/: cumulative-layout-shift."]);
  });

  it("measures home, an initiative and a bilingual story in every language", () => {
    const pages = lighthousePages();
    expect(pages.filter((page) => /^\/(ar|en)\/$/.test(page))).toHaveLength(2);
    expect(pages.filter((page) => page.includes("/initiatives/"))).toHaveLength(2);
    expect(pages.filter((page) => page.includes("/stories/"))).toHaveLength(2);
  });
});
