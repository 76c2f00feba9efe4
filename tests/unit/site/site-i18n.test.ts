import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALE_CODES } from "../../../content/locales.ts";
import { localePath, t, UI_STRINGS } from "../../../site/src/i18n/index.ts";

const SITE_SRC = new URL("../../../site/src/", import.meta.url).pathname;

function sources(): string {
  return readdirSync(SITE_SRC, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.(astro|ts)$/.test(file))
    .map((file) => readFileSync(join(SITE_SRC, file), "utf8"))
    .join("\n");
}

describe("site UI strings", () => {
  it("has the same keys in every locale, Arabic text in Arabic", () => {
    const keys = Object.keys(UI_STRINGS.ar).sort();
    for (const locale of LOCALE_CODES) expect(Object.keys(UI_STRINGS[locale]).sort(), locale).toEqual(keys);
    for (const [key, text] of Object.entries(UI_STRINGS.ar)) expect(text, key).toMatch(/[\u0600-\u06FF]/);
  });

  it("defines every key the pages ask for", () => {
    const used = [...sources().matchAll(/\bt\(\s*\w+,\s*"([\w.]+)"/g)].map((match) => match[1] ?? "");
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter((key) => !(key in UI_STRINGS.en))).toEqual([]);
    // Keys built from a value (`initiative.status.${status}`) must exist for every value.
    for (const status of ["draft", "open", "funded", "closed"])
      expect(UI_STRINGS.en).toHaveProperty(`initiative.status.${status}`);
    for (const designation of ["general", "sadaqah", "zakat"]) {
      expect(UI_STRINGS.ar).toHaveProperty(`donate.designation.${designation}`);
    }
  });

  it("fills placeholders and builds locale paths", () => {
    expect(t("en", "donate.amountHint", { minimum: "SAR 5" })).toMatch(/^The smallest gift is SAR 5\./);
    expect(localePath("ar", "/initiatives/x/")).toBe("/ar/initiatives/x/");
    expect(localePath("en")).toBe("/en/");
  });
});
