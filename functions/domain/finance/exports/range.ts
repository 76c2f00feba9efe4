import type { ExportRange } from "../../../../contract/finance/exports.ts";
import { addDays, calendarPlace, yearPeriod } from "../../calendars.ts";
import { ValidationError } from "../../errors.ts";

export interface RangeRequest {
  from?: string | undefined;
  to?: string | undefined;
  hijriFrom?: string | undefined;
  hijriTo?: string | undefined;
}

/** Ten years of days: a bound on what one job reads (each month of the range is one or more Queries). */
const MAX_DAYS = 3660;

const hijriMonthOfDay = (day: string) => {
  const place = calendarPlace(`${day}T12:00:00Z`, "UTC");
  return { year: place.hYear, month: place.hMonth };
};

/** The first day (ISO) of a Hijri month. */
export function firstDayOfHijriMonth(year: number, month: number): string {
  let day = yearPeriod("hijri", year).from;
  // At most 12 months of 29 or 30 days from the year's first day.
  for (let step = 0; step < 360; step += 1) {
    const place = hijriMonthOfDay(day);
    if (place.year === year && place.month === month) return day;
    day = addDays(day, 1);
  }
  throw new Error(`No first day found for Hijri month ${year}-${month}`);
}

function parseHijriMonth(text: string, field: string): { year: number; month: number } {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  if (!match || month < 1 || month > 12 || year < 1400 || year > 1500)
    throw new ValidationError([{ field, code: "field_invalid" }]);
  return { year, month };
}

const nextHijriMonth = ({ year, month }: { year: number; month: number }) =>
  month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };

/** A real calendar day: `2026-13-01` and `2026-02-30` are not (and never reach toISOString's RangeError). */
const isDay = (text: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
};

export function resolveRange(request: RangeRequest): ExportRange {
  const gregorian = request.from !== undefined || request.to !== undefined;
  const hijri = request.hijriFrom !== undefined || request.hijriTo !== undefined;
  if (gregorian === hijri) throw new ValidationError([{ field: "from", code: "export_range_required" }]);
  let range: ExportRange;
  if (hijri) {
    const first = parseHijriMonth(request.hijriFrom ?? request.hijriTo ?? "", "hijriFrom");
    const last = parseHijriMonth(request.hijriTo ?? request.hijriFrom ?? "", "hijriTo");
    const after = nextHijriMonth(last);
    range = {
      from: firstDayOfHijriMonth(first.year, first.month),
      to: addDays(firstDayOfHijriMonth(after.year, after.month), -1),
      hijriFrom: request.hijriFrom ?? request.hijriTo ?? "",
      hijriTo: request.hijriTo ?? request.hijriFrom ?? "",
    };
  } else {
    const from = request.from ?? request.to ?? "";
    const to = request.to ?? request.from ?? "";
    if (!isDay(from)) throw new ValidationError([{ field: "from", code: "field_invalid" }]);
    if (!isDay(to)) throw new ValidationError([{ field: "to", code: "field_invalid" }]);
    range = { from, to };
  }
  const days = (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000;
  if (days < 0) throw new ValidationError([{ field: "to", code: "export_range_invalid" }]);
  if (days > MAX_DAYS) throw new ValidationError([{ field: "to", code: "export_range_too_long" }]);
  return range;
}
