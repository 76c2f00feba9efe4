import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { Locale } from "../../content/locales.ts";
import type { ExportColumn, ExportFormat, ExportRow, ExportTable } from "../../contract/finance/exports.ts";
import { minorDigits } from "../../contract/money.ts";
import { decimalAmount, majorNumber, neutraliseFormula } from "./cells.ts";

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

const currencyOf = (column: ExportColumn, row: ExportRow) =>
  column.currencyKey ? String(row[column.currencyKey] ?? "") : "";

/** A cell as CSV text: amounts in major units with the currency's digits, donor text guarded. */
function csvCell(column: ExportColumn, row: ExportRow): string {
  const value = row[column.key];
  if (value === undefined || value === "") return "";
  switch (column.kind) {
    case "amount":
      return decimalAmount(Number(value), currencyOf(column, row));
    case "minor":
    case "count":
    case "day":
    case "instant":
      return String(value);
    default:
      // Donors', staff's and Stripe's text alike: any of it could be made to look like a formula.
      return neutraliseFormula(String(value));
  }
}

/**
 * RFC 4180 CSV that Excel opens with Arabic intact: UTF-8 with a byte-order mark (without it Excel reads
 * the file in the system's code page), CRLF line ends, fields quoted when they hold a comma, quote or
 * line break.
 */
export function writeCsv(table: ExportTable, locale: Locale): Buffer {
  const header = table.columns.map((column) => column.header[locale]);
  const rows = table.rows.map((row) => table.columns.map((column) => csvCell(column, row)));
  // Every text cell quoted: a spreadsheet that splits on `;` or `،` instead of `,` still sees one cell.
  return Buffer.from(
    stringify([header, ...rows], { bom: true, record_delimiter: "\r\n", quoted_string: true }),
    "utf8",
  );
}

const numberFormat = (currency: string) => {
  const digits = minorDigits(currency);
  return `#,##0${digits ? `.${"0".repeat(digits)}` : ""}" ${currency}"`;
};

/**
 * A worksheet whose amounts are numbers (formatted with the currency's digits and code, so sums work),
 * minor units and counts integers, the header row frozen, and the sheet right-to-left in Arabic.
 */
export async function writeXlsx(table: ExportTable, locale: Locale, sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Athar";
  const sheet = workbook.addWorksheet(sheetName, {
    views: [{ state: "frozen", ySplit: 1, rightToLeft: locale === "ar" }],
  });
  sheet.columns = table.columns.map((column) => ({
    header: column.header[locale],
    key: column.key,
    width: Math.max(12, column.header[locale].length + 4),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    const added = sheet.addRow({});
    table.columns.forEach((column, index) => {
      const value = row[column.key];
      if (value === undefined || value === "") return;
      const cell = added.getCell(index + 1);
      if (column.kind === "amount") {
        const currency = currencyOf(column, row);
        cell.value = majorNumber(Number(value), currency);
        cell.numFmt = numberFormat(currency);
      } else if (column.kind === "minor" || column.kind === "count") {
        cell.value = Number(value);
        cell.numFmt = "0";
      } else if (column.kind === "day" || column.kind === "instant") {
        // A real date, so the sheet sorts and filters by it; Excel keeps no zone, the header says UTC.
        const day = column.kind === "day";
        cell.value = new Date(day ? `${value}T00:00:00Z` : String(value));
        cell.numFmt = day ? "yyyy-mm-dd" : "yyyy-mm-dd hh:mm";
      } else {
        cell.value = neutraliseFormula(String(value));
      }
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
