/**
 * The transparency page's island: replaces the build-time figures with live ones from /api/stats and draws
 * the chart. When the API cannot be reached the page keeps the figures it was built with.
 */
import { isLocale, LOCALES } from "../../../content/locales.ts";
import { formatMoney, minorDigits } from "../../../contract/money.ts";
import type { PublicStats } from "../../../contract/views/stats.ts";

interface Labels {
  live: string;
  initiatives: Record<string, string>;
  currencies: Record<string, string>;
  goals: Record<string, number>;
}

async function fetchStats(): Promise<PublicStats | undefined> {
  try {
    const response = await fetch("/api/stats", { headers: { accept: "application/json" } });
    return response.ok ? ((await response.json()) as PublicStats) : undefined;
  } catch {
    return undefined;
  }
}

function setCell(row: Element | null, cell: string, text: string): void {
  const target = row?.querySelector(`[data-cell="${cell}"]`);
  if (target) target.textContent = text;
}

async function drawChart(canvas: HTMLCanvasElement, names: string[], values: number[], dir: "rtl" | "ltr") {
  // Only the pieces of Chart.js a bar chart needs, loaded after the figures arrive.
  const { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } = await import("chart.js");
  Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);
  new Chart(canvas, {
    type: "bar",
    data: { labels: names, datasets: [{ data: values, backgroundColor: "#0b5345" }] },
    options: {
      indexAxis: "y",
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      locale: document.documentElement.lang,
      plugins: { tooltip: { rtl: dir === "rtl", textDirection: dir } },
      scales: {
        x: { reverse: dir === "rtl", beginAtZero: true },
        y: { position: dir === "rtl" ? "right" : "left" },
      },
    },
  });
}

export async function showLiveFigures(): Promise<void> {
  const root = document.querySelector<HTMLElement>("[data-transparency]");
  if (!root) return;
  const locale = isLocale(root.dataset.locale) ? root.dataset.locale : "ar";
  const { intl, dir } = LOCALES[locale];
  const labels = JSON.parse(root.dataset.labels ?? "{}") as Labels;
  const stats = await fetchStats();
  if (!stats) return;

  const number = new Intl.NumberFormat(intl);
  const percent = new Intl.NumberFormat(intl, { style: "percent", maximumFractionDigits: 0 });
  const shown = stats.initiatives.filter((entry) => labels.initiatives[entry.id]);
  for (const entry of shown) {
    const row = root.querySelector(`tr[data-initiative="${CSS.escape(entry.id)}"]`);
    const currency = labels.currencies[entry.id] ?? "SAR";
    const raised = entry.raised[currency] ?? 0;
    setCell(row, "raised", formatMoney({ value: raised, currency }, intl, { wholeUnits: "short" }));
    setCell(row, "donations", number.format(entry.donations));
    setCell(row, "progress", percent.format(raised / (labels.goals[entry.id] ?? 1)));
  }
  for (const entry of stats.designations) {
    const row = root.querySelector(`tr[data-designation="${entry.designation}"]`);
    const amounts = Object.entries(entry.raised).map(([currency, value]) =>
      formatMoney({ value, currency }, intl, { wholeUnits: "short" }),
    );
    if (amounts.length > 0) setCell(row, "raised", amounts.join(" · "));
    setCell(row, "donations", number.format(entry.donations));
  }
  const source = root.querySelector("[data-figures-source]");
  if (source) source.textContent = labels.live;

  const chart = root.querySelector<HTMLElement>("[data-chart]");
  const canvas = chart?.querySelector("canvas");
  if (!chart || !canvas) return;
  chart.hidden = false;
  await drawChart(
    canvas,
    shown.map((entry) => labels.initiatives[entry.id] ?? entry.id),
    shown.map((entry) => {
      const currency = labels.currencies[entry.id] ?? "SAR";
      return (entry.raised[currency] ?? 0) / 10 ** minorDigits(currency);
    }),
    dir,
  );
}
