/**
 * What the adoption counter, the adopters' names and the adoption form's total say, from an initiative's
 * terms and its figures. Pure and free of Astro, so the page (build-time figures from /api/stats) and the
 * island (live ones from the availability endpoint) word them alike.
 */
import { LOCALES, type Locale } from "../../../content/locales.ts";
import type { FundingModel } from "../../../content/schema.ts";
import type { AdoptionRequest } from "../../../contract/adoption/request.ts";
import type { FieldIssue } from "../../../contract/messages.ts";
import { formatMoney, type Money } from "../../../contract/money.ts";
import type { AvailabilityView } from "../../../contract/views/availability.ts";

/** UI templates with `{name}` placeholders, in the page's language (site/src/i18n, keys `adopt.*`). */
export interface AdoptionStrings {
  /** "{adopted} of {total}" */
  ofTotal: string;
  /** "{amount} a month" */
  perMonth: string;
  /** "{count} × {price} = {total}", the interval's own wording. */
  total: string;
  /** "{name} ({count})": an adopter of several units. */
  adopterUnits: string;
  /** How the page names an adopter who did not agree to be named. */
  anonymous: string;
  /** "{count} donors": two or more adopters not named, said once rather than "a donor and a donor". */
  anonymousGroup: string;
  wholeOpen: string;
  wholeHeld: string;
  /** "Adopted by {name}" */
  wholeAdopted: string;
  /** Adopted, where the page cannot name the adopter yet (built pages name nobody). */
  wholeAdoptedUnnamed: string;
  /** "Partly sponsored now: {count}. A share of {amount} completes one." */
  partlyCovered: string;
}

/** An initiative adopted by units or whole, as its page and the availability endpoint describe it. */
export interface AdoptionTerms {
  initiativeId: string;
  model: "units" | "whole";
  interval: "once" | "month";
  /** One unit's price (units), or the whole initiative's (whole). */
  unitPrice: Money;
  total: number;
  /** Where units are shared: the allowed shares of a unit's price, in minor units. */
  shareSizes: number[];
}

export type UnitFigures = Pick<AvailabilityView, "total" | "adopted" | "held" | "free">;

const fill = (template: string, params: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (match, name: string) => params[name] ?? match);

const number = (locale: Locale, value: number) => new Intl.NumberFormat(LOCALES[locale].intl).format(value);

/** Money as the form shows prices: whole amounts without a fraction ("SAR 300"). */
export const priceText = (locale: Locale, value: Money) =>
  formatMoney(value, LOCALES[locale].intl, { wholeUnits: "short" });

/** A price with its interval: "SAR 300 a month" for monthly units, "SAR 300" otherwise. */
export function recurringPrice(
  locale: Locale,
  value: Money,
  interval: AdoptionTerms["interval"],
  strings: Pick<AdoptionStrings, "perMonth">,
): string {
  const text = priceText(locale, value);
  return interval === "month" ? fill(strings.perMonth, { amount: text }) : text;
}

/** The counter's three figures, formatted: "12 of 400", "3", "385". */
export function unitCounterTexts(
  figures: UnitFigures,
  locale: Locale,
  strings: Pick<AdoptionStrings, "ofTotal">,
) {
  return {
    adopted: fill(strings.ofTotal, {
      adopted: number(locale, figures.adopted),
      total: number(locale, figures.total),
    }),
    held: number(locale, figures.held),
    free: number(locale, figures.free),
  };
}

/** "2 × SAR 300 = SAR 600 a month"; the total of the units the donor is about to adopt. */
export function unitsTotalText(
  units: number,
  terms: Pick<AdoptionTerms, "unitPrice">,
  locale: Locale,
  strings: Pick<AdoptionStrings, "total">,
): string {
  const { unitPrice } = terms;
  return fill(strings.total, {
    count: number(locale, units),
    price: priceText(locale, unitPrice),
    total: priceText(locale, { value: units * unitPrice.value, currency: unitPrice.currency }),
  });
}

const adopterName = (name: string | null, strings: Pick<AdoptionStrings, "anonymous">) =>
  name ?? strings.anonymous;

/**
 * A whole initiative: open, being adopted, or adopted by someone (named with consent). Without the
 * adopters (a built page), an adopted initiative names nobody.
 */
