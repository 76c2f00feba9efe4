import type {
  CurrencyFigure,
  DashboardTotals,
  GivingStatement,
  ImpactFigure,
  InitiativeRef,
  StatementCalendar,
} from "../../../contract/views/account.ts";
import type { Designation } from "../../../contract/vocabulary.ts";
import type { Catalog } from "../ports.ts";
import { type CounterDimension, GENERAL_FUND, parseCounterName } from "./donor-totals.ts";

/** Figures from the profile's counters (functions/domain/account/donor-totals.ts): no other read is needed. */
type Figures = Map<string, Map<string, CurrencyFigure>>;

const DESIGNATIONS: Designation[] = ["zakat", "sadaqah", "general"];

/** Counters grouped by dimension, then value, then currency. */
export function groupCounters(counters: Record<string, number>): Map<CounterDimension, Figures> {
  const grouped = new Map<CounterDimension, Figures>();
  for (const [name, number] of Object.entries(counters)) {
    const counter = parseCounterName(name);
    if (!counter) continue;
    const byValue = grouped.get(counter.dimension) ?? new Map();
    grouped.set(counter.dimension, byValue);
    const byCurrency = byValue.get(counter.value) ?? new Map<string, CurrencyFigure>();
    byValue.set(counter.value, byCurrency);
    const figure = byCurrency.get(counter.currency) ?? { currency: counter.currency, amount: 0, payments: 0 };
    if (counter.kind === "c") figure.amount = number;
    else figure.payments = number;
    byCurrency.set(counter.currency, figure);
  }
  return grouped;
}

const sortedFigures = (byCurrency: Map<string, CurrencyFigure> | undefined): CurrencyFigure[] =>
  [...(byCurrency?.values() ?? [])].sort((a, b) => a.currency.localeCompare(b.currency));

function valuesOf(grouped: Map<CounterDimension, Figures>, dimension: CounterDimension) {
  return [...(grouped.get(dimension) ?? new Map<string, Map<string, CurrencyFigure>>()).entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([value, byCurrency]) => ({ value, figures: sortedFigures(byCurrency) }));
}

export function initiativeRef(catalog: Catalog, initiativeId: string): InitiativeRef {
  const initiative = catalog.findInitiative(initiativeId);
  return { id: initiativeId, title: initiative?.title ?? { ar: initiativeId, en: initiativeId } };
}

const fundRef = (catalog: Catalog, fund: string) =>
  fund === GENERAL_FUND ? null : initiativeRef(catalog, fund);

function byDesignation(rows: { value: string; figures: CurrencyFigure[] }[]) {
  return DESIGNATIONS.flatMap((designation) => {
    const row = rows.find(({ value }) => value === designation);
    return row ? [{ designation, figures: row.figures }] : [];
  });
}

/** Initiatives in id order, the general fund last. */
function byInitiative(catalog: Catalog, rows: { value: string; figures: CurrencyFigure[] }[]) {
  return [...rows]
    .sort((a, b) => Number(a.value === GENERAL_FUND) - Number(b.value === GENERAL_FUND))
    .map(({ value, figures }) => ({ initiative: fundRef(catalog, value), figures }));
}

/** Every dashboard figure; years and months oldest first. */
export function dashboardTotals(catalog: Catalog, counters: Record<string, number>): DashboardTotals {
  const grouped = groupCounters(counters);
  const allTime = sortedFigures(grouped.get("all")?.get("-"));
  const years = (dimension: CounterDimension) =>
    valuesOf(grouped, dimension).map(({ value, figures }) => ({ year: Number(value), figures }));
  return {
    allTime,
    byGregorianYear: years("gy"),
    byHijriYear: years("hy"),
    byDesignation: byDesignation(valuesOf(grouped, "des")),
    byInitiative: byInitiative(catalog, valuesOf(grouped, "ini")),
    byCurrency: allTime,
    byMonth: valuesOf(grouped, "gm").map(({ value, figures }) => ({ month: value, figures })),
  };
}

/** A year's totals for the statement, from the yearly breakdowns: they count rows a statement leaves out. */
export function statementTotals(
  catalog: Catalog,
  counters: Record<string, number>,
  calendar: StatementCalendar,
  year: number,
): GivingStatement["totals"] {
  const grouped = groupCounters(counters);
  const prefix = calendar === "hijri" ? "hy" : "gy";
  const ofYear = (dimension: CounterDimension) =>
    valuesOf(grouped, dimension).flatMap(({ value, figures }) => {
      const [valueYear, name = ""] = value.split(":");
      return valueYear === String(year) ? [{ value: name, figures }] : [];
    });
  return {
    byCurrency: sortedFigures(grouped.get(prefix)?.get(String(year))),
    byDesignation: byDesignation(ofYear(`${prefix}.des`)),
    byInitiative: byInitiative(catalog, ofYear(`${prefix}.ini`)),
  };
}

/** Parts of one unit are shown to two decimals, rounded down so a part never reads as a whole. */
const PART_STEPS = 100;

/**
 * What the donor's net giving to each initiative stands for by the initiative's attribution rules. Only
 * giving in the initiative's own currency counts: other currencies are not converted (no exchange rate
 * is a fair one to choose after the fact).
 */
export function impactFigures(catalog: Catalog, counters: Record<string, number>): ImpactFigure[] {
  const funds = groupCounters(counters).get("ini") ?? new Map<string, Map<string, CurrencyFigure>>();
  const figures: ImpactFigure[] = [];
  for (const [initiativeId, byCurrency] of [...funds.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const initiative = catalog.findInitiative(initiativeId);
    const net = initiative ? (byCurrency.get(initiative.currency)?.amount ?? 0) : 0;
    if (!initiative || net <= 0) continue;
    for (const metric of initiative.metrics) {
      if (!metric.attribution) continue;
      const { amount, quantity } = metric.attribution;
      const units = net * quantity;
      const whole = Math.floor(units / amount);
      const part = Math.floor(((units - whole * amount) * PART_STEPS) / amount) / PART_STEPS;
      if (whole === 0 && part === 0) continue;
      figures.push({
        initiative: initiativeRef(catalog, initiativeId),
        metricId: metric.id,
        label: metric.label,
        whole,
        part,
      });
    }
  }
  return figures;
}
