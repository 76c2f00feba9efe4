import type { Locale } from "../../content/locales.ts";
import type { Council } from "../../content/schema-org.ts";
import type { OutgoingEmail, ReceiptDocument } from "../../contract/receipts/document.ts";
import { dedicationText, fundText, registrationText } from "../../contract/receipts/facts.ts";
import { fill, isolate, RECEIPT_WORDING } from "../../contract/receipts/wording.ts";
import { htmlDocument, letterhead, paragraph, signature } from "./email-layout.ts";

export interface DedicationCardInput {
  /** The language chosen for the card (the donor's, unless the donor picked another). */
  locale: Locale;
  donationId: string;
  dedication: { kind: "honor" | "memory"; name: string; notify: { name: string; email: string } };
  donorName: string;
  fund: ReceiptDocument["fund"];
  council: Council;
}

/**
 * The card telling someone that a gift was made in honour or in memory of a person. It never states the
 * amount: the gift is the donor's to disclose.
 */
export function renderDedicationCard(input: DedicationCardInput): OutgoingEmail {
  const { locale, dedication, council } = input;
  const words = RECEIPT_WORDING[locale];
  const names = { name: isolate(dedication.name), donor: isolate(input.donorName) };
  const subject = fill(words.card.subject, { ...names, dedication: dedicationText(dedication, locale) });
  const greeting = fill(words.card.greeting, { name: isolate(dedication.notify.name) });
  const body = fill(words.card.body[dedication.kind], names);
  const fund = fill(words.card.fund, { fund: fundText(input.fund, locale) });
  const signer = council.shortName[locale];
  const issuer = council.name[locale];
  const registration = registrationText(council, locale);

  const text = [
    issuer,
    registration,
    "",
    greeting,
    "",
    words.card.opening,
    "",
    body,
    fund,
    "",
    words.card.closing,
    signer,
    "",
  ].join("\n");
  const html = htmlDocument(locale, subject, [
    letterhead(issuer, registration),
    paragraph(greeting),
    paragraph(words.card.opening),
    paragraph(body),
    paragraph(fund),
    signature(words.card.closing, signer),
  ]);

  return {
    id: `dedication-${input.donationId}`,
    kind: "dedication",
    locale,
    to: dedication.notify,
    subject,
    text,
    html,
  };
}
