import type { Council } from "../../content/schema-org.ts";
import { DEFAULT_TIME_ZONE } from "../../contract/dates.ts";
import type { OutgoingEmail, ReceiptDocument } from "../../contract/receipts/document.ts";
import { describeReceipt } from "../../contract/receipts/facts.ts";
import { fill, isolate, RECEIPT_WORDING } from "../../contract/receipts/wording.ts";
import { button, factList, heading, htmlDocument, letterhead, paragraph, signature } from "./email-layout.ts";

export interface ReceiptEmailOptions {
  /** Where donors reach the site, e.g. https://give.example.org (a trailing slash is fine). */
  publicBaseUrl: string;
  /** The council's time zone for the dates (default Asia/Riyadh). */
  timeZone?: string;
}

/** The printable receipt page; the token is what lets it open a receipt, so it is never logged. */
export function receiptPageUrl(doc: ReceiptDocument, publicBaseUrl: string): string {
  const query = new URLSearchParams({ n: doc.receiptNumber, k: doc.accessToken });
  return `${publicBaseUrl.replace(/\/+$/, "")}/${doc.locale}/receipt/?${query}`;
}

/** The tax receipt e-mailed to the donor in the donor's language, from the frozen receipt document. */
export function renderReceiptEmail(
  doc: ReceiptDocument,
  council: Council,
  { publicBaseUrl, timeZone = DEFAULT_TIME_ZONE }: ReceiptEmailOptions,
): OutgoingEmail {
  const { locale } = doc;
  const words = RECEIPT_WORDING[locale];
  const receipt = describeReceipt(doc, council, { locale, timeZone });
  const link = receiptPageUrl(doc, publicBaseUrl);
  const greeting = fill(words.greeting, { name: isolate(doc.donor.name) });
  const subject = fill(words.subject, {
    number: isolate(doc.receiptNumber),
    council: council.shortName[locale],
  });

  const text = [
    receipt.issuer,
    receipt.registration,
    "",
    receipt.title,
    "",
    greeting,
    words.thanks,
    "",
    ...receipt.facts.map((fact) => `${fact.label}: ${fact.value}`),
    "",
    ...receipt.notes.flatMap((note) => [note, ""]),
    `${words.printableLink}: ${link}`,
    "",
    receipt.issued,
    "",
    words.closing,
    council.shortName[locale],
    "",
  ].join("\n");

  const html = htmlDocument(locale, subject, [
    letterhead(receipt.issuer, receipt.registration),
    heading(receipt.title),
    paragraph(greeting),
    paragraph(words.thanks),
    factList(receipt.facts),
    ...receipt.notes.map((note) => paragraph(note)),
    button(link, words.printableLink),
    paragraph(receipt.issued, { muted: true }),
    signature(words.closing, council.shortName[locale]),
  ]);

  return { id: `receipt-${doc.receiptNumber}`, kind: "receipt", locale, to: doc.donor, subject, text, html };
}
