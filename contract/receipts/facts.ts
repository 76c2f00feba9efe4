import { LOCALES, type Locale } from "../../content/locales.ts";
import { DEFAULT_TIME_ZONE, dualDate, gregorianDate, monthOf } from "../dates.ts";
import { formatMoney } from "../money.ts";
import type { ReceiptDocument } from "./document.ts";
import { fill, isolate, RECEIPT_WORDING } from "./wording.ts";

/**
 * The facts a receipt states, worded in one language: the e-mail and the printable page both lay out
 * this list. Importable by the site's script, so nothing here may pull in the AWS SDK or zod.
 */

/** What a receipt needs from the council: both `Council` (content/schema-org.ts) and the API's view fit. */
export interface CouncilIdentity {
  name: Record<Locale, string>;
  registration: { number: string; authority: Record<Locale, string> };
}

/** A receipt without what the page never receives: the access token and the donor's e-mail. */
export type ReceiptFactsSource = Omit<ReceiptDocument, "accessToken" | "donor"> & { donor: { name: string } };

export type ReceiptFactKey =
  | "donor"
  | "amount"
  | "feeCover"
  | "interval"
  | "designation"
  | "fund"
  | "dedication"
  | "paidOn"
  | "reference";

export interface ReceiptFact {
  key: ReceiptFactKey;
  label: string;
  value: string;
}

export interface ReceiptText {
  /** "Receipt no. 2026-000123" */
  title: string;
  /** The council's legal name. */
  issuer: string;
  /** "Registration no. 1150, National Center for Non-Profit Sector Development" */
  registration: string;
  facts: ReceiptFact[];
  /** Sentences under the facts (the zakat note). */
  notes: string[];
  /** "This receipt was issued on …" */
  issued: string;
}

function intervalText(receipt: ReceiptFactsSource, locale: Locale, timeZone: string): string {
  const words = RECEIPT_WORDING[locale];
  if (receipt.interval === "once") return words.once;
  const { period } = receipt;
  const month = monthOf(locale, period?.start ?? receipt.paidAt, timeZone);
  if (!period) return fill(words.monthly, { month });
  return fill(words.monthlyPeriod, {
    month,
    start: gregorianDate(locale, period.start, timeZone),
    end: gregorianDate(locale, period.end, timeZone),
  });
}

/** The initiative's title in the locale, or the council's general fund. */
export function fundText(fund: ReceiptFactsSource["fund"], locale: Locale): string {
  return fund.kind === "initiative" ? fund.title[locale] : RECEIPT_WORDING[locale].generalFund;
}

export function dedicationText(
  dedication: { kind: "honor" | "memory"; name: string },
  locale: Locale,
): string {
  const words = RECEIPT_WORDING[locale];
  return fill(words.dedications[dedication.kind], { name: isolate(dedication.name || words.erased) });
}

/** "Registration no. 1150, National Center for Non-Profit Sector Development" */
export function registrationText(council: CouncilIdentity, locale: Locale): string {
  return fill(RECEIPT_WORDING[locale].registration, {
    number: council.registration.number,
    authority: council.registration.authority[locale],
  });
}

export function describeReceipt(
  receipt: ReceiptFactsSource,
  council: CouncilIdentity,
  { locale = receipt.locale, timeZone = DEFAULT_TIME_ZONE }: { locale?: Locale; timeZone?: string } = {},
): ReceiptText {
  const words = RECEIPT_WORDING[locale];
  const money = (value: ReceiptDocument["amount"]) => formatMoney(value, LOCALES[locale].intl);
  const fact = (key: ReceiptFactKey, value: string): ReceiptFact => ({
    key,
    label: words.labels[key],
    value,
  });
  const facts = [
    // Erased at the donor's request: the receipt stays (accounting), the name does not.
    fact("donor", receipt.donor.name || words.erased),
    fact("amount", money(receipt.amount)),
    receipt.feeCover && fact("feeCover", money(receipt.feeCover)),
    fact("interval", intervalText(receipt, locale, timeZone)),
    fact("designation", words.designations[receipt.designation]),
    fact("fund", fundText(receipt.fund, locale)),
    receipt.dedication && fact("dedication", dedicationText(receipt.dedication, locale)),
    fact("paidOn", dualDate(locale, receipt.paidAt, timeZone)),
    fact("reference", receipt.paymentReference),
  ].filter((entry): entry is ReceiptFact => Boolean(entry));
  return {
    title: fill(words.receiptNumber, { number: isolate(receipt.receiptNumber) }),
    issuer: council.name[locale],
    registration: registrationText(council, locale),
    facts,
    notes: receipt.designation === "zakat" ? [words.zakatNote] : [],
    issued: fill(words.issuedOn, { date: dualDate(locale, receipt.issuedAt, timeZone) }),
  };
}
