/**
 * Money is an integer amount in the currency's minor unit plus an ISO 4217 code. The number of minor
 * digits comes from ICU (Intl), which knows that KWD, BHD, OMR and JOD have three.
 */
export interface Money {
  value: number;
  currency: string;
}

const digitsCache = new Map<string, number>();

export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits as number;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/**
 * Parses an amount typed by a person in major units ("100", "100.5", "١٠٠٫٥٠", "1,000") into minor units,
 * without floating point. Returns undefined when the text is not an amount in that currency's precision.
 */
export function parseMajorAmount(text: string, currency: string): number | undefined {
  const normalized = text
    .trim()
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u066b]/g, ".")
    .replace(/[,\u066c\s]/g, "");
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(normalized);
  if (!match) return undefined;
  const digits = minorDigits(currency);
  const [, whole = "0", fraction = ""] = match;
  if (fraction.length > digits) return undefined;
  const value = Number(whole + fraction.padEnd(digits, "0"));
  return Number.isSafeInteger(value) ? value : undefined;
}

/**
 * `wholeUnits: "short"` drops the fraction of whole amounts (SAR 50, not SAR 50.00) for goals and suggested
 * gifts; receipts and confirmations keep every digit.
 */
export function formatMoney(
  money: Money,
  locale: string,
  { wholeUnits = "full" }: { wholeUnits?: "full" | "short" } = {},
): string {
  const digits = minorDigits(money.currency);
  const short = wholeUnits === "short" && money.value % 10 ** digits === 0;
  // Building a formatter costs far more than using one; statements format thousands of amounts.
  const key = `${locale}|${money.currency}|${short}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: money.currency,
      ...(short ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
    });
    moneyFormats.set(key, format);
  }
  return format.format(money.value / 10 ** digits);
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * The smallest gift we accept per currency: above the card networks' minimum charge and high enough to
 * make card testing unattractive. Currencies not listed fall back to 5 major units.
 */
const MINIMUM_MAJOR_UNITS: Record<string, number> = {
  SAR: 5,
  AED: 5,
  KWD: 1,
  BHD: 1,
  OMR: 1,
  JOD: 1,
  QAR: 5,
  EGP: 50,
  MAD: 10,
  USD: 2,
  EUR: 2,
  GBP: 2,
};

export function minimumDonation(currency: string): Money {
  return { value: (MINIMUM_MAJOR_UNITS[currency] ?? 5) * 10 ** minorDigits(currency), currency };
}

/**
 * Card payments in the three-decimal currencies (KWD, BHD, JOD, OMR, TND) must end in 0: Stripe and the card
 * networks settle them in steps of ten of the minor unit (0.010 KWD).
 */
export function isChargeableByCard(money: Money): boolean {
  return minorDigits(money.currency) !== 3 || money.value % 10 === 0;
}

/** Stripe's largest single charge is eight digits in the minor unit. */
export const MAXIMUM_MINOR_AMOUNT = 99_999_999;

/**
 * The smallest step a card charge in the currency can take, in minor units: 10 in the three-decimal
 * currencies (see isChargeableByCard), 1 elsewhere.
 */
export function cardStep(currency: string): number {
  return minorDigits(currency) === 3 ? 10 : 1;
}

const ISO_CURRENCY_CODES = new Set(Intl.supportedValuesOf("currency"));

/** An upper-case ISO 4217 code that ICU knows (so its minor digits are known too). */
export function isIsoCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && ISO_CURRENCY_CODES.has(code);
}
