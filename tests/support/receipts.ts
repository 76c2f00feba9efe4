import type { OutgoingEmail, ReceiptDocument } from "../../contract/receipts/document.ts";
import { createCatalog } from "../../functions/adapters/catalog.ts";

/** Receipts as the sequencer freezes them, for the receipt and mailer tests. */
export const council = createCatalog().council();

export const PUBLIC_BASE_URL = "https://give.example.org";

/** A one-time SAR gift to an initiative, paid on 1 Ramadan 1447 (18 February 2026, Riyadh time). */
export const oneTimeSar: ReceiptDocument = {
  receiptNumber: "2026-000123",
  year: 2026,
  sequence: 123,
  issuedAt: "2026-02-18T09:00:05Z",
  paidAt: "2026-02-18T09:00:00Z",
  donationId: "don_01JONETIME",
  locale: "ar",
  donor: { name: "Khalid Al-Harbi", email: "khalid@example.org" },
  amount: { value: 15050, currency: "SAR" },
  interval: "once",
  designation: "sadaqah",
  fund: {
    kind: "initiative",
    initiativeId: "ramadan-food-baskets-2026",
    title: { ar: "سلال رمضان الغذائية 2026", en: "Ramadan food baskets 2026" },
  },
  paymentReference: "pi_3OneTimeSar",
  accessToken: "rcpt_tok_4f9c2a71e0b3d8",
};

/**
 * A monthly KWD zakat charge with the fee covered and a dedication, paid at 22:30 UTC on 19 March 2026:
 * already 20 March (1 Shawwal 1447) in Riyadh.
 */
export const monthlyKwdZakat: ReceiptDocument = {
  receiptNumber: "2026-000456",
  year: 2026,
  sequence: 456,
  issuedAt: "2026-03-19T22:30:09Z",
  paidAt: "2026-03-19T22:30:00Z",
  donationId: "don_01JMONTHLY",
  locale: "en",
  donor: { name: "فاطمة العتيبي", email: "fatima@example.org" },
  amount: { value: 12500, currency: "KWD" },
  feeCover: { value: 370, currency: "KWD" },
  interval: "month",
  period: { start: "2026-03-01", end: "2026-03-31" },
  designation: "zakat",
  fund: {
    kind: "initiative",
    initiativeId: "monthly-orphan-sponsorship",
    title: { ar: "الكفالة الشهرية لليتيم", en: "Monthly orphan sponsorship" },
  },
  dedication: { kind: "memory", name: "Abdullah Al-Otaibi" },
  paymentReference: "in_1MonthlyKwd",
  accessToken: "rcpt_tok_91be06c4d2aa57",
};

/** A general donation to the council's general fund. */
export const generalFund: ReceiptDocument = {
  ...oneTimeSar,
  receiptNumber: "2026-000789",
  sequence: 789,
  donationId: "don_01JGENERAL",
  designation: "general",
  fund: { kind: "general" },
  amount: { value: 50000, currency: "SAR" },
  paymentReference: "pi_3GeneralFund",
};

export function inLocale(doc: ReceiptDocument, locale: ReceiptDocument["locale"]): ReceiptDocument {
  return { ...doc, locale };
}

/** Who the mailers send as in tests. */
export const sender = {
  name: { ar: "مجلس الجمعيات الخيرية", en: "The Charities Council" },
  email: "receipts@charities-council.example.org",
};

export const arabicMessage: OutgoingEmail = {
  id: "receipt-2026-000123",
  kind: "receipt",
  locale: "ar",
  to: { name: "خالد الحربي", email: "khalid@example.org" },
  subject: "إيصال تبرعك رقم 2026-000123",
  text: "جزاك الله خيراً على عطائك.\nالمبلغ: 150.50 ر.س.",
  html: '<!doctype html><html lang="ar" dir="rtl"><body><p>جزاك الله خيراً على عطائك.</p></body></html>',
};
