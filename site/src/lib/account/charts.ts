/**
 * The account page's charts as data: one model feeds both the chart.js configuration and the accessible
 * table beside it, so the two always show the same figures. One bar series per currency (amounts in
 * different currencies are never added up).
 */
import type { ChartConfiguration, TooltipItem } from "chart.js";
import { LOCALES, type Locale } from "../../../../content/locales.ts";
import { monthOf } from "../../../../contract/dates.ts";
import { minorDigits } from "../../../../contract/money.ts";
import type { CurrencyFigure } from "../../../../contract/views/account.ts";
import { amountText, fillTemplate } from "./figures.ts";

export interface ChartModel {
  labels: string[];
  /** Minor units per label, one series per currency, the most used currency first. */
  series: { currency: string; values: number[] }[];
}

export interface LabelledFigures {
  label: string;
  figures: CurrencyFigure[];
}

export type ChartShape = "time" | "ranking";

/** The currencies in the rows, the one with the most payments first. */
export function currenciesOf(rows: LabelledFigures[]): string[] {
  const payments = new Map<string, number>();
  for (const { figures } of rows) {
    for (const figure of figures)
      payments.set(figure.currency, (payments.get(figure.currency) ?? 0) + figure.payments);
  }
  return [...payments].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([currency]) => currency);
}

export function chartModel(rows: LabelledFigures[]): ChartModel {
  return {
    labels: rows.map((row) => row.label),
    series: currenciesOf(rows).map((currency) => ({
      currency,
      values: rows.map((row) => row.figures.find((figure) => figure.currency === currency)?.amount ?? 0),
    })),
  };
}

function nextMonth(month: string): string {
  const [year = 0, number = 1] = month.split("-").map(Number);
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, "0")}`;
}

/**
 * Giving over time: every month from the first gift to the last (months without a gift count as zero, so
 * the gaps show), the latest `limit` months at most, oldest first.
 */
export function monthRows(
  locale: Locale,
  byMonth: { month: string; figures: CurrencyFigure[] }[],
  limit = 24,
): LabelledFigures[] {
  const sorted = [...byMonth].sort((a, b) => a.month.localeCompare(b.month));
  const first = sorted[0]?.month;
  const last = sorted.at(-1)?.month;
  if (!first || !last) return [];
  const rows: LabelledFigures[] = [];
  for (let month = first; month <= last; month = nextMonth(month)) {
    const figures = sorted.find((entry) => entry.month === month)?.figures ?? [];
    rows.push({ label: monthOf(locale, `${month}-01`), figures });
  }
  return rows.slice(-limit);
}

/** The table of a chart: its labels, one cell per currency with every digit. */
export function chartTable(locale: Locale, model: ChartModel): { label: string; cells: string[] }[] {
  return model.labels.map((label, index) => ({
    label,
    cells: model.series.map((series) =>
      amountText(locale, { value: series.values[index] ?? 0, currency: series.currency }),
    ),
  }));
}

/** What a screen reader hears for the canvas: the title and the largest figure of the first currency. */
export function chartSummary(locale: Locale, title: string, model: ChartModel, template: string): string {
  const series = model.series[0];
  if (!series) return title;
  const largest = series.values.reduce(
    (best, value, index) => (value > (series.values[best] ?? 0) ? index : best),
    0,
  );
  return fillTemplate(template, {
    title,
    label: model.labels[largest] ?? "",
    amount: amountText(locale, { value: series.values[largest] ?? 0, currency: series.currency }),
  });
}

const COLOURS = ["#0b5345", "#b9770e", "#1f618d", "#7d3c98"];

/**
 * Bars over time (vertical) or a ranking (horizontal). In Arabic the legend and tooltips are laid out
 * right to left and the value axis starts at the right, so time runs from right to left.
 */
export function chartConfig(locale: Locale, model: ChartModel, shape: ChartShape): ChartConfiguration<"bar"> {
  const { intl, dir } = LOCALES[locale];
  const rtl = dir === "rtl";
  const numbers = new Intl.NumberFormat(intl, { maximumFractionDigits: 0 });
  const ticks = { callback: (value: string | number) => numbers.format(Number(value)) };
  const direction = { rtl, textDirection: dir };
  const along = { reverse: rtl };
  const across = { position: rtl ? ("right" as const) : ("left" as const) };
  return {
    type: "bar",
    data: {
      labels: model.labels,
      datasets: model.series.map((series, index) => ({
        label: series.currency,
        data: series.values.map((value) => value / 10 ** minorDigits(series.currency)),
        backgroundColor: COLOURS[index % COLOURS.length],
      })),
    },
    options: {
      indexAxis: shape === "time" ? "x" : "y",
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      locale: intl,
      plugins: {
        legend: { ...direction, display: model.series.length > 1 },
        tooltip: {
          ...direction,
          callbacks: {
            label: (item: TooltipItem<"bar">) => {
              const series = model.series[item.datasetIndex];
              if (!series) return "";
              return amountText(locale, {
                value: series.values[item.dataIndex] ?? 0,
                currency: series.currency,
              });
            },
          },
        },
      },
      scales:
        shape === "time"
          ? { x: along, y: { ...across, beginAtZero: true, ticks } }
          : { x: { ...along, beginAtZero: true, ticks }, y: across },
    },
  };
}
