import { describe, expect, it } from "vitest";
import { renderStatementPdf } from "../../../functions/statements/statement-pdf.ts";
import { givingStatement, movement, readPdf } from "../../support/statement-pdf.ts";

describe("statement PDF", () => {
  it("prints an Arabic statement whose text reads back in logical order, with every figure", async () => {
    const pdf = await readPdf(await renderStatementPdf(givingStatement(), "ar"), "rtl");
    expect(pdf.pages).toBe(1);
    const text = pdf.text[0] as string;
    for (const phrase of [
      "مجلس الجمعيات الخيرية",
      "CR-20417",
      "وزارة الشؤون",
      "كشف التبرعات السنوي",
      "فاطمة الصباح",
      "زكاة",
      "صدقة",
      "كفالة يتيم",
      "استرداد",
      "صفحة 1 من 1",
    ]) {
      expect(text).toContain(phrase);
    }
    // KWD has three decimals; the refund is negative; receipt numbers keep their digit order.
    for (const figure of [
      "37.500",
      "25.000",
      "12.500",
      "-12.500",
      "1,500.00",
      "2026-000117",
      "2026-000777",
    ]) {
      expect(text).toContain(figure);
    }
    expect(text).not.toContain("000117-2026");
    expect(text).toContain("2026");
  });

  it("lays out mixed lines right to left: the Arabic start of a line is right of the Latin number inside it", async () => {
    const pdf = await readPdf(await renderStatementPdf(givingStatement(), "ar"), "rtl");
    const items = pdf.items[0] ?? [];
    const number = items.find((item) => item.str.includes("CR-20417"));
    const before = items.find((item) => item.str.includes("برقم") && item.y === number?.y);
    const after = items.find((item) => item.str.includes("لدى") && item.y === number?.y);
    expect(number && before && after).toBeTruthy();
    // "مسجّل برقم CR-20417 لدى …": read right to left, so the words before the number sit to its right.
    expect(before?.x).toBeGreaterThan(number?.x ?? Number.POSITIVE_INFINITY);
    expect(after?.x).toBeLessThan(number?.x ?? Number.NEGATIVE_INFINITY);
  });

  it("prints an English statement, left to right, with the same figures", async () => {
    const pdf = await readPdf(await renderStatementPdf(givingStatement(), "en"));
    const text = pdf.text[0] as string;
    for (const phrase of [
      "Council of Arab Charities",
      "Registration no. CR-20417, Ministry of Social Affairs",
      "Annual giving statement: Year 2026",
      "Period 1 January 2026 to 31 December 2026",
      "Zakat: KWD 25.000",
      "Orphan sponsorship",
      "The council's general fund",
      "KWD 37.500 (3 payments)",
      "SAR 1,500.00 (1 payment)",
      "-KWD 12.500",
      "Refund",
      "SAR 1,500.00",
      "2026-000342",
      "Page 1 of 1",
    ]) {
      expect(text).toContain(phrase);
    }
    // The donor's Arabic name inside an English line still reads in logical order.
    expect(text).toContain("فاطمة الصباح");
    const items = pdf.items[0] ?? [];
    const title = items.find((item) => item.str.startsWith("Annual giving statement"));
    const councilLeft = items.find((item) => item.str === "Council of Arab Charities");
    expect(title?.x).toBeCloseTo(councilLeft?.x ?? 0, 0);
  });

  it("states a Hijri year with its Hijri and Gregorian dates", async () => {
    const statement = givingStatement({
      calendar: "hijri",
      year: 1447,
      period: { from: "2025-06-26", to: "2026-06-15" },
    });
    const english = (await readPdf(await renderStatementPdf(statement, "en"))).text[0] as string;
    expect(english).toContain("Year 1447 AH");
    expect(english).toContain("1 Muharram 1447 AH");
    expect(english).toContain("26 June 2025");
    expect(english).toContain("15 June 2026");
    const arabic = (await readPdf(await renderStatementPdf(statement, "ar"), "rtl")).text[0] as string;
    expect(arabic).toContain("1447");
    expect(arabic).toContain("محرم");
    expect(arabic).toContain("يونيو");
  });

  it("adds pages as the movements grow, numbering each page out of the total", async () => {
    const items = Array.from({ length: 150 }, (_, index) =>
      movement({
        at: new Date(Date.UTC(2026, 0, 1) + index * 2 * 86_400_000).toISOString(),
        designation: "zakat",
        receipt: `2026-${String(index + 1).padStart(6, "0")}`,
      }),
    );
    const short = await readPdf(
      await renderStatementPdf(givingStatement({ items: items.slice(0, 5) }), "en"),
    );
    const long = await readPdf(await renderStatementPdf(givingStatement({ items }), "en"));
    expect(short.pages).toBe(1);
    expect(long.pages).toBeGreaterThanOrEqual(3);
    long.text.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} of ${long.pages}`);
      // The table's header is repeated on every page the table runs over.
      if (index > 0 && index < long.pages - 1) expect(page).toContain("Receipt");
    });
    const all = long.text.join(" ");
    expect(all).toContain("2026-000001");
    expect(all).toContain("2026-000150");
  });

  it("says when the list is cut short, and only then", async () => {
    const note = "This statement lists only part of the year's movements";
    const truncated = await readPdf(await renderStatementPdf(givingStatement({ truncated: true }), "en"));
    const whole = await readPdf(await renderStatementPdf(givingStatement(), "en"));
    expect(truncated.text.join(" ")).toContain(note);
    expect(whole.text.join(" ")).not.toContain(note);
    const arabic = await readPdf(await renderStatementPdf(givingStatement({ truncated: true }), "ar"), "rtl");
    expect(arabic.text.join(" ")).toContain("يعرض هذا الكشف");
  });

  it("says so when the year has no gifts", async () => {
    const empty = givingStatement({
      items: [],
      totals: { byCurrency: [], byDesignation: [], byInitiative: [] },
    });
    const english = await readPdf(await renderStatementPdf(empty, "en"));
    expect(english.text[0]).toContain("No gifts are recorded in this period.");
    expect(english.text[0]).not.toContain("Movements");
    const arabic = await readPdf(await renderStatementPdf(empty, "ar"), "rtl");
    // (pdf.js reads the lam-alef ligature of "لا" back as "ال": its right-to-left reversal flips the two
    // letters one glyph stands for, so the phrase is checked after it.)
    expect(arabic.text[0]).toContain("توجد تبرعات مسجّلة في هذه الفترة");
  });

  it("prints the generation date", async () => {
    const pdf = await readPdf(await renderStatementPdf(givingStatement(), "en"));
    expect(pdf.text[0]).toContain("Statement generated on 23 November 2026.");
  });
});
