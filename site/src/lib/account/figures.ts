/**
 * How the account pages write amounts, counts and years. Amounts keep every digit of their currency
 * (KWD 12.500), as receipts do: a donor compares them with their card statement.
 */
import { LOCALES, type Locale } from "../../../../content/locales.ts";
import { formatMoney, type Money } from "../../../../contract/money.ts";
import type { CurrencyFigure, DashboardTotals } from "../../../../contract/views/account.ts";

export type YearCalendar = "gregorian" | "hijri";

/** A UI string with its `{name}` placeholders filled in (the pages pass their strings to the scripts). */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
}

export function amountText(locale: Locale, money: Money): string {
  return formatMoney(money, LOCALES[locale].intl);
}

/** Several currencies side by side ("SAR 150.00 · KWD 12.500"); a dash when there is nothing. */
export function figuresText(locale: Locale, figures: CurrencyFigure[]): string {
  if (figures.length === 0) return "–";
  return figures
    .map((figure) => amountText(locale, { value: figure.amount, currency: figure.currency }))
    .join(" · ");
}

export function countText(locale: Locale, value: number): string {
  return new Intl.NumberFormat(LOCALES[locale].intl).format(value);
}

/** The payments behind the figures (a refund takes money back but not the payment away). */
export function paymentsOf(figures: CurrencyFigure[]): number {
  return figures.reduce((sum, figure) => sum + figure.payments, 0);
}

/** A year in the chosen calendar: "2026", or "1448 AH" / "1448 هـ" from the locale's template. */
export function yearLabel(year: number, calendar: YearCalendar, hijriTemplate: string): string {
  return calendar === "hijri" ? fillTemplate(hijriTemplate, { year: String(year) }) : String(year);
}

/** The yearly totals in one calendar, newest year first. */
export function yearRows(
  totals: DashboardTotals,
  calendar: YearCalendar,
  hijriTemplate: string,
): { label: string; figures: CurrencyFigure[] }[] {
  const years = calendar === "hijri" ? totals.byHijriYear : totals.byGregorianYear;
  return [...years]
    .sort((a, b) => b.year - a.year)
    .map((entry) => ({ label: yearLabel(entry.year, calendar, hijriTemplate), figures: entry.figures }));
}

/** This year in the calendar, in the council's time zone (the default year of the giving statement). */
export function currentYear(calendar: YearCalendar, now: Date, timeZone = "Asia/Riyadh"): number {
  const tag = calendar === "hijri" ? "en-u-ca-islamic-umalqura-nu-latn" : "en-u-ca-gregory-nu-latn";
  const parts = new Intl.DateTimeFormat(tag, { year: "numeric", timeZone }).formatToParts(now);
  return Number(parts.find((part) => part.type === "year")?.value);
}
