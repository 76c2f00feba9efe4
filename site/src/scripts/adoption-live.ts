/**
 * The adoption counter's live figures and the adopters' names, from GET /api/initiatives/{id}/availability
 * (the built page shows the figures of /api/stats at build time, and names nobody).
 */
import type { Locale } from "../../../content/locales.ts";
import type { AvailabilityView } from "../../../contract/views/availability.ts";
import {
  type AdoptionStrings,
  type AdoptionTerms,
  adoptersParts,
  type KnownAvailability,
  unitCounterTexts,
  wholeStatusText,
} from "../lib/adoption.ts";

/** The live view, or undefined while the API cannot say (the page keeps what it shows). */
export async function fetchAvailability(initiativeId: string): Promise<AvailabilityView | undefined> {
  try {
    // Each visit asks again (CloudFront still keeps answers for a few seconds): a donor coming back from
    // paying should see their own adoption counted.
    const response = await fetch(`/api/initiatives/${encodeURIComponent(initiativeId)}/availability`, {
      headers: { accept: "application/json" },
      cache: "no-cache",
    });
    return response.ok ? ((await response.json()) as AvailabilityView) : undefined;
  } catch {
    return undefined;
  }
}

function setCount(
  counter: HTMLElement,
  name: keyof ReturnType<typeof unitCounterTexts>,
  value: number,
  text: string,
) {
  const slot = counter.querySelector<HTMLElement>(`[data-count="${name}"]`);
  if (!slot) return;
  slot.textContent = text;
  slot.dataset.value = String(value);
}

/** Shows the figures (and, once the live view brought them, the adopters) in the page's counter. */
export function showCounter(
  counter: HTMLElement,
  figures: KnownAvailability,
  context: { terms: AdoptionTerms; locale: Locale; strings: AdoptionStrings },
): void {
  const { terms, locale, strings } = context;
  if (terms.model === "units") {
    const texts = unitCounterTexts(figures, locale, strings);
    setCount(counter, "adopted", figures.adopted, texts.adopted);
    setCount(counter, "held", figures.held, texts.held);
    setCount(counter, "free", figures.free, texts.free);
    const meter = counter.querySelector<HTMLMeterElement>("[data-counter-meter]");
    if (meter) {
      meter.max = figures.total;
      meter.value = figures.adopted;
      meter.textContent = `${Math.round((figures.adopted / figures.total) * 100)}%`;
    }
  } else {
    const status = counter.querySelector<HTMLElement>("[data-whole-status]");
    if (status) status.textContent = wholeStatusText(figures, figures.recognition, strings);
  }
  // A whole initiative's adopter is named in its status; units list theirs below the figures.
  const adopters = counter.querySelector<HTMLElement>("[data-adopters]");
  const names = adopters?.querySelector<HTMLElement>("[data-adopters-names]");
  if (adopters && names && figures.recognition) {
    names.replaceChildren(
      ...adoptersParts(figures.recognition, locale, strings).map((part) => {
        if (part.type === "literal") return part.value;
        const name = document.createElement("bdi");
        name.textContent = part.value;
        return name;
      }),
    );
    adopters.hidden = terms.model !== "units" || figures.recognition.length === 0;
  }
  if (figures.recognition) counter.dataset.counterSource = "live";
}
