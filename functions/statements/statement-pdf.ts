import { LOCALES, type Locale } from "../../content/locales.ts";
import { DEFAULT_TIME_ZONE, gregorianDate, hijriDate } from "../../contract/dates.ts";
import { formatMoney } from "../../contract/money.ts";
import { fill, isolate, RECEIPT_WORDING } from "../../contract/receipts/wording.ts";
import type { CurrencyFigure, GivingStatement, HistoryItem } from "../../contract/views/account.ts";
import { PAGE, PdfWriter, type TextStyle } from "./pdf-writer.ts";
import { STATEMENT_WORDING } from "./wording.ts";

const BODY: TextStyle = { size: 9.5 };
const SMALL: TextStyle = { size: 8.5, color: "#444444" };
const HEADING: TextStyle = { size: 11.5, bold: true, color: "#0b5d4b" };
const LINE = 14;
const ROW_LINE = 11.5;
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** Footer space kept free at the bottom of every page for the page number. */
const BOTTOM = PAGE.height - PAGE.margin - 18;

/** Movement table columns, from the start edge (right in Arabic). */
const COLUMNS = [
  { key: "date", width: 78 },
  { key: "towards", width: 160 },
  { key: "designation", width: 70 },
  { key: "amount", width: 100, align: "end" },
  { key: "receipt", width: CONTENT_WIDTH - 408 },
] as const;

type ColumnKey = (typeof COLUMNS)[number]["key"];

/**
 * The donor's giving statement for one Gregorian or Hijri year as an A4 PDF, in Arabic (right to left)
 * or English. Pure: everything printed comes from the statement; fonts are read from disk once.
 */
export async function renderStatementPdf(statement: GivingStatement, locale: Locale): Promise<Uint8Array> {
  const words = STATEMENT_WORDING[locale];
  const receiptWords = RECEIPT_WORDING[locale];
  const intl = LOCALES[locale].intl;
  const yearLabel = fill(statement.calendar === "hijri" ? words.hijriYear : words.gregorianYear, {
    year: String(statement.year),
  });
  const councilName = statement.council.name[locale];
  const pdf = new PdfWriter(LOCALES[locale].dir, {
    title: `${words.title}: ${yearLabel}`,
    author: councilName,
  });
  const money = (figures: CurrencyFigure[]) =>
    figures
      .map((figure) => formatMoney({ value: figure.amount, currency: figure.currency }, intl))
      .join("   ");
  let y: number = PAGE.margin;

  const line = (text: string, style: TextStyle, height = LINE) => {
    for (const part of pdf.wrap(text, CONTENT_WIDTH, style)) {
      if (y + height > BOTTOM) y = newPage();
      pdf.text(part, { left: PAGE.margin, width: CONTENT_WIDTH, y }, style);
      y += height;
    }
  };
  const newPage = () => {
    pdf.doc.addPage();
    return PAGE.margin;
  };

  line(councilName, { size: 16, bold: true, color: "#0b5d4b" }, 22);
  line(
    fill(receiptWords.registration, {
      number: isolate(statement.council.registration.number),
      authority: statement.council.registration.authority[locale],
    }),
    SMALL,
  );
  y += 4;
  pdf.rule(y);
  y += 10;
  line(`${words.title}: ${yearLabel}`, { size: 14, bold: true }, 20);
  line(periodText(statement, locale), BODY);
  line(fill(words.donor, { name: isolate(statement.donor.name) }), BODY);
  y += 6;

  if (statement.items.length === 0 && statement.totals.byCurrency.length === 0) {
    line(words.nothing, { size: 11, bold: true }, 18);
  } else {
    line(words.totalsByCurrency, HEADING, 18);
    for (const figure of statement.totals.byCurrency) {
      const plural = new Intl.PluralRules(intl).select(figure.payments);
      const count = fill(words.payments[plural] ?? words.payments.other, {
        count: figure.payments.toLocaleString(intl),
      });
      line(`${money([figure])}   (${count})`, BODY);
    }
    y += 4;
    line(words.totalsByDesignation, HEADING, 18);
    for (const row of statement.totals.byDesignation) {
      line(`${receiptWords.designations[row.designation]}: ${money(row.figures)}`, BODY);
    }
    y += 4;
    line(words.totalsByInitiative, HEADING, 18);
    for (const row of statement.totals.byInitiative) {
      line(`${row.initiative?.title[locale] ?? receiptWords.generalFund}: ${money(row.figures)}`, BODY);
    }
    y += 8;
    line(words.movements, HEADING, 18);
    y = movementTable(pdf, statement, locale, y);
  }
  y += 6;
  if (statement.truncated) line(words.truncated, { ...BODY, bold: true });
  line(fill(words.generatedOn, { date: gregorianDate(locale, statement.generatedAt) }), SMALL);

  numberPages(pdf, words.page);
  return pdf.finish();
}

