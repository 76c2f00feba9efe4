import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { COLUMNS, type ExportTable } from "../../../contract/finance/exports.ts";
import { resolveRange } from "../../../functions/domain/finance/exports/range.ts";
import { councilDay, decimalAmount, hijriDay, neutraliseFormula } from "../../../functions/exports/cells.ts";
import { writeCsv, writeXlsx } from "../../../functions/exports/writers.ts";

const table: ExportTable = {
  columns: COLUMNS.donations,
  rows: [
    {
      date: "2026-11-23",
      at: "2026-11-23T09:15:00.000Z",
      donorName: 'فاطمة، "أم علي"',
      donorEmail: '=HYPERLINK("http://evil")',
      designation: "زكاة",
      amount: 10050,
      amountMinor: 10050,
      currency: "SAR",
    },
    {
      date: "2026-11-24",
      donorName: "+966 test",
      donorEmail: "@sum",
      amount: 12345,
      amountMinor: 12345,
      currency: "KWD",
    },
    { date: "2026-11-25", donorName: "-1+2", amount: -500, amountMinor: -500, currency: "JPY" },
  ],
};

describe("amounts and dates in exports", () => {
  it("write minor units as major-unit decimals with the currency's own digits, without floating point", () => {
    expect(decimalAmount(10050, "SAR")).toBe("100.50");
    expect(decimalAmount(12345, "KWD")).toBe("12.345");
    expect(decimalAmount(5, "BHD")).toBe("0.005");
    expect(decimalAmount(-500, "JPY")).toBe("-500");
    expect(decimalAmount(-7, "USD")).toBe("-0.07");
    expect(decimalAmount(99_999_999, "OMR")).toBe("99999.999");
  });

  it("date an instant by the council's day and its Umm al-Qura date", () => {
    // 22:30 UTC on 19 March 2026 is already 20 March in Riyadh: 1 Shawwal 1447.
    expect(councilDay("2026-03-19T22:30:00Z", "Asia/Riyadh")).toBe("2026-03-20");
    expect(hijriDay("2026-03-19T22:30:00Z", "Asia/Riyadh")).toBe("1447-10-01");
    expect(councilDay("2026-03-19T22:30:00Z", "UTC")).toBe("2026-03-19");
  });

  it("prefix text that a spreadsheet would run as a formula, or split on a list separator of any locale", () => {
    for (const text of [
      "=1+1",
      "+1",
      "-1",
      "@A1",
      "\tx",
      "\rx",
      "\nx",
      ';=HYPERLINK("x")',
      ",=1",
      "،=1",
      "؛=1",
      "|=1",
      " =1+1",
      "\u00a0=1",
      "＝1+1",
      "＋1",
      "＠A1",
    ])
      expect(neutraliseFormula(text), JSON.stringify(text)).toBe(`'${text}`);
    expect(neutraliseFormula("فاطمة")).toBe("فاطمة");
    expect(neutraliseFormula("a=b")).toBe("a=b");
    expect(neutraliseFormula("TG-2026-1")).toBe("TG-2026-1");
  });
});

describe("the CSV writer", () => {
  const bytes = writeCsv(table, "ar");
  const text = bytes.toString("utf8");

  it("starts with a UTF-8 byte-order mark and ends every record with CRLF", () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = text.slice(1);
    expect(body.endsWith("\r\n")).toBe(true);
    expect(body.split("\r\n")).toHaveLength(table.rows.length + 2);
    expect(body.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
  });

  it("quotes every text cell, so a spreadsheet splitting on ; or ، sees no separator outside a cell", () => {
    const unquoted = text.slice(1).replace(/"(?:[^"]|"")*"/g, "");
    expect(unquoted).toMatch(/^[\d.,\-\r\n]*$/);
    const guarded = writeCsv(
      { ...table, rows: [{ ...table.rows[0], donorName: 'علي;=HYPERLINK("x")' }] },
      "ar",
    );
    expect(guarded.toString("utf8")).toContain('"علي;=HYPERLINK(""x"")"');
  });

  it("quotes as RFC 4180 says, keeps Arabic intact and writes headers in the chosen language", () => {
    const records = parse(text, { bom: true, record_delimiter: "\r\n" }) as string[][];
    const header = records[0] as string[];
    expect(header).toEqual(COLUMNS.donations.map((column) => column.header.ar));
    const column = (name: string) =>
      header.indexOf(COLUMNS.donations.find((c) => c.key === name)?.header.ar ?? "");
    expect(records[1]?.[column("donorName")]).toBe('فاطمة، "أم علي"');
    expect(records[1]?.[column("designation")]).toBe("زكاة");
    expect(text).toContain('"فاطمة، ""أم علي"""');
    expect(records[1]?.[column("amount")]).toBe("100.50");
    expect(records[1]?.[column("amountMinor")]).toBe("10050");
    expect(records[2]?.[column("amount")]).toBe("12.345");
    expect(records[3]?.[column("amount")]).toBe("-500");
    // Formula injection: donor text is prefixed, amounts (which may be negative) are not.
    expect(records[1]?.[column("donorEmail")]).toBe('\'=HYPERLINK("http://evil")');
    expect(records[2]?.[column("donorName")]).toBe("'+966 test");
    expect(records[2]?.[column("donorEmail")]).toBe("'@sum");
    expect(records[3]?.[column("donorName")]).toBe("'-1+2");
    expect(writeCsv(table, "en").toString("utf8")).toContain("Donor name");
  });
});

