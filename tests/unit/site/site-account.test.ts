import type { TooltipItem } from "chart.js";
import { describe, expect, it } from "vitest";
import type { DashboardTotals, ImpactFigure } from "../../../contract/views/account.ts";
import { UI_STRINGS } from "../../../site/src/i18n/index.ts";
import {
  chartConfig,
  chartModel,
  chartSummary,
  chartTable,
  currenciesOf,
  monthRows,
} from "../../../site/src/lib/account/charts.ts";
import { amountText, currentYear, figuresText, yearRows } from "../../../site/src/lib/account/figures.ts";
import { IMPACT_FORMS, type ImpactTemplates, impactSentence } from "../../../site/src/lib/account/impact.ts";

/** Arabic money carries right-to-left marks; Intl puts no-break spaces between amount and currency. */
const plain = (text: string) => text.replace(/[\u200f\u200e]/g, "").replace(/\u00a0/g, " ");

const templates = (locale: "ar" | "en") =>
  Object.fromEntries(
    [...IMPACT_FORMS, "part", "partOnly"].map((form) => [
      form,
      UI_STRINGS[locale][`account.impact.${form}` as keyof (typeof UI_STRINGS)["ar"]],
    ]),
  ) as ImpactTemplates;

const orphanMonths = (whole: number, part: number): ImpactFigure => ({
  initiative: { id: "monthly-orphan-sponsorship", title: { ar: "كفالة الأيتام", en: "Orphan sponsorship" } },
  metricId: "orphan-months",
  label: { ar: "شهر كفالة", en: "months of sponsorship" },
  whole,
  part,
});

describe("the impact sentence", () => {
  it("takes each of Arabic's six plural forms from the count", () => {
    const ar = templates("ar");
    const sentence = (whole: number) => impactSentence("ar", orphanMonths(whole, 0), ar);
    expect(sentence(0)).toBe("عطاؤك في طريقه إلى «شهر كفالة»");
    expect(sentence(1)).toBe("غطّى عطاؤك وحدة واحدة من «شهر كفالة»");
    expect(sentence(2)).toBe("غطّى عطاؤك وحدتين من «شهر كفالة»");
    expect(sentence(7)).toBe("غطّى عطاؤك 7 وحدات من «شهر كفالة»");
    expect(sentence(11)).toBe("غطّى عطاؤك 11 وحدة من «شهر كفالة»");
    expect(sentence(100)).toBe("غطّى عطاؤك 100 وحدة من «شهر كفالة»");
    expect(sentence(1000)).toBe("غطّى عطاؤك 1,000 وحدة من «شهر كفالة»");
  });

  it("adds the part of one more only when there is one", () => {
    expect(impactSentence("ar", orphanMonths(7, 0.4), templates("ar"))).toBe(
      "غطّى عطاؤك 7 وحدات من «شهر كفالة» وجزءًا من وحدة أخرى",
    );
    expect(impactSentence("ar", orphanMonths(0, 0.4), templates("ar"))).toBe(
      "غطّى عطاؤك جزءًا من وحدة من «شهر كفالة»",
    );
  });

  it("says one and many in English, with the part of one more", () => {
    const en = templates("en");
    expect(impactSentence("en", orphanMonths(1, 0), en)).toBe(
      "Your gifts covered one of the months of sponsorship",
    );
    expect(impactSentence("en", orphanMonths(7, 0.5), en)).toBe(
      "Your gifts covered 7 months of sponsorship and part of one more",
    );
    expect(impactSentence("en", orphanMonths(0, 0.25), en)).toBe(
      "Your gifts covered part of one of the months of sponsorship",
    );
  });
});

describe("amounts on the account pages", () => {
  it("keep the three decimals of the Kuwaiti dinar and the two of the riyal", () => {
    expect(plain(amountText("en", { value: 12_500, currency: "KWD" }))).toBe("KWD 12.500");
    expect(plain(amountText("ar", { value: 12_500, currency: "KWD" }))).toContain("12.500");
    expect(plain(amountText("en", { value: 15_000, currency: "SAR" }))).toBe("SAR 150.00");
  });

  it("write several currencies side by side and a dash for none", () => {
    const text = figuresText("en", [
      { currency: "SAR", amount: 15_000, payments: 1 },
      { currency: "KWD", amount: 2_010, payments: 1 },
    ]);
    expect(plain(text)).toBe("SAR 150.00 · KWD 2.010");
    expect(figuresText("en", [])).toBe("–");
  });
});

