import { useId } from "react";
import { defaultPeriod, type Period } from "./period.ts";
import type { FinanceStrings } from "./strings.ts";

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
