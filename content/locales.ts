/**
 * The one map of supported locales. Arabic is the default and is written right to left. `intl` is the tag
 * for numbers, money and dates: Arabic uses Latin digits, as Gulf banks, receipts and Stripe do, so the
 * amount a donor types, sees on the page and sees on the card statement look alike.
 */
export const LOCALES = {
  ar: { lang: "ar", dir: "rtl", label: "العربية", intl: "ar-u-nu-latn" },
  en: { lang: "en", dir: "ltr", label: "English", intl: "en-GB" },
} as const;

export type Locale = keyof typeof LOCALES;
export const DEFAULT_LOCALE: Locale = "ar";
export const LOCALE_CODES = Object.keys(LOCALES) as Locale[];

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && Object.hasOwn(LOCALES, value);
}