export function wholeStatusText(
  figures: Pick<UnitFigures, "adopted" | "held">,
  adopters: AvailabilityView["recognition"] | undefined,
  strings: Pick<
    AdoptionStrings,
    "wholeOpen" | "wholeHeld" | "wholeAdopted" | "wholeAdoptedUnnamed" | "anonymous"
  >,
): string {
  if (figures.adopted > 0) {
    const [adopter] = adopters ?? [];
    return adopter
      ? fill(strings.wholeAdopted, { name: adopterName(adopter.name, strings) })
      : strings.wholeAdoptedUnnamed;
  }
  return figures.held > 0 ? strings.wholeHeld : strings.wholeOpen;
}

/**
 * "Fatimah A., شركة النور and a donor (2)": adopters who agreed to be named, and the others as a donor. In
 * parts, so the page can isolate each name's direction (Latin names on an Arabic page, and the reverse).
 */
export function adoptersParts(
  adopters: AvailabilityView["recognition"],
  locale: Locale,
  strings: Pick<AdoptionStrings, "anonymous" | "anonymousGroup" | "adopterUnits">,
): { type: "element" | "literal"; value: string }[] {
  const unnamed = adopters.filter(({ name }) => name === null).length;
  const listed = unnamed > 1 ? adopters.filter(({ name }) => name !== null) : adopters;
  const names = listed.map(({ name, units }) =>
    units > 1
      ? fill(strings.adopterUnits, { name: adopterName(name, strings), count: number(locale, units) })
      : adopterName(name, strings),
  );
  if (unnamed > 1) names.push(fill(strings.anonymousGroup, { count: number(locale, unnamed) }));
  return new Intl.ListFormat(LOCALES[locale].intl, { type: "conjunction" }).formatToParts(names);
}

/** One line per share that would complete a half-covered unit, most needed first. */
export function partlyCoveredTexts(
  partlyCovered: NonNullable<AvailabilityView["shared"]>["partlyCovered"],
  locale: Locale,
  strings: Pick<AdoptionStrings, "partlyCovered">,
): string[] {
  return partlyCovered
    .filter((entry) => entry.count > 0)
    .map((entry) =>
      fill(strings.partlyCovered, {
        count: number(locale, entry.count),
        amount: priceText(locale, entry.remaining),
      }),
    );
}

/** The share a new sponsor should be offered first: the one completing the most half-covered units. */
export function completingShare(view: Pick<AvailabilityView, "shared">): number | undefined {
  const waiting = (view.shared?.partlyCovered ?? []).filter((entry) => entry.count > 0);
  const [first] = [...waiting].sort((a, b) => b.count - a.count || a.remaining.value - b.remaining.value);
  return first?.remaining.value;
}

/** Whether anything can still be adopted: a free unit, or a half-covered one waiting for its second share. */
export function canAdopt(view: Pick<AvailabilityView, "free" | "shared">): boolean {
  return view.free > 0 || completingShare(view) !== undefined;
}

/** The terms of an initiative adopted by units or whole; undefined for open giving. */
export function adoptionTermsOf(initiative: {
  id: string;
  currency: string;
  funding: FundingModel;
}): AdoptionTerms | undefined {
  const { funding, currency, id } = initiative;
  if (funding.model === "units") {
    return {
      initiativeId: id,
      model: "units",
      interval: funding.interval,
      unitPrice: { value: funding.unitPrice, currency },
      total: funding.unitsTotal,
      shareSizes: funding.shareSizes ?? [],
    };
  }
  if (funding.model === "whole") {
    return {
      initiativeId: id,
      model: "whole",
      interval: "once",
      unitPrice: { value: funding.amount, currency },
      total: 1,
      shareSizes: [],
    };
  }
  return undefined;
}

/** Figures before anyone adopted (a build without /api/stats): everything free. */
export function unitFiguresOr(
  terms: Pick<AdoptionTerms, "total">,
  figures: UnitFigures | undefined,
): UnitFigures {
  return figures ?? { total: terms.total, adopted: 0, held: 0, free: terms.total };
}

/** What the form knows of the initiative's availability: the live view, or the built page's figures. */
export type KnownAvailability = UnitFigures & Partial<Pick<AvailabilityView, "shared" | "recognition">>;

/**
 * The checks of an adoption that depend on what is free now, run in the browser before posting (the API
 * runs its own against the inventory): an allowed share, and no more whole units than are free.
 */
export function availabilityIssues(
  request: Pick<AdoptionRequest, "units" | "share">,
  terms: Pick<AdoptionTerms, "shareSizes">,
  availability: Pick<KnownAvailability, "free">,
): FieldIssue[] {
  if (request.share !== undefined) {
    return terms.shareSizes.includes(request.share) ? [] : [{ field: "share", code: "share_invalid" }];
  }
  return request.units > availability.free
    ? [{ field: "units", code: "units_unavailable", params: { free: availability.free } }]
    : [];
}
