import { LOCALES, type Locale } from "../content/locales.ts";

/** Receipts state dates in the council's time zone, so a gift at 01:30 in Riyadh is dated that day. */
export const DEFAULT_TIME_ZONE = "Asia/Riyadh";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A plain date (`2026-03-01`) names a calendar day and is read in UTC so no time zone moves it; an
 * instant (`2026-03-19T22:30:00Z`) is placed in the council's time zone.
 */
function placed(iso: string, timeZone: string): { date: Date; timeZone: string } {
  return DATE_ONLY.test(iso)
    ? { date: new Date(`${iso}T00:00:00Z`), timeZone: "UTC" }
    : { date: new Date(iso), timeZone };
}

function format(locale: Locale, iso: string, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  const { date, timeZone: zone } = placed(iso, timeZone);
  return new Intl.DateTimeFormat(LOCALES[locale].intl, { ...options, timeZone: zone }).format(date);
}

/** "20 March 2026": Gregorian, with Latin digits in Arabic too. */
export function gregorianDate(locale: Locale, iso: string, timeZone = DEFAULT_TIME_ZONE): string {
  return format(locale, iso, timeZone, { dateStyle: "long" });
}

/** "1 Shawwal 1447 AH": the Umm al-Qura calendar Saudi institutions use. */
export function hijriDate(locale: Locale, iso: string, timeZone = DEFAULT_TIME_ZONE): string {
  return format(locale, iso, timeZone, { dateStyle: "long", calendar: "islamic-umalqura" });
}

/** Both calendars, as the site shows them: "20 March 2026 (1 Shawwal 1447 AH)". */
export function dualDate(locale: Locale, iso: string, timeZone = DEFAULT_TIME_ZONE): string {
  return `${gregorianDate(locale, iso, timeZone)} (${hijriDate(locale, iso, timeZone)})`;
}

/** "March 2026": the month a monthly charge pays for. */
export function monthOf(locale: Locale, iso: string, timeZone = DEFAULT_TIME_ZONE): string {
  return format(locale, iso, timeZone, { month: "long", year: "numeric" });
}
