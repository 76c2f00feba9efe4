import type { $ZodError } from "zod/v4/core";
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "../content/locales.ts";
import ar from "./messages/ar.json" with { type: "json" };
import en from "./messages/en.json" with { type: "json" };
import type { Money } from "./money.ts";
import { formatMoney } from "./money.ts";

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

/** Values interpolated into a message; Money is formatted in the caller's language. */
export type MessageParams = Record<string, string | number | Money>;

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `donor.email`. */
  field: string;
  /** Stable message key (see contract/messages/*.json) or a ready-made message. */
  code: string;
  /** Values interpolated into the message, e.g. `{ minimum: { value: 500, currency: "SAR" } }`. */
  params?: MessageParams;
}

export function toFieldIssues(error: $ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.join(".") || "body",
    code: isMessageKey(issue.message) ? issue.message : "field_invalid",
    ...(issue.code === "custom" && issue.params ? { params: issue.params as MessageParams } : {}),
  }));
}
