import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "../../content/locales.ts";
import type { MessageParams } from "../domain/errors.ts";
import { formatMoney } from "../domain/money.ts";
import ar from "../messages/ar.json" with { type: "json" };
import en from "../messages/en.json" with { type: "json" };

export type MessageKey = keyof typeof en;
const catalogs: Record<Locale, Record<MessageKey, string>> = { ar, en };

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(en, value);
}

function formatParam(locale: Locale, value: MessageParams[string]): string {
  return typeof value === "object" ? formatMoney(value, LOCALES[locale].intl) : String(value);
}

export function translate(locale: Locale, key: string, params: MessageParams = {}): string {
  const template = isMessageKey(key) ? catalogs[locale][key] : key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : formatParam(locale, value);
  });
}

/** The caller's language: an explicit choice first, then Accept-Language, then Arabic. */
export function negotiateLocale(explicit: unknown, acceptLanguage: string | undefined): Locale {
  if (isLocale(explicit)) return explicit;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const quality = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { lang: tag.toLowerCase().split("-")[0], quality: quality ? Number(quality) : 1 };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality);
  return ranked.map((entry) => entry.lang).find(isLocale) ?? DEFAULT_LOCALE;
}
