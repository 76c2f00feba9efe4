import { describe, expect, it } from "vitest";
import type { FundingModel } from "../../../content/schema.ts";
import {
  type AdoptionTerms,
  adoptersParts,
  adoptionTermsOf,
  availabilityIssues,
  canAdopt,
  completingShare,
  partlyCoveredTexts,
  recurringPrice,
  unitCounterTexts,
  unitFiguresOr,
  unitsTotalText,
  wholeStatusText,
} from "../../../site/src/lib/adoption.ts";
import { adoptionStrings } from "../../../site/src/lib/adoption-strings.ts";

const en = adoptionStrings("en", "month");
const ar = adoptionStrings("ar", "month");
/** Arabic money carries right-to-left marks; Intl puts no-break spaces between amount and currency. */
const plain = (text: string) => text.replace(/\u200f/g, "").replace(/\u00a0/g, " ");

const orphans: AdoptionTerms = {
  initiativeId: "monthly-orphan-sponsorship",
  model: "units",
  interval: "month",
  unitPrice: { value: 30000, currency: "SAR" },
  total: 400,
  shareSizes: [10000, 15000, 20000],
};
const sar = (value: number) => ({ value, currency: "SAR" });

describe("the adoption terms of an initiative", () => {
  it("reads units (with their shares), a whole initiative as one unit, and nothing for open giving", () => {
    const funding: FundingModel = {
      model: "units",
      unitPrice: 30000,
      unitsTotal: 400,
      interval: "month",
      shareSizes: [10000, 15000, 20000],
    };
    expect(adoptionTermsOf({ id: "monthly-orphan-sponsorship", currency: "SAR", funding })).toEqual(orphans);
    expect(
      adoptionTermsOf({
        id: "kits",
        currency: "KWD",
        funding: { ...funding, shareSizes: undefined, interval: "once" },
      }),
    ).toMatchObject({
      model: "units",
      interval: "once",
      unitPrice: { value: 30000, currency: "KWD" },
      shareSizes: [],
    });
    expect(
      adoptionTermsOf({ id: "map", currency: "SAR", funding: { model: "whole", amount: 48000000 } }),
    ).toEqual({
      initiativeId: "map",
      model: "whole",
      interval: "once",
      unitPrice: sar(48000000),
      total: 1,
      shareSizes: [],
    });
    expect(
      adoptionTermsOf({ id: "open", currency: "SAR", funding: { model: "open", goal: 100 } }),
    ).toBeUndefined();
  });

  it("takes everything as free when the build has no figures", () => {
    expect(unitFiguresOr(orphans, undefined)).toEqual({ total: 400, adopted: 0, held: 0, free: 400 });
    const figures = { total: 400, adopted: 12, held: 3, free: 385 };
    expect(unitFiguresOr(orphans, figures)).toBe(figures);
  });
});

describe("the adoption counter's words", () => {
  it("counts adopted of total, held and free, with Latin digits in both languages", () => {
    const figures = { total: 1400, adopted: 1200, held: 3, free: 197 };
    expect(unitCounterTexts(figures, "en", en)).toEqual({
      adopted: "1,200 of 1,400",
      held: "3",
      free: "197",
    });
    expect(unitCounterTexts(figures, "ar", ar)).toEqual({
      adopted: "1,200 من 1,400",
      held: "3",
      free: "197",
    });
  });

  it("says whether a whole initiative is open, being adopted, or whose it is", () => {
    expect(wholeStatusText({ adopted: 0, held: 0 }, [], en)).toBe("Open for adoption");
    expect(wholeStatusText({ adopted: 0, held: 1 }, [], en)).toBe("Being adopted right now");
    const named = [{ name: "Al Noor Co.", units: 1, since: "2026-11-01T10:00:00Z" }];
    expect(wholeStatusText({ adopted: 1, held: 0 }, named, en)).toBe("Adopted by Al Noor Co.");
    const unnamed = [{ name: null, units: 1, since: "2026-11-01T10:00:00Z" }];
    expect(wholeStatusText({ adopted: 1, held: 0 }, unnamed, ar)).toBe("كفلها فاعل خير");
    // A built page knows it was adopted but names nobody: names are live data.
    expect(wholeStatusText({ adopted: 1, held: 0 }, undefined, en)).toBe("Adopted as a whole");
  });

  it("lists the adopters, newest first as given, a donor for those not named, and how many each adopted", () => {
    const adopters = [
      { name: "Fatimah A.", units: 1, since: "2026-11-03T10:00:00Z" },
      { name: null, units: 3, since: "2026-11-02T10:00:00Z" },
      { name: "شركة النور", units: 2, since: "2026-11-01T10:00:00Z" },
    ];
    const joined = (locale: "ar" | "en") =>
      adoptersParts(adopters, locale, locale === "ar" ? ar : en)
        .map((part) => part.value)
        .join("");
    expect(joined("en")).toBe("Fatimah A., a donor (3) and شركة النور (2)");
    expect(joined("ar")).toBe("Fatimah A. وفاعل خير (كفالات: 3) وشركة النور (كفالات: 2)");
    expect(adoptersParts(adopters, "en", en).filter((part) => part.type === "element")).toHaveLength(3);
    expect(adoptersParts([], "en", en)).toEqual([]);
  });

  it("says the adopters not named once, with how many they are, after the named ones", () => {
    const adopters = [
      { name: null, units: 1, since: "2026-11-04T10:00:00Z" },
      { name: "عبدالله ش.", units: 1, since: "2026-11-03T10:00:00Z" },
      { name: null, units: 2, since: "2026-11-02T10:00:00Z" },
      { name: null, units: 1, since: "2026-11-01T10:00:00Z" },
    ];
    const joined = (locale: "ar" | "en", list = adopters) =>
      adoptersParts(list, locale, locale === "ar" ? ar : en)
        .map((part) => part.value)
        .join("");
    expect(joined("ar")).toBe("عبدالله ش. و3 من فاعلي الخير");
    expect(joined("en")).toBe("عبدالله ش. and 3 donors");
    expect(joined("ar", adopters.filter(({ name }) => name === null).slice(0, 2))).toBe("2 من فاعلي الخير");
    expect(joined("ar")).not.toContain("فاعل خير وفاعل خير");
  });
});

