import { useId } from "react";
import type { FinanceStrings } from "./strings.ts";

/** A period as the finance API takes it: Gregorian days, or Hijri (Umm al-Qura) months. */
export type Period =
  | { calendar: "gregorian"; from: string; to: string }
  | { calendar: "hijri"; from: string; to: string };

export const periodQuery = (period: Period): Record<string, string> =>
  period.calendar === "gregorian"
    ? { from: period.from, to: period.to }
    : { hijriFrom: period.from, hijriTo: period.to };

const today = () => new Date().toISOString().slice(0, 10);

/** This Hijri month (yyyy-mm) by Umm al-Qura, as Intl knows it. */
function thisHijriMonth(): string {
  const parts = new Intl.DateTimeFormat("en-u-ca-islamic-umalqura-nu-latn", {
    year: "numeric",
    month: "numeric",
  }).formatToParts(new Date());
  const part = (type: string) => parts.find((each) => each.type === type)?.value ?? "";
  return `${part("year").replace(/\D/g, "")}-${part("month").padStart(2, "0")}`;
}

/** The current month so far, in the chosen calendar. */
export function defaultPeriod(calendar: Period["calendar"] = "gregorian"): Period {
  if (calendar === "hijri") {
    const month = thisHijriMonth();
    return { calendar, from: month, to: month };
  }
  return { calendar, from: `${today().slice(0, 8)}01`, to: today() };
}

interface Props {
  strings: FinanceStrings;
  period: Period;
  onChange(period: Period): void;
}

/** The calendar (Gregorian dates or Hijri months) and the first and last day or month of the period. */
export default function RangePicker({ strings, period, onChange }: Props) {
  const id = useId();
  const gregorian = period.calendar === "gregorian";
  const bound = (key: "from" | "to") => (
    <>
      <label htmlFor={`${id}-${key}`}>{strings[`finance.range.${key}`]}</label>
      <input
        id={`${id}-${key}`}
        type={gregorian ? "date" : "text"}
        required
        dir="ltr"
        {...(gregorian
          ? {}
          : {
              pattern: "1[3-5][0-9]{2}-(0[1-9]|1[0-2])",
              placeholder: "1448-05",
              inputMode: "numeric" as const,
            })}
        aria-describedby={gregorian ? undefined : `${id}-hint`}
        value={period[key]}
        onChange={(event) => onChange({ ...period, [key]: event.target.value })}
      />
    </>
  );
  return (
    <fieldset className="finance-range">
      <legend>{strings["finance.range.legend"]}</legend>
      <label>
        <input
          type="radio"
          name={`${id}-calendar`}
          checked={gregorian}
          onChange={() => onChange(defaultPeriod("gregorian"))}
        />
        {strings["finance.range.gregorian"]}
      </label>
      <label>
        <input
          type="radio"
          name={`${id}-calendar`}
          checked={!gregorian}
          onChange={() => onChange(defaultPeriod("hijri"))}
        />
        {strings["finance.range.hijri"]}
      </label>
      {bound("from")}
      {bound("to")}
      {!gregorian && <small id={`${id}-hint`}>{strings["finance.range.hijriHint"]}</small>}
    </fieldset>
  );
}
