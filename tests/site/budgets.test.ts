import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { measurePages } from "../../bench/page-weight.ts";

/**
 * Byte budgets of the built site (site/dist, which `npm test` builds before running tests). Sizes are
 * deterministic, so they are enforced here; timings are only reported by `npm run bench`.
 */
const DIST = new URL("../../site/dist/", import.meta.url).pathname;
const KB = 1024;

/**
 * Pages that may ship script: a form (donate, search), a status poll (thanks), a chart (transparency), a
 * fetched document (the printable receipt, the donor's account and giving statement) or the staff's finance
 * console (a React island).
 */
const SCRIPTED = [
  /^\/(ar|en)\/initiatives\/[^/]+\/$/,
  /^\/(ar|en)\/thanks\/$/,
  /^\/(ar|en)\/receipt\/$/,
  /^\/(ar|en)\/transparency\/$/,
  /^\/(ar|en)\/search\/$/,
  /^\/(ar|en)\/donate\/$/,
  /^\/(ar|en)\/finance\/$/,
  /^\/(ar|en)\/account\/$/,
  /^\/(ar|en)\/account\/statement\/$/,
];

/** React ships with the finance console only, within this much script (brotli). */
const FINANCE_JS_BROTLI = 70 * KB;

describe("the built site's budgets", () => {
  const pages = existsSync(DIST) ? measurePages(DIST) : [];

  it("was built (run npm run build first)", () => {
    expect(pages.length).toBeGreaterThan(10);
  });

  it("loads at most 40 KB of fonts on any page", () => {
    const over = pages
      .filter((page) => page.fonts.raw > 40 * KB)
      .map((page) => `${page.page}: ${page.fonts.raw}`);
    expect(over).toEqual([]);
    expect(pages.every((page) => page.fonts.raw > 0)).toBe(true);
  });

  it("keeps each home page's HTML and CSS within 14 KB brotli (one round trip)", () => {
    for (const path of ["/ar/", "/en/"]) {
      const home = pages.find((page) => page.page === path);
      expect(home, path).toBeDefined();
      expect((home?.html.brotli ?? 0) + (home?.css.brotli ?? 0), path).toBeLessThanOrEqual(14 * KB);
    }
  });

  it("ships JavaScript only where a form, a status poll, a chart or the receipt needs it", () => {
    const scripted = pages.filter((page) => page.js.raw > 0 || page.inline.js > 0).map((page) => page.page);
    expect(scripted.filter((path) => !SCRIPTED.some((pattern) => pattern.test(path)))).toEqual([]);
    // The donation form's island is there, so the check above can see scripts at all.
    expect(scripted.some((path) => /^\/ar\/initiatives\/[^/]+\/$/.test(path))).toBe(true);
  });

  it("loads React only on the finance console, within its budget", () => {
    const consoles = pages.filter((page) => /^\/(ar|en)\/finance\/$/.test(page.page));
    expect(consoles.map((page) => page.page).sort()).toEqual(["/ar/finance/", "/en/finance/"]);
    for (const page of consoles) expect(page.js.brotli, page.page).toBeLessThanOrEqual(FINANCE_JS_BROTLI);
    // React's production build points its error codes at react.dev; no other script on the site does.
    const isReact = (file: string) => readFileSync(join(DIST, file), "utf8").includes("react.dev/errors");
    expect(consoles.every((page) => page.files.js.some(isReact))).toBe(true);
    const elsewhere = pages
      .filter((page) => !consoles.includes(page))
      .flatMap((page) => page.files.js.filter(isReact).map((file) => `${page.page}: ${file}`));
    expect(elsewhere).toEqual([]);
  });
});
