/** The one map of supported locales. Arabic is the default and is written right to left. */
export const LOCALES = {
  ar: { lang: "ar", dir: "rtl", label: "العربية" },
  en: { lang: "en", dir: "ltr", label: "English" },
} as const;

export type Locale = keyof typeof LOCALES;
export const DEFAULT_LOCALE: Locale = "ar";
export const LOCALE_CODES = Object.keys(LOCALES) as Locale[];

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && Object.hasOwn(LOCALES, value);
}
