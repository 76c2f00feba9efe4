/**
 * The island of an initiative page with an adoption form (AdoptionForm.astro) and its counter
 * (AdoptionCounter.astro). Without JavaScript the form posts to /api/adoptions/checkout and the counter
 * shows the figures the page was built with. With it: the counter, the adopters' names and what the form
 * offers follow the live availability (on load, and again when the page comes back from the cache); the
 * total follows the number of units; the form is checked and posted as form-island.ts does, and a 409 shows
 * the API's message beside the units and puts the number still free in the counter.
 */
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "../../../content/locales.ts";
import { adoptionFormToRequest } from "../../../contract/adoption/form.ts";
import {
  type AdoptionStrings,
  type AdoptionTerms,
  canAdopt,
  completingShare,
  type KnownAvailability,
  partlyCoveredTexts,
  unitFiguresOr,
  unitsTotalText,
} from "../lib/adoption.ts";
import { fetchAvailability, showCounter } from "./adoption-live.ts";
import { enhanceFormIsland, formFields, type ShownIssue } from "./form-island.ts";

let validation: Promise<typeof import("./adoption-validation.ts")> | undefined;
const loadValidation = () => {
  validation ??= import("./adoption-validation.ts");
  return validation;
};

interface Page {
  form: HTMLFormElement;
  counter: HTMLElement | null;
  terms: AdoptionTerms;
  strings: AdoptionStrings;
  locale: Locale;
  /** At most this many units at once, whatever is free (MAX_UNITS_PER_ADOPTION, or the initiative's size). */
  maxUnits: number;
}

const element = <T extends HTMLElement>(form: HTMLFormElement, selector: string) =>
  form.querySelector<T>(selector);

/** "Total: 2 × SAR 300 = SAR 600 a month", as the donor changes the number (nothing while it is not one). */
function followUnits(page: Page): void {
  const units = element<HTMLInputElement>(page.form, 'input[name="units"][type="number"]');
  const total = element<HTMLOutputElement>(page.form, "[data-units-total]");
  if (!units || !total) return;
  const update = () => {
    const count = Number(units.value);
    const valid = Number.isInteger(count) && count >= 1 && count <= page.maxUnits;
    total.value = valid ? unitsTotalText(count, page.terms, page.locale, page.strings) : "";
  };
  units.addEventListener("input", update);
  update();
}

/**
 * What the form offers, from what is free: the most units one may ask for, the half-covered units and the
 * share completing one (chosen for the donor until they choose themselves), or a notice that nothing is
 * left to adopt.
 */
function offerWhatIsFree(page: Page, availability: KnownAvailability, donorChoseShare: boolean): void {
  const { form, locale, strings } = page;
  const units = element<HTMLInputElement>(form, 'input[name="units"][type="number"]');
  const hint = element<HTMLElement>(form, "[data-units-hint-text]");
  if (units && hint) {
    const max = Math.max(1, Math.min(page.maxUnits, availability.free));
    units.max = String(max);
    hint.textContent = (form.dataset.unitsHint ?? "").replace(
      "{max}",
      new Intl.NumberFormat(LOCALES[locale].intl).format(max),
    );
  }
  const partly = element<HTMLElement>(form, "[data-partly-covered]");
  if (partly) {
    partly.textContent = partlyCoveredTexts(availability.shared?.partlyCovered ?? [], locale, strings).join(
      " ",
    );
    partly.hidden = partly.textContent === "";
  }
  const share = completingShare(availability);
  const radio = element<HTMLInputElement>(form, `input[name="share"][value="${share}"]`);
  if (share !== undefined && radio && !donorChoseShare) radio.checked = true;
  // The form stays usable: what is free changes by the minute, and the API has the last word.
  const closed = element<HTMLElement>(form, "[data-adoption-closed]");
  if (closed) closed.hidden = canAdopt(availability);
}

/** A 409's `free`, and its message beside what the donor asked for (units, or a share). */
function refusalIssues(status: number, body: unknown, fields: Record<string, string | undefined>) {
  const free = (body as { free?: unknown })?.free;
  const message = (body as { message?: unknown })?.message;
  if (status !== 409 || typeof free !== "number" || typeof message !== "string") return undefined;
  const field = fields.share && fields.share !== "whole" ? "share" : "units";
  return { free, issues: [{ field, message }] as ShownIssue[] };
}

function enhance(form: HTMLFormElement): void {
  const localeField = formFields(form).locale;
  const page: Page = {
    form,
    counter: document.querySelector<HTMLElement>("[data-adoption-counter]"),
    terms: JSON.parse(form.dataset.terms ?? "{}") as AdoptionTerms,
    strings: JSON.parse(form.dataset.strings ?? "{}") as AdoptionStrings,
    locale: isLocale(localeField) ? localeField : DEFAULT_LOCALE,
    maxUnits: Number(element<HTMLInputElement>(form, 'input[name="units"][type="number"]')?.max || 1),
  };
  const built = page.counter?.dataset.figures;
  let known: KnownAvailability = built
    ? (JSON.parse(built) as KnownAvailability)
    : unitFiguresOr(page.terms, undefined);
  let donorChoseShare = false;
  form.addEventListener("change", (event) => {
    if (event.target instanceof HTMLInputElement && event.target.name === "share") donorChoseShare = true;
  });

  // Until the API has said what is free, the built page's figures may be stale: leave the count to the API.
  let current = false;
  const show = (availability: KnownAvailability) => {
    known = availability;
    current = true;
    if (page.counter) showCounter(page.counter, availability, page);
    offerWhatIsFree(page, availability, donorChoseShare);
  };
  const refresh = async () => {
    const live = await fetchAvailability(page.terms.initiativeId);
    if (live) show(live);
  };
  // Back from the payment page, the browser may show this page as it was: ask again.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) void refresh();
  });

  followUnits(page);
  enhanceFormIsland(form, {
    validate: async (fields) =>
      (await loadValidation()).validateAdoption(
        fields,
        page.terms,
        current ? known : { ...known, free: Number.POSITIVE_INFINITY },
        page.locale,
      ),
    preload: () => void loadValidation(),
    toRequest: adoptionFormToRequest,
    issuesOfRefusal: (status, body) => {
      const refusal = refusalIssues(status, body, formFields(form));
      if (!refusal) return undefined;
      show({ ...known, free: refusal.free });
      return refusal.issues;
    },
  });
  void refresh();
}

export function enhanceAdoptionPage(): void {
  const form = document.querySelector<HTMLFormElement>("form[data-adoption-form]");
  if (form) enhance(form);
}
