import { describe, expect, it } from "vitest";
import ar from "../../../contract/messages/ar.json" with { type: "json" };
import en from "../../../contract/messages/en.json" with { type: "json" };
import { negotiateLocale, translate } from "../../../contract/messages.ts";

describe("API messages", () => {
  it("has every key in both languages, and Arabic text in the Arabic file", () => {
    expect(Object.keys(ar).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(ar)) expect(text, key).toMatch(/[\u0600-\u06FF]/);
  });

  it("interpolates parameters", () => {
    expect(translate("en", "currency_not_accepted", { currencies: "SAR, USD" })).toBe(
      "Donations are accepted in these currencies only: SAR, USD.",
    );
    expect(translate("ar", "amount_below_minimum", { minimum: "٥ ر.س." })).toContain("٥ ر.س.");
  });

  it("formats money parameters in the caller's language", () => {
    const minimum = { value: 1000, currency: "KWD" };
    expect(translate("en", "amount_below_minimum", { minimum })).toMatch(
      /^The smallest donation is KWD\s1\.000\.$/,
    );
    expect(translate("ar", "amount_below_minimum", { minimum })).toMatch(
      /^أقل مبلغ للتبرع \u200f?1\.000\sد\.ك\.\u200f?\.$/u,
    );
  });

  it.each([
    ["en", "ar", "en"],
    [undefined, "en-US,en;q=0.9", "en"],
    [undefined, "fr-FR,ar;q=0.5,en;q=0.4", "ar"],
    [undefined, "fr-FR", "ar"],
    [undefined, undefined, "ar"],
    ["xx", "en", "en"],
    [undefined, "ar;q=0,en;q=0.1", "en"],
  ])("explicit %s with Accept-Language %s gives %s", (explicit, header, expected) => {
    expect(negotiateLocale(explicit, header)).toBe(expected);
  });
});