describe("the XLSX writer", () => {
  it("writes amounts as numbers with the currency's format, freezes the header and turns the sheet RTL in Arabic", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(await writeXlsx(table, "ar", "التبرعات")).buffer);
    const sheet = workbook.getWorksheet("التبرعات");
    expect(sheet).toBeDefined();
    if (!sheet) return;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1, rightToLeft: true });
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(COLUMNS.donations.map((column) => column.header.ar));
    const col = (key: string) => COLUMNS.donations.findIndex((column) => column.key === key) + 1;
    expect(sheet.getRow(2).getCell(col("amount")).value).toBe(100.5);
    expect(sheet.getRow(2).getCell(col("amount")).numFmt).toBe('#,##0.00" SAR"');
    expect(sheet.getRow(3).getCell(col("amount")).value).toBe(12.345);
    expect(sheet.getRow(3).getCell(col("amount")).numFmt).toBe('#,##0.000" KWD"');
    expect(sheet.getRow(4).getCell(col("amount")).value).toBe(-500);
    expect(sheet.getRow(2).getCell(col("amountMinor")).value).toBe(10050);
    expect(sheet.getRow(2).getCell(col("donorName")).value).toBe('فاطمة، "أم علي"');
    expect(sheet.getRow(2).getCell(col("donorEmail")).value).toBe('\'=HYPERLINK("http://evil")');
    // Dates are dates, not text: the council's day, and the instant in UTC.
    expect(sheet.getRow(2).getCell(col("date")).value).toEqual(new Date("2026-11-23T00:00:00Z"));
    expect(sheet.getRow(2).getCell(col("date")).numFmt).toBe("yyyy-mm-dd");
    expect(sheet.getRow(2).getCell(col("at")).value).toEqual(new Date("2026-11-23T09:15:00Z"));
    expect(sheet.getRow(2).getCell(col("at")).numFmt).toBe("yyyy-mm-dd hh:mm");
    const english = new ExcelJS.Workbook();
    await english.xlsx.load(Uint8Array.from(await writeXlsx(table, "en", "Donations")).buffer);
    expect(english.getWorksheet("Donations")?.views[0]).toMatchObject({ rightToLeft: false });
  });
});

describe("an export's period", () => {
  it("takes Gregorian dates as they are, one date as a one-day period", () => {
    expect(resolveRange({ from: "2026-11-01", to: "2026-11-30" })).toEqual({
      from: "2026-11-01",
      to: "2026-11-30",
    });
    expect(resolveRange({ from: "2026-11-05" })).toEqual({ from: "2026-11-05", to: "2026-11-05" });
  });

  it("turns Hijri months into the days they cover (Umm al-Qura)", () => {
    // Ramadan 1447 ran from 18 February to 19 March 2026; Shawwal began on 20 March.
    expect(resolveRange({ hijriFrom: "1447-09", hijriTo: "1447-09" })).toEqual({
      from: "2026-02-18",
      to: "2026-03-19",
      hijriFrom: "1447-09",
      hijriTo: "1447-09",
    });
    const across = resolveRange({ hijriFrom: "1447-12", hijriTo: "1448-01" });
    expect(hijriDay(`${across.from}T12:00:00Z`, "UTC")).toBe("1447-12-01");
    expect(hijriDay(`${across.to}T12:00:00Z`, "UTC")).toMatch(/^1448-01-(29|30)$/);
  });

  it("refuses a mix of calendars, none, a period that ends first, impossible dates and months", () => {
    const codeOf = (request: Parameters<typeof resolveRange>[0]) => {
      try {
        resolveRange(request);
      } catch (error) {
        return (error as { details?: { code: string }[] }).details?.[0]?.code;
      }
      return undefined;
    };
    expect(codeOf({})).toBe("export_range_required");
    expect(codeOf({ from: "2026-11-01", hijriFrom: "1447-09" })).toBe("export_range_required");
    expect(codeOf({ from: "2026-11-30", to: "2026-11-01" })).toBe("export_range_invalid");
    expect(codeOf({ from: "2026-02-30" })).toBe("field_invalid");
    expect(codeOf({ hijriFrom: "1447-13" })).toBe("field_invalid");
    expect(codeOf({ from: "2010-01-01", to: "2026-01-01" })).toBe("export_range_too_long");
  });
});
