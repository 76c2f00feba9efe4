/**
 * "Your gifts covered 7 months of sponsorship and part of one more." Arabic counts with six plural forms
 * (zero, one, two, few, many, other), so the sentence is chosen by Intl.PluralRules from the locale's
 * templates; `{count}` and `{label}` are filled in.
 */
import { LOCALES, type Locale } from "../../../../content/locales.ts";
import type { ImpactFigure } from "../../../../contract/views/account.ts";
import { countText, fillTemplate as fill } from "./figures.ts";

export const IMPACT_FORMS = ["zero", "one", "two", "few", "many", "other"] as const;

export type ImpactTemplates = Record<(typeof IMPACT_FORMS)[number] | "partOnly" | "part", string>;

export function impactSentence(locale: Locale, figure: ImpactFigure, templates: ImpactTemplates): string {
  const values = { count: countText(locale, figure.whole), label: figure.label[locale] };
  if (figure.whole === 0 && figure.part > 0) return fill(templates.partOnly, values);
  // Zero is its own form in Arabic; English rules have no "zero", so it is chosen here for both.
  const form = figure.whole === 0 ? "zero" : new Intl.PluralRules(LOCALES[locale].intl).select(figure.whole);
  const sentence = fill(templates[form], values);
  return figure.part > 0 ? `${sentence}${fill(templates.part, values)}` : sentence;
}
