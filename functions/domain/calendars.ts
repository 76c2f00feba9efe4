/**
 * Where an instant falls in the council's calendars: the Gregorian year and month, and the Hijri
 * (islamic-umalqura, the calendar Saudi institutions use) year and month, both in the council's time zone.
 */
export interface CalendarPlace {
  gYear: number;
  /** `2026-11` */
  gMonth: string;
  /** `2026-11-23`: the council's calendar day (fund balances are kept per day). */
  gDate: string;
  hYear: number;
  /** 1 (Muharram) to 12 (Dhu al-Hijjah). */
  hMonth: number;
}

const formatters = new Map<
  string,
  { gregorian: Intl.DateTimeFormat; hijri: Intl.DateTimeFormat; day: Intl.DateTimeFormat }
>();

function formattersFor(timeZone: string) {
  let found = formatters.get(timeZone);
  if (!found) {
    const options = { timeZone, year: "numeric", month: "numeric" } as const;
    found = {
      gregorian: new Intl.DateTimeFormat("en-u-ca-gregory-nu-latn", options),
      hijri: new Intl.DateTimeFormat("en-u-ca-islamic-umalqura-nu-latn", options),
      // en-CA formats as yyyy-mm-dd.
      day: new Intl.DateTimeFormat("en-CA-u-ca-gregory-nu-latn", {
        ...options,
        day: "2-digit",
        month: "2-digit",
      }),
    };
    formatters.set(timeZone, found);
  }
  return found;
}

function yearAndMonth(format: Intl.DateTimeFormat, date: Date): { year: number; month: number } {
  const parts = format.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part("year"), month: part("month") };
}

export function calendarPlace(at: string | Date, timeZone: string): CalendarPlace {
  const date = typeof at === "string" ? new Date(at) : at;
  const { gregorian, hijri, day } = formattersFor(timeZone);
  const g = yearAndMonth(gregorian, date);
  const h = yearAndMonth(hijri, date);
  return {
    gYear: g.year,
    gMonth: `${g.year}-${String(g.month).padStart(2, "0")}`,
    gDate: day.format(date),
    hYear: h.year,
    hMonth: h.month,
  };
}

const DAY_MS = 86_400_000;
/** A Hijri year is 354 or 355 days; this many days from a first estimate always reaches its first day. */
const SEARCH_DAYS = 40;

/** The Hijri year a calendar day (a Gregorian date, time zone aside) belongs to. */
function hijriYearOfDay(day: Date): number {
  return calendarPlace(day, "UTC").hYear;
}

/** The Gregorian date (`yyyy-mm-dd`) of 1 Muharram of a Hijri year. */
function firstDayOfHijriYear(year: number): Date {
  // The Hijri epoch (16 July 622) plus the mean year, then days forward or back to the boundary.
  const estimate = Date.UTC(622, 6, 16, 12) + (year - 1) * 354.367 * DAY_MS;
  let day = new Date(estimate - SEARCH_DAYS * DAY_MS);
  for (let step = 0; step < 2 * SEARCH_DAYS && hijriYearOfDay(day) < year; step += 1) {
    day = new Date(day.getTime() + DAY_MS);
  }
  if (hijriYearOfDay(day) !== year) throw new Error(`No first day found for Hijri year ${year}`);
  return day;
}

const isoDate = (day: Date) => day.toISOString().slice(0, 10);

/** The first and last day of a year (inclusive ISO dates), as they fall in the council's calendar. */
export function yearPeriod(calendar: "gregorian" | "hijri", year: number): { from: string; to: string } {
  if (calendar === "gregorian") return { from: `${year}-01-01`, to: `${year}-12-31` };
  const next = firstDayOfHijriYear(year + 1);
  return { from: isoDate(firstDayOfHijriYear(year)), to: isoDate(new Date(next.getTime() - DAY_MS)) };
}

/** Adds whole days to an ISO date. */
export function addDays(date: string, days: number): string {
  return isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
}

/**
 * The first and last day (inclusive ISO dates) of a span of Hijri months (umm al-qura), e.g. 1447-09 to
 * 1447-12: from the first day of the first month to the day before the month after the last begins.
 */
export function hijriMonthsPeriod(
  first: { year: number; month: number },
  last: { year: number; month: number },
): { from: string; to: string } {
  const next =
    last.month === 12 ? { year: last.year + 1, month: 1 } : { year: last.year, month: last.month + 1 };
  return {
    from: isoDate(firstDayOfHijriMonth(first)),
    to: isoDate(new Date(firstDayOfHijriMonth(next).getTime() - DAY_MS)),
  };
}

function firstDayOfHijriMonth({ year, month }: { year: number; month: number }): Date {
  const yearStart = firstDayOfHijriYear(year);
  // Months are 29 or 30 days: start at the earliest it can be and walk forward to the boundary.
  let day = new Date(yearStart.getTime() + Math.max(0, (month - 1) * 29 - 1) * DAY_MS);
  for (let step = 0; step < 15 && calendarPlace(day, "UTC").hMonth < month; step += 1) {
    day = new Date(day.getTime() + DAY_MS);
  }
  const place = calendarPlace(day, "UTC");
  if (place.hYear !== year || place.hMonth !== month)
    throw new Error(`No first day found for ${year}-${month}`);
  return day;
}
