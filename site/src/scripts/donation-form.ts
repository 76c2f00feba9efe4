/**
 * Progressive enhancement of the donation form. Without JavaScript the form posts to /api/checkout and the
 * API answers 303 to the checkout page. With it, the form posts JSON, so validation errors (worded by the
 * API in the donor's language) appear beside each field instead of on a separate page.
 */
import { parseMajorAmount } from "../../../functions/domain/money.ts";

interface ApiErrorBody {
  error: string;
  message: string;
  details?: { field: string; code: string; message: string }[];
}

function isApiError(body: unknown): body is ApiErrorBody {
  return typeof body === "object" && body !== null && typeof (body as ApiErrorBody).message === "string";
}

function fieldValue(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === "string" ? value : "";
}

function requestBody(form: HTMLFormElement) {
  const currency = fieldValue(form, "currency");
  return {
    initiativeId: fieldValue(form, "initiativeId"),
    // An amount that does not parse goes as null, so the API words the error like every other one.
    amount: { value: parseMajorAmount(fieldValue(form, "amount"), currency) ?? null, currency },
    interval: fieldValue(form, "interval") || "once",
    designation: fieldValue(form, "designation") || "general",
    donor: { name: fieldValue(form, "name"), email: fieldValue(form, "email") },
    locale: fieldValue(form, "locale"),
    // The honeypot goes as it is: filled means a script filled it.
    website: fieldValue(form, "website"),
  };
}

function clearErrors(form: HTMLFormElement, alert: HTMLElement): void {
  alert.replaceChildren();
  for (const slot of form.querySelectorAll<HTMLElement>("[data-error-for]")) slot.textContent = "";
  for (const input of form.querySelectorAll<HTMLElement>("[aria-invalid]"))
    input.removeAttribute("aria-invalid");
}

function showErrors(form: HTMLFormElement, alert: HTMLElement, body: ApiErrorBody): void {
  const details = body.details ?? [];
  const heading = document.createElement("p");
  heading.textContent = details.length > 0 ? (form.dataset.errorSummary ?? body.message) : body.message;
  const list = document.createElement("ul");
  for (const issue of details) {
    const item = document.createElement("li");
    item.textContent = issue.message;
    list.append(item);
    const slot = form.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(issue.field)}"]`);
    if (slot) slot.textContent = issue.message;
    form.querySelector(`[data-field="${CSS.escape(issue.field)}"]`)?.setAttribute("aria-invalid", "true");
  }
  alert.replaceChildren(heading, ...(details.length > 0 ? [list] : []));
  const firstInvalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
  (firstInvalid ?? alert).focus();
}

function enhancePresets(form: HTMLFormElement, amountInput: HTMLInputElement): void {
  const group = form.querySelector<HTMLFieldSetElement>("fieldset[data-presets]");
  if (!group) return;
  const presets = [...group.querySelectorAll<HTMLButtonElement>("button[data-amount]")];
  const syncPressed = () => {
    for (const preset of presets) {
      preset.setAttribute("aria-pressed", String(preset.dataset.amount === amountInput.value.trim()));
    }
  };
  for (const preset of presets) {
    preset.addEventListener("click", () => {
      amountInput.value = preset.dataset.amount ?? "";
      syncPressed();
    });
  }
  amountInput.addEventListener("input", syncPressed);
  group.hidden = false;
}

function enhance(form: HTMLFormElement): void {
  const alert = form.querySelector<HTMLElement>("[data-form-alert]");
  const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  const amountInput = form.querySelector<HTMLInputElement>('input[name="amount"]');
  if (!alert || !submit || !amountInput) return;
  const submitLabel = submit.textContent ?? "";
  // Our messages (in the page's language) replace the browser's own bubbles.
  form.noValidate = true;
  enhancePresets(form, amountInput);

  const setBusy = (busy: boolean) => {
    submit.disabled = busy;
    submit.textContent = busy ? (form.dataset.submitting ?? submitLabel) : submitLabel;
  };
  // Coming back from the payment page with the back button restores this page from the cache.
  window.addEventListener("pageshow", () => setBusy(false));

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form, alert);
    setBusy(true);
    try {
      const response = await fetch(form.action, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(requestBody(form)),
      });
      const body: unknown = await response.json().catch(() => undefined);
      if (response.status === 201 && typeof (body as { checkoutUrl?: unknown })?.checkoutUrl === "string") {
        window.location.assign((body as { checkoutUrl: string }).checkoutUrl);
        return;
      }
      setBusy(false);
      showErrors(
        form,
        alert,
        isApiError(body) ? body : { error: "", message: form.dataset.networkError ?? "" },
      );
    } catch {
      setBusy(false);
      showErrors(form, alert, { error: "network", message: form.dataset.networkError ?? "" });
    }
  });
}

export function enhanceDonationForms(): void {
  for (const form of document.querySelectorAll<HTMLFormElement>("form[data-donation-form]")) enhance(form);
}
