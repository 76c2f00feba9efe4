import { describe, expect, it } from "vitest";
import { normalizeArabic } from "../../../content/arabic-normalize.ts";

describe("normalizeArabic", () => {
  it.each([
    ["مبادرة", "مبادره"],
    ["أسرة", "اسره"],
    ["الأسرة", "الاسره"],
    ["إطعام", "اطعام"],
    ["آمنة", "امنه"],
    ["مُستشفى", "مستشفي"],
    ["مسؤول", "مسوول"],
    ["رئيس", "رييس"],
    ["جزاءً", "جزا"],
    ["كـفـالة", "كفاله"],
    ["٢٠٢٦", "2026"],
    ["Orphan  CARE", "orphan care"],
  ])("folds %s and its variants to %s", (written, folded) => {
    expect(normalizeArabic(written)).toBe(folded);
  });

  it("gives every spelling of a word the same form", () => {
    const spellings = ["الأيتام", "الايتام", "الإيتام", "الأَيْتَام"];
    expect(new Set(spellings.map(normalizeArabic)).size).toBe(1);
  });
});
