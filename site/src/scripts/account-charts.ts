/**
 * The account page's charts: each table is filled first (it is the accessible version and needs no
 * library), then chart.js is loaded, only the pieces a bar chart needs, and the canvases drawn.
 */
import type { DashboardTotals } from "../../../contract/views/account.ts";
import {
  type ChartModel,
  type ChartShape,
  chartConfig,
  chartModel,
  chartSummary,
  chartTable,
  monthRows,
} from "../lib/account/charts.ts";
import { type AccountPage, initiativeTitle } from "./account-context.ts";
import { element, fillBody, tableRow } from "./dom.ts";

interface Drawn {
  canvas: HTMLCanvasElement;
  model: ChartModel;
  shape: ChartShape;
}

function models(
  page: AccountPage,
  totals: DashboardTotals,
): Record<string, { model: ChartModel; shape: ChartShape }> {
  return {
    time: { model: chartModel(monthRows(page.locale, totals.byMonth)), shape: "time" },
    initiative: {
      model: chartModel(
        totals.byInitiative.map((entry) => ({
          label: initiativeTitle(page, entry.initiative),
          figures: entry.figures,
        })),
      ),
      shape: "ranking",
    },
    designation: {
      model: chartModel(
        totals.byDesignation.map((entry) => ({
          label: page.text(`donate.designation.${entry.designation}`),
          figures: entry.figures,
        })),
      ),
      shape: "ranking",
    },
  };
}

export async function drawCharts(page: AccountPage, totals: DashboardTotals): Promise<void> {
  const charts = models(page, totals);
  const drawn: Drawn[] = [];
  for (const figure of page.root.querySelectorAll<HTMLElement>("[data-account-chart]")) {
    const chart = charts[figure.dataset.accountChart ?? ""];
    const canvas = figure.querySelector("canvas");
    if (!chart || !canvas || chart.model.labels.length === 0) {
      figure.hidden = true;
      continue;
    }
    const title = figure.querySelector("h3")?.textContent ?? "";
    canvas.setAttribute(
      "aria-label",
      chartSummary(page.locale, title, chart.model, page.text("account.charts.summary")),
    );
    const head = figure.querySelector("[data-chart-head]");
    head?.replaceChildren(
      ...[...head.children].slice(0, 1),
      ...chart.model.series.map((series) => {
        const th = element("th", series.currency);
        th.setAttribute("scope", "col");
        return th;
      }),
    );
    fillBody(
      figure,
      chartTable(page.locale, chart.model).map((row) => tableRow(row.label, row.cells)),
    );
    drawn.push({ canvas, ...chart });
  }
  if (drawn.length === 0) {
    const section = page.find("[data-account-chart]")?.closest<HTMLElement>("section");
    if (section) section.hidden = true;
    return;
  }
  const { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } = await import(
    "chart.js"
  );
  Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
  for (const { canvas, model, shape } of drawn) {
    new Chart(canvas, chartConfig(page.locale, model, shape));
    // Tells the page's tests (and anything waiting on it) that the chart is on the canvas.
    canvas.dataset.drawn = "true";
  }
}
