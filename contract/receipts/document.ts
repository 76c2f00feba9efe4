import type { Locale } from "../../content/locales.ts";
import type { Money } from "../money.ts";
import type { Designation } from "../vocabulary.ts";

/**
 * Everything a tax receipt states, frozen when its number is issued: the e-mail, the printable page and
 * finance's exports all render this one record, so they can never disagree.
 */
export interface ReceiptDocument {
  /** Printed form, e.g. "2026-000123": the calendar year (council's time zone) and a gapless sequence. */
  receiptNumber: string;
  year: number;
  sequence: number;
  /** When the number was issued (ISO 8601). */
  issuedAt: string;
  /** When the payment was made (ISO 8601). */
  paidAt: string;
  donationId: string;
  /** The donor's language: the e-mail and the default page language. */
  locale: Locale;
  donor: { name: string; email: string };
  /** What this payment brought in, including any processing fee the donor chose to cover. */
  amount: Money;
  /** The part of `amount` that covers the processing fee, when the donor chose to cover it. */
  feeCover?: Money;
  interval: "once" | "month";
  /** Monthly gifts: the period this charge pays for (ISO dates). */
  period?: { start: string; end: string };
  designation: Designation;
  /** Where the gift goes: an initiative, or the council's general fund. */
  fund: { kind: "initiative"; initiativeId: string; title: Record<Locale, string> } | { kind: "general" };
  dedication?: { kind: "honor" | "memory"; name: string };
  /** The provider's reference for this payment (pi_… for one-time gifts, in_… for monthly charges). */
  paymentReference: string;
  /** Unguessable token that opens the printable receipt page. */
  accessToken: string;
}

/** An e-mail ready to send: rendered in the recipient's language. */
export interface OutgoingEmail {
  /** Stable id (e.g. `receipt-2026-000123`): the outbox file name and the SES idempotency hint. */
  id: string;
  kind: "receipt" | "dedication" | "signin";
  locale: Locale;
  to: { name: string; email: string };
  subject: string;
  text: string;
  html: string;
}

/** Sends e-mail: Amazon SES in AWS, `.eml` files in the local outbox otherwise. */
export interface Mailer {
  send(message: OutgoingEmail): Promise<void>;
}
