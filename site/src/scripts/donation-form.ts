/**
 * Progressive enhancement of the donation form. Without JavaScript the form posts to /api/checkout and the
 * API answers 303 to the checkout page. With it: presets follow the chosen currency, the fee label shows
 * the sum, each field is checked as the donor leaves it and again as they correct it (with the API's own
 * schema and messages, from donation-validation.ts, loaded on first use), and the form posts JSON so any
 * error the API still finds appears beside its field.
 */
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "../../../content/locales.ts";
import type { DonationChoicesContext } from "../../../functions/domain/donation-choices.ts";
import { type DonationFormFields, donationFormToRequest } from "../../../functions/domain/donation-form.ts";
import { formatMoney, minimumDonation, parseMajorAmount } from "../../../functions/domain/money.ts";
import { feeLabelValue } from "../lib/fee-label.ts";
import type { ShownIssue } from "./donation-validation.ts";

let validation: Promise<typeof import("./donation-validation.ts")> | undefined;
const loadValidation = () => {
  validation ??= import("./donation-validation.ts");
  return validation;
};

interface ApiErrorBody {
  message: string;
  details?: ShownIssue[];
}

function isApiError(body: unknown): body is ApiErrorBody {
  return typeof body === "object" && body !== null && typeof (body as ApiErrorBody).message === "string";
}

/** The fields as a browser would post them: checked radios and boxes only. */
function formFields(form: HTMLFormElement): DonationFormFields {
  const fields: DonationFormFields = {};
  for (const [name, value] of new FormData(form)) if (typeof value === "string") fields[name] = value;
  return fields;
}

class FormView {
  readonly form: HTMLFormElement;
  readonly alert: HTMLElement;

  constructor(form: HTMLFormElement, alert: HTMLElement) {
    this.form = form;
    this.alert = alert;
  }

  private controls(field: string) {
    return this.form.querySelectorAll<HTMLElement>(`[data-field="${CSS.escape(field)}"]`);
  }

  /** Shows each listed field's first issue beside it (or clears it); other fields keep what they show. */
  showFields(issues: ShownIssue[], shown: (field: string) => boolean): void {
    for (const slot of this.form.querySelectorAll<HTMLElement>("[data-error-for]")) {
      const field = slot.dataset.errorFor ?? "";
      if (!shown(field)) continue;
      const message = issues.find((issue) => issue.field === field)?.message ?? "";
      slot.textContent = message;
      for (const control of this.controls(field)) {
        if (message) control.setAttribute("aria-invalid", "true");
        else control.removeAttribute("aria-invalid");
      }
    }
  }

  /** The summary above the form (role=alert), then focus on the first field to correct. */
  showSummary(heading: string, issues: ShownIssue[]): void {
    const title = document.createElement("p");
    title.textContent = heading;
    const list = document.createElement("ul");
    for (const issue of issues) {
      const item = document.createElement("li");
      item.textContent = issue.message;
      list.append(item);
    }
    this.alert.replaceChildren(title, ...(issues.length > 0 ? [list] : []));
    (this.form.querySelector<HTMLElement>('[aria-invalid="true"]') ?? this.alert).focus();
  }

  clearSummary(): void {
    this.alert.replaceChildren();
  }
}

/** Presets are in the page's currency: shown only while it is the one chosen. The hint names its minimum. */
function followCurrency(
  form: HTMLFormElement,
  amount: HTMLInputElement,
  currency: HTMLSelectElement,
  intl: string,
) {
  const presets = form.querySelector<HTMLFieldSetElement>("fieldset[data-presets]");
  const buttons = [...(presets?.querySelectorAll<HTMLButtonElement>("button[data-amount]") ?? [])];
  const hint = form.querySelector<HTMLElement>("[data-amount-hint-text]");
  const syncPressed = () => {
    for (const button of buttons) {
      button.setAttribute("aria-pressed", String(button.dataset.amount === amount.value.trim()));
    }
  };
  const syncCurrency = () => {
    if (presets) presets.hidden = presets.dataset.currency !== currency.value;
    const minimum = formatMoney(minimumDonation(currency.value), intl, { wholeUnits: "short" });
    if (hint) hint.textContent = (form.dataset.amountHint ?? "").replace("{minimum}", minimum);
  };
  for (const button of buttons) {
    button.addEventListener("click", () => {
      amount.value = button.dataset.amount ?? "";
      syncPressed();
      amount.dispatchEvent(new Event("input", { bubbles: true }));
    });
  }
  amount.addEventListener("input", syncPressed);
  currency.addEventListener("change", syncCurrency);
  syncCurrency();
}

