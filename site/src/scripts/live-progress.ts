/** Refreshes an initiative page's progress bar with the live figures of /api/stats (build-time otherwise). */
import type { Locale } from "../../../content/locales.ts";
import type { FundingModel } from "../../../content/schema.ts";
import type { PublicStats } from "../../../contract/views/stats.ts";
import { alsoReceivedText, type ProgressStrings, progressView } from "../lib/progress.ts";

interface LiveProgress {
  id: string;
  locale: Locale;
  funding: FundingModel;
  currency: string;
  status: string;
  strings: ProgressStrings;
}

export async function refreshProgress(): Promise<void> {
  const elements = [...document.querySelectorAll<HTMLElement>("[data-live-progress]")];
  if (elements.length === 0) return;
  let stats: PublicStats;
  try {
    const response = await fetch("/api/stats", { headers: { accept: "application/json" } });
    if (!response.ok) return;
    stats = (await response.json()) as PublicStats;
  } catch {
    return;
  }
  for (const element of elements) {
    const spec = JSON.parse(element.dataset.liveProgress ?? "{}") as LiveProgress;
    const entry = stats.initiatives.find((candidate) => candidate.id === spec.id);
    if (!entry) continue;
    const view = progressView(spec, entry, spec.locale, spec.strings);
    const meter = element.querySelector("meter");
    const text = element.querySelector(".progress__text");
    const others = element.querySelector<HTMLElement>(".progress__others");
    if (meter) {
      meter.max = view.max;
      meter.value = view.value;
      meter.textContent = `${view.percent}%`;
    }
    if (text) text.textContent = view.text;
    if (others) {
      others.textContent = alsoReceivedText(spec, entry, spec.locale, spec.strings);
      others.hidden = others.textContent === "";
    }
    element.dataset.progressSource = "live";
  }
}
