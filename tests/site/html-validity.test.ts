/**
 * Every page a donor can be served is valid HTML by the W3C Nu HTML Checker (the `vnu-jar` package's
 * checker, run offline on the machine's Java): the built site's pages, and the error pages the API
 * answers a form posted without JavaScript with. A stray tag after `</html>` (where the checker stops
 * reading), a duplicate id or a misplaced element fails here rather than in some donor's browser.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LOCALE_CODES } from "../../content/locales.ts";
import { RateLimitedError, ValidationError } from "../../functions/domain/errors.ts";
import { errorResponse } from "../../functions/http/errors.ts";

const DIST = new URL("../../site/dist/", import.meta.url).pathname;
const VNU_JAR = createRequire(import.meta.url).resolve("vnu-jar/build/dist/vnu.jar");

interface CheckerMessage {
  type: "error" | "info" | "non-document-error";
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
}

/** Runs the checker on files or folders; every error and warning, one line each ("info" is not a fault). */
function check(paths: string[], root: string): string[] {
  const run = spawnSync("java", ["-jar", VNU_JAR, "--format", "json", "--skip-non-html", ...paths], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error)
    throw new Error(`the Nu HTML Checker did not run (is Java 17+ installed?): ${run.error.message}`);
  const { messages } = JSON.parse(run.stderr) as { messages: CheckerMessage[] };
  return messages
    .filter((message) => message.type !== "info" || message.subType === "warning")
    .map((message) => {
      const file = message.url ? relative(root, new URL(message.url).pathname) : "?";
      return `${file}:${message.lastLine ?? "?"} ${message.subType ?? message.type}: ${message.message}`;
    });
}

const htmlFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".html"));

describe("the W3C Nu HTML Checker", () => {
  it("finds a page that puts its script after </html> (it is really checking)", () => {
    const dir = mkdtempSync(join(tmpdir(), "athar-vnu-"));
    try {
      writeFileSync(
        join(dir, "stray.html"),
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body><p>p</p></body></html><script type="module" src="/a.js"></script>',
      );
      expect(check([dir], dir).join("\n")).toMatch(/stray\.html:1 error: Stray start tag “script”/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("finds every built page valid", () => {
    expect(htmlFiles(DIST).length, "site/dist holds the built site (npm run build)").toBeGreaterThan(80);
    expect(check([DIST], DIST)).toEqual([]);
  });

  describe("the API's error pages for forms posted without JavaScript", () => {
    const dir = mkdtempSync(join(tmpdir(), "athar-vnu-api-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("are valid in every language", () => {
      const refusals = {
        validation: new ValidationError([{ field: "amount", code: "amount_invalid" }]),
        "rate-limited": new RateLimitedError("ip", 81_600),
        internal: new Error("unexpected"),
      };
      for (const locale of LOCALE_CODES) {
        for (const [name, error] of Object.entries(refusals)) {
          writeFileSync(join(dir, `${name}-${locale}.html`), String(errorResponse(error, locale, true).body));
        }
      }
      expect(htmlFiles(dir)).toHaveLength(3 * LOCALE_CODES.length);
      expect(check([dir], dir)).toEqual([]);
    });
  });
});
