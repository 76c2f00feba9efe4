import { minorDigits } from "../../contract/money.ts";

/**
 * How an export states amounts and dates: amounts as decimal strings in major units with the currency's
 * own digits (KWD three), computed from integer minor units without floating point; dates as the
 * council's calendar day (ISO) and the same day in the Umm al-Qura calendar (`1447-05-12`).
 */
export function decimalAmount(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const text = String(Math.abs(minor)).padStart(digits + 1, "0");
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** The major-unit number a spreadsheet sums (its number format shows the currency's digits). */
export function majorNumber(minor: number, currency: string): number {
  return Number(decimalAmount(minor, currency));
}

/**
 * Text can start a formula when a spreadsheet opens the file (CSV injection), or start with a separator
 * that an Arabic or European list setting splits on (`;`, `،`, `؛`, `|`), putting what follows at the start
 * of a cell of its own: such a cell is prefixed with an apostrophe, which Excel and LibreOffice show as
 * text and never evaluate. Spaces before a formula sign and full-width signs count too. (The CSV writer
 * also quotes every text cell, so a separator inside one splits nothing.)
 */
const FORMULA_START = /^[\s\u00a0]*[=+\-@\t\r\n;,|\u060c\u061b\uff1d\uff0b\uff0d\uff20]/u;
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

const dayFormatters = new Map<string, { gregorian: Intl.DateTimeFormat; hijri: Intl.DateTimeFormat }>();

function formattersFor(timeZone: string) {
  let found = dayFormatters.get(timeZone);
  if (!found) {
    const options = { timeZone, year: "numeric", month: "2-digit", day: "2-digit" } as const;
    found = {
      gregorian: new Intl.DateTimeFormat("en-u-ca-gregory-nu-latn", options),
      hijri: new Intl.DateTimeFormat("en-u-ca-islamic-umalqura-nu-latn", options),
    };
    dayFormatters.set(timeZone, found);
  }
  return found;
}

function isoDay(format: Intl.DateTimeFormat, date: Date): string {
  const parts = format.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  // The Hijri formatter's year carries no era in `en`; padStart keeps years below 1000 sortable.
  return `${part("year").replace(/\D/g, "").padStart(4, "0")}-${part("month")}-${part("day")}`;
}

/** The calendar day (`2026-11-23`) an instant falls on in the council's time zone. */
export function councilDay(at: string, timeZone: string): string {
  return isoDay(formattersFor(timeZone).gregorian, new Date(at));
}

/** The same day in the Umm al-Qura calendar (`1448-06-02`). */
export function hijriDay(at: string, timeZone: string): string {
  return isoDay(formattersFor(timeZone).hijri, new Date(at));
}