function periodText(statement: GivingStatement, locale: Locale): string {
  const words = STATEMENT_WORDING[locale];
  const { from, to } = statement.period;
  if (statement.calendar === "gregorian") {
    return fill(words.period, { from: gregorianDate(locale, from), to: gregorianDate(locale, to) });
  }
  return fill(words.hijriPeriod, {
    from: hijriDate(locale, from),
    to: hijriDate(locale, to),
    gregorianFrom: gregorianDate(locale, from),
    gregorianTo: gregorianDate(locale, to),
  });
}

function movementTable(pdf: PdfWriter, statement: GivingStatement, locale: Locale, top: number): number {
  const words = STATEMENT_WORDING[locale];
  const header = (y: number) => {
    const style: TextStyle = { size: 8.5, bold: true };
    cells(pdf, y, (key) => [words.columns[key]], style);
    pdf.rule(y + ROW_LINE + 2, "#0b5d4b");
    return y + ROW_LINE + 6;
  };
  let y = header(top);
  for (const item of statement.items) {
    const content = rowCells(item, statement, locale);
    const height = Math.max(...COLUMNS.map((column) => content(column.key).length)) * ROW_LINE + 5;
    if (y + height > BOTTOM) {
      pdf.doc.addPage();
      y = header(PAGE.margin);
    }
    cells(pdf, y, content, { size: 8.5 });
    y += height;
  }
  return y;
}

const shortDates = new Map<string, Intl.DateTimeFormat>();

/** Building a formatter costs far more than using one; a statement formats hundreds of dates. */
function shortDate(intl: string, calendar: string): Intl.DateTimeFormat {
  const key = `${intl}:${calendar}`;
  let format = shortDates.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intl, { dateStyle: "medium", timeZone: DEFAULT_TIME_ZONE, calendar });
    shortDates.set(key, format);
  }
  return format;
}

/** Each column's lines for one movement. */
function rowCells(
  item: HistoryItem,
  statement: GivingStatement,
  locale: Locale,
): (key: ColumnKey) => string[] {
  const words = STATEMENT_WORDING[locale];
  const receiptWords = RECEIPT_WORDING[locale];
  const intl = LOCALES[locale].intl;
  const date = (calendar: string) => shortDate(intl, calendar).format(new Date(item.at));
  const designation = [receiptWords.designations[item.designation]];
  if (item.interval === "month") designation.push(words.monthly);
  if (item.kind !== "payment") designation.push(words.kinds[item.kind]);
  const values: Record<ColumnKey, string[]> = {
    date: statement.calendar === "hijri" ? [date("islamic-umalqura"), date("gregory")] : [date("gregory")],
    towards: [item.initiative?.title[locale] ?? receiptWords.generalFund],
    designation,
    amount: [formatMoney({ value: item.signedAmount, currency: item.amount.currency }, intl)],
    receipt: item.receipt ? [item.receipt.number] : [],
  };
  return (key) => values[key];
}

function cells(pdf: PdfWriter, y: number, content: (key: ColumnKey) => string[], style: TextStyle): void {
  let offset = 0;
  for (const column of COLUMNS) {
    const width = column.width - 6;
    const lines = content(column.key).flatMap((text) => pdf.wrap(text, width, style));
    const align = "align" in column ? column.align : "start";
    lines.forEach((text, index) => {
      pdf.text(text, { left: pdf.boxLeft(offset, width), width, y: y + index * ROW_LINE, align }, style);
    });
    offset += column.width;
  }
}

/** "Page 2 of 5" on every page, once the page count is known (pdfkit buffers the pages). */
function numberPages(pdf: PdfWriter, template: string): void {
  const { start, count } = pdf.doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    pdf.doc.switchToPage(index);
    const text = fill(template, { page: String(index + 1), pages: String(count) });
    pdf.text(
      text,
      { left: PAGE.margin, width: CONTENT_WIDTH, y: PAGE.height - PAGE.margin, align: "center" },
      SMALL,
    );
  }
}