function enhance(form: HTMLFormElement): void {
  const alert = form.querySelector<HTMLElement>("[data-form-alert]");
  const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  const amount = form.querySelector<HTMLInputElement>('input[name="amount"]');
  const currency = form.querySelector<HTMLSelectElement>('select[name="currency"]');
  const feeLabel = form.querySelector<HTMLElement>('label[for="donation-cover-fee"]');
  if (!alert || !submit || !amount || !currency || !feeLabel) return;
  const context = JSON.parse(form.dataset.choices ?? "{}") as DonationChoicesContext;
  const localeField = formFields(form).locale;
  const locale: Locale = isLocale(localeField) ? localeField : DEFAULT_LOCALE;
  const { intl } = LOCALES[locale];
  const view = new FormView(form, alert);
  const submitLabel = submit.textContent ?? "";
  // Our messages (in the page's language) replace the browser's own bubbles.
  form.noValidate = true;
  followCurrency(form, amount, currency, intl);

  const updateFee = () => {
    const value = parseMajorAmount(amount.value, currency.value) ?? 0;
    const fee = feeLabelValue(context.giving.processingFee, { value, currency: currency.value }, intl);
    feeLabel.textContent = (form.dataset.feeLabel ?? "").replace("{fee}", fee);
  };
  form.addEventListener("input", updateFee);
  form.addEventListener("change", updateFee);
  updateFee();

  // A field is checked once the donor has left it, then on every change, so nobody is told off mid-word.
  const touched = new Set<string>();
  let run = 0;
  const revalidate = async () => {
    const current = ++run;
    const issues = (await loadValidation()).validateDonation(formFields(form), context, locale);
    if (current !== run) return;
    view.showFields(issues, (field) => touched.has(field));
    if (issues.length === 0) view.clearSummary();
  };
  const fieldOf = (target: EventTarget | null) =>
    target instanceof HTMLElement ? target.dataset.field : undefined;
  form.addEventListener("focusin", () => void loadValidation(), { once: true });
  form.addEventListener("focusout", (event) => {
    const field = fieldOf(event.target);
    if (!field) return;
    touched.add(field);
    void revalidate();
  });
  const onEdit = (event: Event) => {
    const field = fieldOf(event.target);
    if (field && touched.has(field)) void revalidate();
  };
  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);

  const setBusy = (busy: boolean) => {
    submit.disabled = busy;
    submit.textContent = busy ? (form.dataset.submitting ?? submitLabel) : submitLabel;
  };
  // Coming back from the payment page with the back button restores this page from the cache.
  window.addEventListener("pageshow", () => setBusy(false));

  const showIssues = (heading: string, issues: ShownIssue[]) => {
    for (const issue of issues) touched.add(issue.field);
    view.showFields(issues, () => true);
    view.showSummary(heading, issues);
  };
  const summaryHeading = (issues: ShownIssue[], fallback: string) =>
    issues.length > 0 ? (form.dataset.errorSummary ?? fallback) : fallback;

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const fields = formFields(form);
    // Should the checks fail to load (a flaky connection), the API still checks and answers in kind.
    const issues = await loadValidation().then(
      (module) => module.validateDonation(fields, context, locale),
      () => [],
    );
    if (issues.length > 0) {
      showIssues(summaryHeading(issues, ""), issues);
      return;
    }
    view.clearSummary();
    setBusy(true);
    const networkError = form.dataset.networkError ?? "";
    try {
      const response = await fetch(form.action, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({
          ...(donationFormToRequest(fields) as Record<string, unknown>),
          // Cloudflare Turnstile's token, when the bot check is on (its widget fills this field).
          ...(fields["cf-turnstile-response"] ? { turnstileToken: fields["cf-turnstile-response"] } : {}),
        }),
      });
      const body: unknown = await response.json().catch(() => undefined);
      if (response.status === 201 && typeof (body as { checkoutUrl?: unknown })?.checkoutUrl === "string") {
        window.location.assign((body as { checkoutUrl: string }).checkoutUrl);
        return;
      }
      setBusy(false);
      // A Turnstile token is good for one try: a refused attempt needs a fresh one.
      (window as { turnstile?: { reset(): void } }).turnstile?.reset();
      const error = isApiError(body) ? body : { message: networkError };
      showIssues(summaryHeading(error.details ?? [], error.message), error.details ?? []);
    } catch {
      setBusy(false);
      showIssues(networkError, []);
    }
  });
}

export function enhanceDonationForms(): void {
  for (const form of document.querySelectorAll<HTMLFormElement>("form[data-donation-form]")) enhance(form);
}
