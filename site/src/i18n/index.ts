import { DEFAULT_LOCALE, LOCALE_CODES, LOCALES, type Locale } from "../../../content/locales.ts";
import { formatMoney, type Money } from "../../../contract/money.ts";
import ar from "./ar.json" with { type: "json" };
import en from "./en.json" with { type: "json" };

export type UiKey = keyof typeof ar;

/** UI strings per locale; tests/unit/site/site-i18n.test.ts keeps the files' keys identical. */
export const UI_STRINGS: Record<Locale, Record<UiKey, string>> = { ar, en };

/** A UI string in the locale, with `{name}` placeholders filled in. */
export function t(locale: Locale, key: UiKey, params: Record<string, string> = {}): string {
  return UI_STRINGS[locale][key].replace(/\{(\w+)\}/g, (match, name: string) => params[name] ?? match);
}

/** `/ar/initiatives/x/` from the locale and the locale-free path `initiatives/x/`. */
export function localePath(locale: Locale, path = ""): string {
  return `/${locale}/${path.replace(/^\/+/, "")}`;
}

/** Every page under `[lang]` is built once per locale. */
export function localeStaticPaths() {
  return LOCALE_CODES.map((lang) => ({ params: { lang } }));
}

/** Money as pages show goals and suggested gifts: whole amounts without a fraction. */
export function money(locale: Locale, value: Money): string {
  return formatMoney(value, LOCALES[locale].intl, { wholeUnits: "short" });
}

export function longDate(locale: Locale, isoDate: string): string {
  return new Intl.DateTimeFormat(LOCALES[locale].intl, { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

/** The Hijri (Umm al-Qura) date, as Saudi institutions write it beside the Gregorian one. */
export function hijriDate(locale: Locale, isoDate: string): string {
  return new Intl.DateTimeFormat(LOCALES[locale].intl, {
    dateStyle: "long",
    timeZone: "UTC",
    calendar: "islamic-umalqura",
  }).format(new Date(`${isoDate}T00:00:00Z`));
}

export function count(locale: Locale, value: number): string {
  return new Intl.NumberFormat(LOCALES[locale].intl).format(value);
}

export { DEFAULT_LOCALE, LOCALE_CODES, LOCALES, type Locale };
