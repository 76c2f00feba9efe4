import { INITIATIVE_CATEGORIES, type Initiative } from "../../../content/schema.ts";
import { type Locale, t, type UiKey } from "../i18n/index.ts";

/**
 * Filters of the initiatives index that work without JavaScript: each is a group of radio buttons, and a
 * generated stylesheet (/initiative-filters.css) hides the items that do not match the checked value with
 * `:has()`. Values are ASCII ids so the same CSS serves both languages.
 */
export type FilterName = "category" | "region" | "zakat" | "model" | "status";

export interface FilterDimension {
  name: FilterName;
  legend: UiKey;
  options: { value: string; label: string }[];
}

const regionId = (initiative: Initiative) =>
  initiative.region.en
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** The data attributes an index item carries, one per filter. */
export function filterValues(initiative: Initiative): Record<FilterName, string> {
  return {
    category: initiative.category,
    region: regionId(initiative),
    zakat: initiative.zakatEligible ? "yes" : "no",
    model: initiative.funding.model,
    status: initiative.status,
  };
}

const unique = <T>(values: T[]) => [...new Set(values)];

/** Only values that occur are offered, so no choice leads to an empty list by construction. */
export function filterDimensions(initiatives: Initiative[], locale: Locale): FilterDimension[] {
  const present = (name: FilterName) =>
    new Set(initiatives.map((initiative) => filterValues(initiative)[name]));
  const categories = present("category");
  const regions = unique(
    initiatives.map((initiative) => [regionId(initiative), initiative.region[locale]] as const),
  );
  return [
    {
      name: "category",
      legend: "catalog.category",
      options: INITIATIVE_CATEGORIES.filter((c) => categories.has(c)).map((c) => ({
        value: c,
        label: t(locale, `category.${c}`),
      })),
    },
    {
      name: "region",
      legend: "catalog.region",
      options: unique(regions.map(([id]) => id)).map((id) => ({
        value: id,
        label: regions.find(([candidate]) => candidate === id)?.[1] ?? id,
      })),
    },
    {
      name: "zakat",
      legend: "catalog.zakat",
      options: [{ value: "yes", label: t(locale, "catalog.zakatOnly") }],
    },
    {
      name: "model",
      legend: "catalog.model",
      options: (["open", "units", "whole"] as const)
        .filter((model) => present("model").has(model))
        .map((model) => ({ value: model, label: t(locale, `initiative.model.${model}`) })),
    },
    {
      name: "status",
      legend: "catalog.status",
      options: (["open", "funded", "closed"] as const)
        .filter((status) => present("status").has(status))
        .map((status) => ({ value: status, label: t(locale, `initiative.status.${status}`) })),
    },
  ];
}

/** One rule per filter value: when it is checked, items with another value are hidden. */
export function filtersStylesheet(initiatives: Initiative[]): string {
  const rules = (["category", "region", "zakat", "model", "status"] as const).flatMap((name) =>
    unique(initiatives.map((initiative) => filterValues(initiative)[name])).map(
      (value) =>
        `.catalog:has(input[name="${name}"][value="${value}"]:checked) .catalog__item:not([data-${name}="${value}"]) { display: none; }`,
    ),
  );
  return `/* Generated from content/ by site/src/lib/catalog-filters.ts */\n${rules.join("\n")}\n`;
}
