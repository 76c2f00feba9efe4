import { describe, expect, it } from "vitest";
import { LOCALE_CODES } from "../../../../content/locales.ts";
import { fill, isolate, RECEIPT_WORDING } from "../../../../contract/receipts/wording.ts";
import siteAr from "../../../../site/src/i18n/ar.json" with { type: "json" };
import siteEn from "../../../../site/src/i18n/en.json" with { type: "json" };

function phrases(value: unknown): string[] {
  return typeof value === "string" ? [value] : Object.values(value as object).flatMap(phrases);
}

describe("receipt wording", () => {
  it("words designations exactly as the donation form does", () => {
    const site = { ar: siteAr, en: siteEn };
    for (const locale of LOCALE_CODES) {
      for (const designation of ["general", "sadaqah", "zakat"] as const) {
        expect(RECEIPT_WORDING[locale].designations[designation]).toBe(
          site[locale][`donate.designation.${designation}`],
        );
      }
    }
  });

  it("writes every Arabic phrase in Arabic and every English one without Arabic letters", () => {
    const arabic = phrases(RECEIPT_WORDING.ar);
    expect(arabic.length).toBeGreaterThan(30);
    for (const phrase of arabic) expect(phrase).toMatch(/[\u0600-\u06FF]/);
    for (const phrase of phrases(RECEIPT_WORDING.en)) expect(phrase).not.toMatch(/[\u0600-\u06FF]/);
  });

  it("fills placeholders, leaves unknown ones visible and isolates names for bidi", () => {
    expect(fill("Receipt no. {number} ({missing})", { number: "2026-000001" })).toBe(
      "Receipt no. 2026-000001 ({missing})",
    );
    expect(isolate("Sarah")).toBe("\u2068Sarah\u2069");
  });
});
