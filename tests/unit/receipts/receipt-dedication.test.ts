import { describe, expect, it } from "vitest";
import { renderDedicationCard } from "../../../functions/receipts/dedication-email.ts";
import { council } from "../../support/receipts.ts";

const notify = { name: "Sarah Al-Qahtani", email: "sarah@example.org" };

function card(locale: "ar" | "en", kind: "honor" | "memory", fund = { kind: "general" } as const) {
  return renderDedicationCard({
    locale,
    donationId: "don_01JDEDICATED",
    dedication: { kind, name: "Umm Salim", notify },
    donorName: "Khalid Al-Harbi",
    fund,
    council,
  });
}

const WORDS = {
  ar: { honor: "إهداءً إلى", memory: "إحياءً لذكرى", general: "الصندوق العام للمجلس" },
  en: { honor: "in honour of", memory: "in memory of", general: "The council's general fund" },
} as const;

describe.each(["ar", "en"] as const)("the dedication card in %s", (locale) => {
  it.each(["honor", "memory"] as const)(
    "tells the recipient of a gift %s of the person, by the donor",
    (kind) => {
      const email = card(locale, kind);
      expect(email).toMatchObject({
        id: "dedication-don_01JDEDICATED",
        kind: "dedication",
        locale,
        to: notify,
      });
      expect(email.subject.toLowerCase()).toContain(WORDS[locale][kind].toLowerCase());
      for (const part of [email.text, email.html]) {
        expect(part).toContain("Umm Salim");
        expect(part).toContain("Khalid Al-Harbi");
        expect(part).toContain("Sarah Al-Qahtani");
        expect(part).toContain(WORDS[locale][kind]);
        expect(part).toContain(council.name[locale]);
      }
      expect(email.html).toMatch(
        new RegExp(`<html lang="${locale}" dir="${locale === "ar" ? "rtl" : "ltr"}">`),
      );
    },
  );

  it("names where the gift went, never how much it was", () => {
    const general = card(locale, "honor");
    expect(general.text).toContain(WORDS[locale].general);
    const initiative = card(locale, "memory", {
      kind: "initiative",
      initiativeId: "monthly-orphan-sponsorship",
      title: { ar: "الكفالة الشهرية لليتيم", en: "Monthly orphan sponsorship" },
    } as never);
    expect(initiative.text).toContain(
      locale === "ar" ? "الكفالة الشهرية لليتيم" : "Monthly orphan sponsorship",
    );
    for (const part of [general.text, general.html, initiative.text, initiative.subject]) {
      expect(part).not.toMatch(/SAR|KWD|ر\.س|د\.ك|\d+\.\d{2}/);
    }
  });
});
