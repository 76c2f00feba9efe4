/**
 * Progressive enhancement of the donation form. Without JavaScript the form posts to /api/checkout and the
 * API answers 303 to the checkout page. With it: presets follow the chosen currency, the fee label shows
 * the sum, and the form is checked and posted as form-island.ts does, with the API's own schema and
 * messages from donation-validation.ts, loaded on first use.
 */
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "../../../content/locales.ts";
import type { DonationChoicesContext } from "../../../contract/donations/choices.ts";
import { donationFormToRequest } from "../../../contract/donations/form.ts";
import { formatMoney, minimumDonation, parseMajorAmount } from "../../../contract/money.ts";
import { feeLabelValue } from "../lib/fee-label.ts";
import { enhanceFormIsland, formFields } from "./form-island.ts";

let validation: Promise<typeof import("./donation-validation.ts")> | undefined;
const loadValidation = () => {
  validation ??= import("./donation-validation.ts");
  return validation;
};

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
  const amount = form.querySelector<HTMLInputElement>('input[name="amount"]');
  const currency = form.querySelector<HTMLSelectElement>('select[name="currency"]');
  const feeLabel = form.querySelector<HTMLElement>('label[for="donation-cover-fee"]');
  if (!amount || !currency || !feeLabel) return;
  const context = JSON.parse(form.dataset.choices ?? "{}") as DonationChoicesContext;
  const localeField = formFields(form).locale;
  const locale: Locale = isLocale(localeField) ? localeField : DEFAULT_LOCALE;
  const { intl } = LOCALES[locale];
  followCurrency(form, amount, currency, intl);

  const updateFee = () => {
    const value = parseMajorAmount(amount.value, currency.value) ?? 0;
    const fee = feeLabelValue(context.giving.processingFee, { value, currency: currency.value }, intl);
    feeLabel.textContent = (form.dataset.feeLabel ?? "").replace("{fee}", fee);
  };
  form.addEventListener("input", updateFee);
  form.addEventListener("change", updateFee);
  updateFee();

  enhanceFormIsland(form, {
    validate: async (fields) => (await loadValidation()).validateDonation(fields, context, locale),
    preload: () => void loadValidation(),
    toRequest: donationFormToRequest,
  });
}

export function enhanceDonationForms(): void {
  for (const form of document.querySelectorAll<HTMLFormElement>("form[data-donation-form]")) enhance(form);
}