describe("the adoption form's words", () => {
  it("shows the total of the units chosen, a month for monthly ones", () => {
    expect(plain(unitsTotalText(2, orphans, "en", en))).toBe("Total: 2 × SAR 300 = SAR 600 a month");
    expect(plain(unitsTotalText(2, orphans, "ar", ar))).toBe("المجموع: 2 × 300 ر.س. = 600 ر.س. شهريًا");
    const kits = { unitPrice: { value: 12500, currency: "KWD" } };
    expect(plain(unitsTotalText(3, kits, "en", adoptionStrings("en", "once")))).toBe(
      "Total: 3 × KWD 12.500 = KWD 37.500",
    );
    expect(plain(recurringPrice("en", sar(30000), "month", en))).toBe("SAR 300 a month");
    expect(plain(recurringPrice("en", sar(30000), "once", en))).toBe("SAR 300");
  });

  it("names the half-covered units and the share that completes one", () => {
    const partlyCovered = [
      { remaining: sar(10000), count: 1 },
      { remaining: sar(15000), count: 2 },
      { remaining: sar(20000), count: 0 },
    ];
    expect(partlyCoveredTexts(partlyCovered, "en", en).map(plain)).toEqual([
      "Partly sponsored now: 1. A share of SAR 100 completes one.",
      "Partly sponsored now: 2. A share of SAR 150 completes one.",
    ]);
    // Offered first: the share completing the most units; between equals, the smaller one.
    expect(completingShare({ shared: { shareSizes: orphans.shareSizes, partlyCovered } })).toBe(15000);
    expect(
      completingShare({
        shared: {
          shareSizes: orphans.shareSizes,
          partlyCovered: [
            { remaining: sar(15000), count: 2 },
            { remaining: sar(10000), count: 2 },
          ],
        },
      }),
    ).toBe(10000);
    expect(completingShare({})).toBeUndefined();
  });

  it("knows when nothing is left: no free unit and no half-covered one", () => {
    const shared = (count: number) => ({
      shareSizes: [15000],
      partlyCovered: [{ remaining: sar(15000), count }],
    });
    expect(canAdopt({ free: 1 })).toBe(true);
    expect(canAdopt({ free: 0 })).toBe(false);
    expect(canAdopt({ free: 0, shared: shared(1) })).toBe(true);
    expect(canAdopt({ free: 0, shared: shared(0) })).toBe(false);
  });

  it("checks what is free before posting: no more whole units than are free, only allowed shares", () => {
    expect(availabilityIssues({ units: 3 }, orphans, { free: 3 })).toEqual([]);
    expect(availabilityIssues({ units: 4 }, orphans, { free: 3 })).toEqual([
      { field: "units", code: "units_unavailable", params: { free: 3 } },
    ]);
    // A share may complete a half-covered unit even when no unit is free: the API decides.
    expect(availabilityIssues({ units: 1, share: 15000 }, orphans, { free: 0 })).toEqual([]);
    expect(availabilityIssues({ units: 1, share: 12500 }, orphans, { free: 10 })).toEqual([
      { field: "share", code: "share_invalid" },
    ]);
  });
});
