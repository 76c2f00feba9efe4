import type { Council } from "../../content/schema-org.ts";
import type { ReceiptDocument } from "./document.ts";
import type { CouncilIdentity, ReceiptFactsSource } from "./facts.ts";

/**
 * The body of `GET /api/receipts/{receiptNumber}?k=<accessToken>`, which the printable receipt page
 * renders. The page link travels in e-mail, so the answer leaves out the token and the donor's e-mail
 * address: whoever holds the link sees the receipt, nothing more.
 */
export interface ReceiptView {
  receipt: ReceiptFactsSource;
  council: CouncilIdentity;
}

export function toReceiptView(doc: ReceiptDocument, council: Council): ReceiptView {
  const { accessToken: _accessToken, donor, ...receipt } = doc;
  return {
    receipt: { ...receipt, donor: { name: donor.name } },
    council: {
      name: { ...council.name },
      registration: { number: council.registration.number, authority: { ...council.registration.authority } },
    },
  };
}
