import { LOCALES, type Locale } from "../../../../content/locales.ts";
import { formatMoney, type Money } from "../../../../contract/money.ts";
import { StaffApiError } from "../../lib/staff-auth.ts";
import type { FinanceStrings } from "./strings.ts";

/**
 * How the console writes amounts, dates and the API's refusals. Amounts keep every digit of their
 * currency (KWD 12.500) with Latin digits in Arabic too, as Stripe's dashboard and bank statements do.
 */
const intlOf = (locale: string) => LOCALES[locale as Locale]?.intl ?? "en-GB";

export const money = (locale: string, value: Money | undefined) =>
  value ? formatMoney(value, intlOf(locale)) : "–";

/** An amount of minor units in a currency (Stripe's settlement side is given that way). */
export const minor = (locale: string, value: number, currency: string) =>
  formatMoney({ value, currency }, intlOf(locale));

export const rate = (locale: string, value: number | null | undefined) =>
  value === null || value === undefined
    ? "–"
    : new Intl.NumberFormat(intlOf(locale), { maximumFractionDigits: 6 }).format(value);

export const count = (locale: string, value: number) => new Intl.NumberFormat(intlOf(locale)).format(value);

export function dateTime(locale: string, iso: string | undefined) {
  if (!iso) return "–";
  return new Intl.DateTimeFormat(intlOf(locale), { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(iso),
  );
}

/** A UI string with its `{name}` placeholders filled in. */
export const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (match, name: string) => String(values[name] ?? match));

/**
 * What a failed request means to the panel: a 401 ends the console's session (the frame offers sign-in
 * again) and answers undefined; anything else is the API's own message, in the staff's language.
 */
export function failureMessage(caught: unknown, strings: FinanceStrings, onSessionEnded: () => void) {
  if (caught instanceof StaffApiError && caught.status === 401) {
    onSessionEnded();
    return undefined;
  }
  if (caught instanceof StaffApiError)
    return [caught.message, ...caught.details.map((detail) => detail.message)].join(" ");
  return caught instanceof Error && caught.message ? caught.message : strings["finance.error"];
}
