import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fontUrlsInCss,
  measurePages,
  type PageWeight,
  pagePath,
  staticJsImports,
} from "../../../bench/page-weight.ts";

/** Repetitive text compresses well, so brotli must come out smaller than raw. */
const filler = (label: string, times: number) =>
  `/* ${label} */ ${".card { color: #0b5345; } ".repeat(times)}`;

// Pseudo-random bytes stand in for an already-compressed woff2 file.
function fontBytes(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let seed = 12345;
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    bytes[i] = (seed >>> 16) & 0xff;
  }
  return bytes;
}

const css = `@font-face{font-family:Athar;src:url("../fonts/athar.woff2") format("woff2"),url(../fonts/athar.woff) format("woff")}\n${filler("site", 40)}`;
const font = fontBytes(3000);
const fallbackFont = fontBytes(5000);
const moduleJs = `import{f as m}from"./money.js";document.body.dataset.ready=m("${"x".repeat(200)}");`;
const moneyJs = `export const f=(s)=>s.trim();${"/* money */".repeat(30)}`;
const inlineScript = `console.log("inline ${"é".repeat(10)}");`;
const inlineStyle = "body{margin:0}";

// Page 1: the shared stylesheet linked twice (once with a query string) plus an external module script
// and an inline script; page 2: the same stylesheet and an inline <style>, nothing else.
const pageOne = `<!doctype html><html><head><link rel="stylesheet" href="/_astro/site.css">
<link rel="stylesheet" href="../_astro/site.css?v=2"><link rel="preload" as="font" href="/fonts/athar.woff2" crossorigin>
<link rel="stylesheet" href="https://cdn.example.com/external.css"><link rel="icon" href="/favicon.svg">
<!-- <script src="/_astro/commented-out.js"></script> -->
</head><body><script>${inlineScript}</script><script type="module" src="/_astro/form.js"></script>
<script src="https://cdn.example.com/analytics.js"></script></body></html>`;
const pageTwo = `<!doctype html><html><head><link rel="stylesheet" href="/_astro/site.css"><style>${inlineStyle}</style></head><body>Hi</body></html>`;

let dist: string;
let pages: PageWeight[];

const byteLength = (text: string) => Buffer.byteLength(text);

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), "athar-bench-"));
  const files: Record<string, string | Buffer> = {
    "en/index.html": pageOne,
    "404.html": pageTwo,
    "_astro/site.css": css,
    "_astro/form.js": moduleJs,
    "_astro/money.js": moneyJs,
    "_astro/unused.js": "export const unused = 1;",
    "fonts/athar.woff2": font,
    "fonts/athar.woff": fallbackFont,
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dist, path)), { recursive: true });
    writeFileSync(join(dist, path), content);
  }
  pages = measurePages(dist);
});

afterAll(() => rmSync(dist, { recursive: true, force: true }));

function page(path: string): PageWeight {
  const found = pages.find((candidate) => candidate.page === path);
  if (!found) throw new Error(`no page ${path} in ${pages.map((p) => p.page).join(", ")}`);
  return found;
}

describe("measurePages", () => {
  it("measures every HTML page, named by its URL path and sorted", () => {
    expect(pages.map((p) => p.page)).toEqual(["/404.html", "/en/"]);
  });

  it("counts the HTML document itself, inline script and style included", () => {
    expect(page("/en/").html.raw).toBe(byteLength(pageOne));
    expect(page("/404.html").html.raw).toBe(byteLength(pageTwo));
    expect(page("/en/").inline).toEqual({ css: 0, js: byteLength(inlineScript) });
    expect(page("/404.html").inline).toEqual({ css: byteLength(inlineStyle), js: 0 });
  });

  it("counts a stylesheet referenced twice on one page once", () => {
    expect(page("/en/").files.css).toEqual(["_astro/site.css"]);
    expect(page("/en/").css.raw).toBe(byteLength(css));
    expect(page("/404.html").css.raw).toBe(byteLength(css));
  });

  it("counts the external module script and what it imports, but not inline or remote scripts", () => {
    expect(page("/en/").files.js).toEqual(["_astro/form.js", "_astro/money.js"]);
    expect(page("/en/").js.raw).toBe(byteLength(moduleJs) + byteLength(moneyJs));
    expect(page("/404.html").js).toEqual({ raw: 0, brotli: 0 });
  });

  it("counts the font the CSS uses once, even when it is also preloaded, and not the fallback format", () => {
    expect(page("/en/").files.fonts).toEqual(["fonts/athar.woff2"]);
    expect(page("/en/").fonts.raw).toBe(font.byteLength);
    expect(page("/404.html").files.fonts).toEqual(["fonts/athar.woff2"]);
    expect(page("/404.html").fonts.raw).toBe(font.byteLength);
  });

  it("adds the categories up in total, raw and brotli", () => {
    for (const p of pages) {
      expect(p.total.raw).toBe(p.html.raw + p.css.raw + p.js.raw + p.fonts.raw);
      expect(p.total.brotli).toBe(p.html.brotli + p.css.brotli + p.js.brotli + p.fonts.brotli);
    }
    expect(page("/en/").total.raw).toBe(
      byteLength(pageOne) + byteLength(css) + byteLength(moduleJs) + byteLength(moneyJs) + font.byteLength,
    );
  });

  it("compresses text with brotli: smaller than raw for HTML, CSS and JS, but not for a font", () => {
    const en = page("/en/");
    expect(en.html.brotli).toBeGreaterThan(0);
    expect(en.html.brotli).toBeLessThan(en.html.raw);
    expect(en.css.brotli).toBeLessThan(en.css.raw);
    expect(en.js.brotli).toBeLessThan(en.js.raw);
    expect(en.fonts.brotli).toBeGreaterThanOrEqual(en.fonts.raw);
  });

  it("reports local references that are missing from the build", () => {
    const broken = mkdtempSync(join(tmpdir(), "athar-bench-broken-"));
    try {
      writeFileSync(join(broken, "index.html"), '<link rel="stylesheet" href="/_astro/gone.css">');
      const [only] = measurePages(broken);
      expect(only?.page).toBe("/");
      expect(only?.missing).toEqual(["/_astro/gone.css"]);
      expect(only?.css).toEqual({ raw: 0, brotli: 0 });
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});

describe("page-weight helpers", () => {
  it("names pages by URL path", () => {
    expect(pagePath("index.html")).toBe("/");
    expect(pagePath("ar/index.html")).toBe("/ar/");
    expect(pagePath("404.html")).toBe("/404.html");
  });

  it("takes the first font file of each @font-face and every other font url()", () => {
    expect(
      fontUrlsInCss(
        "@font-face{src:url(a.woff2) format('woff2'),url('a.woff')}/* url(x.ttf) */.i{background:url(b.otf?v=1)}",
      ),
    ).toEqual(["a.woff2", "b.otf?v=1"]);
  });

  it("follows static imports only", () => {
    expect(
      staticJsImports('import"./a.js";import{b}from"../b.js";import("./lazy.js");import x from "react";'),
    ).toEqual(["./a.js", "../b.js"]);
  });
});
