import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const SITE_SRC = new URL("../../../site/src/", import.meta.url).pathname;

/** CSS of the site: stylesheets, and <style> blocks and style="" attributes in components. */
function stylesheets(): { file: string; css: string }[] {
  const files = readdirSync(SITE_SRC, { recursive: true, encoding: "utf8" }).filter((f) =>
    /\.(css|astro)$/.test(f),
  );
  return files.map((file) => {
    const text = readFileSync(join(SITE_SRC, file), "utf8");
    const css = file.endsWith(".css")
      ? text
      : [
          ...[...text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]),
          ...[...text.matchAll(/\sstyle="([^"]*)"/g)].map((m) => m[1]),
        ].join("\n");
    return { file, css: css.replace(/\/\*[\s\S]*?\*\//g, "") };
  });
}

/** Declarations that would look different in Arabic (rtl) and English (ltr): use logical properties. */
function physicalDeclarations(css: string): string[] {
  const problems: string[] = [];
  for (const match of css.matchAll(/([a-z-]+)\s*:\s*([^;{}]+)/g)) {
    const [declaration = "", property = "", value = ""] = match;
    const values = value.trim().split(/\s+(?![^(]*\))/);
    if (/(^|-)(left|right|top|bottom)(-|$)/.test(property)) problems.push(declaration.trim());
    else if (/^(float|clear|text-align)$/.test(property) && /\b(left|right)\b/.test(value)) {
      problems.push(declaration.trim());
    } else if (
      /^(margin|padding|inset|border-width|border-style|border-color|border-radius)$/.test(property)
    ) {
      // Three or four values name the left and right (or corner) sides separately.
      if (values.length >= 3) problems.push(declaration.trim());
    }
  }
  return problems;
}

describe("site CSS", () => {
  it("finds physical declarations (the check itself can fail)", () => {
    expect(
      physicalDeclarations(
        ".a{margin-left:1rem;padding:1px 2px 3px 4px;text-align:right;top:0;margin:0 auto;border-top-left-radius:2px}",
      ),
    ).toEqual([
      "margin-left:1rem",
      "padding:1px 2px 3px 4px",
      "text-align:right",
      "top:0",
      "border-top-left-radius:2px",
    ]);
    expect(
      physicalDeclarations(".a{margin-inline-start:1rem;inset-block-start:0;padding:var(--a) var(--b)}"),
    ).toEqual([]);
  });

  it("uses logical properties only, so one rule serves rtl and ltr", () => {
    const sheets = stylesheets();
    expect(sheets.length).toBeGreaterThan(0);
    const problems = sheets.flatMap(({ file, css }) => physicalDeclarations(css).map((d) => `${file}: ${d}`));
    expect(problems).toEqual([]);
  });
});