const totals: DashboardTotals = {
  allTime: [{ currency: "SAR", amount: 45_000, payments: 3 }],
  byGregorianYear: [
    { year: 2025, figures: [{ currency: "SAR", amount: 15_000, payments: 1 }] },
    { year: 2026, figures: [{ currency: "SAR", amount: 30_000, payments: 2 }] },
  ],
  byHijriYear: [
    { year: 1447, figures: [{ currency: "SAR", amount: 15_000, payments: 1 }] },
    { year: 1448, figures: [{ currency: "SAR", amount: 30_000, payments: 2 }] },
  ],
  byDesignation: [],
  byInitiative: [],
  byCurrency: [{ currency: "SAR", amount: 45_000, payments: 3 }],
  byMonth: [
    { month: "2026-01", figures: [{ currency: "SAR", amount: 10_000, payments: 1 }] },
    {
      month: "2026-03",
      figures: [
        { currency: "SAR", amount: 20_000, payments: 1 },
        { currency: "KWD", amount: 5_250, payments: 2 },
      ],
    },
  ],
};

describe("the yearly totals", () => {
  it("switch between the Gregorian and the Hijri year, newest first", () => {
    expect(yearRows(totals, "gregorian", "{year} AH").map((row) => row.label)).toEqual(["2026", "2025"]);
    expect(yearRows(totals, "hijri", UI_STRINGS.ar["account.hijriYear"]).map((row) => row.label)).toEqual([
      "1448 هـ",
      "1447 هـ",
    ]);
  });

  it("default the statement to this year in either calendar, in the council's time zone", () => {
    const now = new Date("2026-11-23T12:00:00Z");
    expect(currentYear("gregorian", now)).toBe(2026);
    expect(currentYear("hijri", now)).toBe(1448);
    // 23:30 UTC on 31 December is already the new year in Riyadh.
    expect(currentYear("gregorian", new Date("2026-12-31T23:30:00Z"))).toBe(2027);
  });
});

describe("the charts and their tables", () => {
  const rows = monthRows("en", totals.byMonth);
  const model = chartModel(rows);

  it("count every month from the first gift to the last, the missing ones as zero", () => {
    expect(rows.map((row) => row.label)).toEqual(["January 2026", "February 2026", "March 2026"]);
    expect(monthRows("en", totals.byMonth, 2).map((row) => row.label)).toEqual([
      "February 2026",
      "March 2026",
    ]);
  });

  it("keep one series per currency, the most used first, and never add currencies up", () => {
    expect(currenciesOf(rows)).toEqual(["KWD", "SAR"]);
    expect(model.series).toEqual([
      { currency: "KWD", values: [0, 0, 5_250] },
      { currency: "SAR", values: [10_000, 0, 20_000] },
    ]);
  });

  it("show in the table exactly the figures the chart draws", () => {
    const config = chartConfig("en", model, "time");
    const table = chartTable("en", model);
    expect(table.map((row) => row.label)).toEqual(config.data.labels);
    config.data.datasets.forEach((dataset, column) => {
      const currency = dataset.label ?? "";
      const digits = currency === "KWD" ? 3 : 2;
      table.forEach((row, index) => {
        const drawn = dataset.data[index] as number;
        expect(plain(row.cells[column] ?? "")).toBe(
          plain(amountText("en", { value: Math.round(drawn * 10 ** digits), currency })),
        );
      });
    });
    expect(plain(table[2]?.cells.join(" | ") ?? "")).toBe("KWD 5.250 | SAR 200.00");
  });

  it("lay the Arabic charts out right to left: legend, tooltip and time running from the right", () => {
    const ar = chartConfig("ar", chartModel(monthRows("ar", totals.byMonth)), "time");
    const plugins = ar.options?.plugins;
    expect(plugins?.legend).toMatchObject({ rtl: true, textDirection: "rtl" });
    expect(plugins?.tooltip).toMatchObject({ rtl: true, textDirection: "rtl" });
    expect(ar.options?.scales?.x).toMatchObject({ reverse: true });
    expect(ar.options?.scales?.y).toMatchObject({ position: "right" });
    expect(ar.options?.locale).toBe("ar-u-nu-latn");

    const en = chartConfig("en", model, "ranking");
    expect(en.options?.indexAxis).toBe("y");
    expect(en.options?.plugins?.legend).toMatchObject({ rtl: false, textDirection: "ltr" });
    expect(en.options?.scales?.x).toMatchObject({ reverse: false, beginAtZero: true });
    expect(en.options?.scales?.y).toMatchObject({ position: "left" });
  });

  it("word the tooltip as the table does, with every digit", () => {
    const config = chartConfig("en", model, "time");
    const label = config.options?.plugins?.tooltip?.callbacks?.label as (item: TooltipItem<"bar">) => string;
    expect(plain(label({ datasetIndex: 0, dataIndex: 2 } as TooltipItem<"bar">))).toBe("KWD 5.250");
  });

  it("sum the chart up for screen readers by its largest figure", () => {
    expect(plain(chartSummary("en", "Giving by month", model, UI_STRINGS.en["account.charts.summary"]))).toBe(
      "Giving by month. The largest is March 2026: KWD 5.250. The same figures are in the table that follows.",
    );
  });
});
