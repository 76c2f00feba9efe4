/** The finance API's periods, and the console's default one. */

/** A period as the finance API takes it: Gregorian days, or Hijri (Umm al-Qura) months. */
export type Period =
  | { calendar: "gregorian"; from: string; to: string }
  | { calendar: "hijri"; from: string; to: string };

export const periodQuery = (period: Period): Record<string, string> =>
  period.calendar === "gregorian"
    ? { from: period.from, to: period.to }
    : { hijriFrom: period.from, hijriTo: period.to };

/** Today in the browser's own time zone (staff work in the council's), as yyyy-mm-dd. */
function today(now = new Date()): string {
  const two = (value: number) => String(value).padStart(2, "0");
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

/** This Hijri month (yyyy-mm) by Umm al-Qura, as Intl knows it. */
export function thisHijriMonth(now = new Date()): string {
  const parts = new Intl.DateTimeFormat("en-u-ca-islamic-umalqura-nu-latn", {
    year: "numeric",
    month: "numeric",
  }).formatToParts(now);
  const part = (type: string) => parts.find((each) => each.type === type)?.value ?? "";
  return `${part("year").replace(/\D/g, "")}-${part("month").padStart(2, "0")}`;
}

/** The current month so far, in the chosen calendar. */
export function defaultPeriod(calendar: Period["calendar"] = "gregorian", now = new Date()): Period {
  if (calendar === "hijri") {
    const month = thisHijriMonth(now);
    return { calendar, from: month, to: month };
  }
  return { calendar, from: `${today(now).slice(0, 8)}01`, to: today(now) };
}
