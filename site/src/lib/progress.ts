/**
 * What a progress bar shows for an initiative, from its funding model and its figures. Pure and free of
 * Astro, so the page (at build time) and the initiative page's island (with live figures) agree.
 */
import { LOCALES, type Locale } from "../../../content/locales.ts";
import type { FundingModel } from "../../../content/schema.ts";
import { formatMoney } from "../../../contract/money.ts";
import type { InitiativeStats } from "../../../contract/views/stats.ts";

export interface ProgressStrings {
  raised: string;
  units: string;
  unitsWord: string;
  whole: string;
  wholeAdopted: string;
  funded: string;
  /** "Also received: {amounts}", for gifts in currencies other than the initiative's own. */
  alsoReceived: string;
}

export interface ProgressView {
  value: number;
  max: number;
  percent: number;
  text: string;
}

const fill = (template: string, params: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (match, name: string) => params[name] ?? match);

export function progressView(
  initiative: { funding: FundingModel; currency: string; status: string },
  stats: Pick<InitiativeStats, "raised" | "units"> | undefined,
  locale: Locale,
  strings: ProgressStrings,
): ProgressView {
  const { funding, currency } = initiative;
  const { intl } = LOCALES[locale];
  const money = (value: number) => formatMoney({ value, currency }, intl, { wholeUnits: "short" });
  const count = (value: number) => new Intl.NumberFormat(intl).format(value);
  const raised = stats?.raised[currency] ?? 0;
  // An editor marks an initiative funded when it is, whatever part of it was given through this site.
  if (initiative.status === "funded") return { value: 1, max: 1, percent: 100, text: strings.funded };
  let view: Omit<ProgressView, "percent">;
  if (funding.model === "open") {
    view = {
      value: Math.min(raised, funding.goal),
      max: funding.goal,
      text: fill(strings.raised, { raised: money(raised), goal: money(funding.goal) }),
    };
  } else if (funding.model === "units") {
    const adopted = stats?.units?.adopted ?? 0;
    view = {
      value: Math.min(adopted, funding.unitsTotal),
      max: funding.unitsTotal,
      text: fill(strings.units, {
        adopted: count(adopted),
        total: count(funding.unitsTotal),
        unit: strings.unitsWord,
      }),
    };
  } else {
    const adopted = raised >= funding.amount;
    view = {
      value: adopted ? 1 : 0,
      max: 1,
      text: adopted ? strings.wholeAdopted : fill(strings.whole, { amount: money(funding.amount) }),
    };
  }
  return { ...view, percent: Math.round((view.value / view.max) * 100) };
}

/**
 * Gifts in other currencies than the initiative's own ("Also received: USD 120 · EUR 50"): the bar counts
 * the initiative's currency only, since converting would need exchange rates the site does not keep.
 */
export function alsoReceivedText(
  initiative: { currency: string },
  stats: Pick<InitiativeStats, "raised"> | undefined,
  locale: Locale,
  strings: Pick<ProgressStrings, "alsoReceived">,
): string {
  const { intl } = LOCALES[locale];
  const amounts = Object.entries(stats?.raised ?? {})
    .filter(([currency, value]) => currency !== initiative.currency && value > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, value]) => formatMoney({ value, currency }, intl, { wholeUnits: "short" }));
  return amounts.length > 0 ? fill(strings.alsoReceived, { amounts: amounts.join(" · ") }) : "";
}
