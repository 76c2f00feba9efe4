import type { Locale } from "../../content/locales.ts";
import type { Designation } from "../vocabulary.ts";

/**
 * The words of receipts and dedication cards, shared by the e-mails (functions) and the printable page
 * (site script), so a donor reads the same receipt in both. Typed per locale: a missing phrase in one
 * language fails the type check. Designations are worded as the donation form words them
 * (site/src/i18n/*.json `donate.designation.*`; tests/unit/contract/receipts/receipt-wording.test.ts keeps them equal).
 */
export interface ReceiptWording {
  subject: string;
  greeting: string;
  thanks: string;
  receiptNumber: string;
  registration: string;
  labels: {
    donor: string;
    amount: string;
    feeCover: string;
    interval: string;
    designation: string;
    fund: string;
    dedication: string;
    paidOn: string;
    reference: string;
  };
  once: string;
  monthly: string;
  monthlyPeriod: string;
  designations: Record<Designation, string>;
  generalFund: string;
  dedications: Record<"honor" | "memory", string>;
  zakatNote: string;
  printableLink: string;
  /** In place of a name the donor had erased (their data-rights request). */
  erased: string;
  issuedOn: string;
  closing: string;
  card: {
    subject: string;
    greeting: string;
    opening: string;
    body: Record<"honor" | "memory", string>;
    fund: string;
    closing: string;
  };
}

export const RECEIPT_WORDING: Record<Locale, ReceiptWording> = {
  ar: {
    subject: "إيصال تبرعك رقم {number} من {council}",
    greeting: "الأخ الكريم/الأخت الكريمة {name}،",
    thanks: "جزاك الله خيراً على عطائك. هذا إيصال تبرعك، ونرجو الاحتفاظ به في سجلاتك.",
    receiptNumber: "إيصال رقم {number}",
    registration: "مسجّل برقم {number} لدى {authority}",
    labels: {
      donor: "اسم المتبرع",
      amount: "المبلغ",
      feeCover: "منه لتغطية رسوم معالجة الدفع",
      interval: "دورية التبرع",
      designation: "نوع التبرع",
      fund: "وجهة التبرع",
      dedication: "الإهداء",
      paidOn: "تاريخ الدفع",
      reference: "مرجع الدفع",
    },
    once: "تبرع لمرة واحدة",
    monthly: "تبرع شهري عن شهر {month}",
    monthlyPeriod: "تبرع شهري عن شهر {month} (المدة من {start} إلى {end})",
    designations: { general: "تبرع عام", sadaqah: "صدقة", zakat: "زكاة" },
    generalFund: "الصندوق العام للمجلس",
    dedications: { honor: "إهداءً إلى {name}", memory: "إحياءً لذكرى {name}" },
    zakatNote: "تُصرف أموال الزكاة في مصارفها الشرعية وحدها.",
    printableLink: "اعرض الإيصال واطبعه",
    erased: "محذوف بطلب المتبرع",
    issuedOn: "صدر هذا الإيصال في {date}.",
    closing: "مع خالص الشكر والتقدير،",
    card: {
      subject: "{dedication}: تبرعٌ من {donor}",
      greeting: "إلى {name}،",
      opening: "السلام عليكم ورحمة الله وبركاته، وبعد:",
      body: {
        honor: "يسعدنا أن نخبرك بأن تبرعاً قُدِّم من {donor} إهداءً إلى {name}، تقديراً ومحبة.",
        memory: "نحيطك علماً، مع خالص التقدير، بأن تبرعاً قُدِّم من {donor} إحياءً لذكرى {name}.",
      },
      fund: "وقد وُجّه التبرع إلى: {fund}.",
      closing: "نسأل الله أن يجعله في ميزان الحسنات. مع خالص التحية،",
    },
  },
  en: {
    subject: "Receipt no. {number} for your donation to {council}",
    greeting: "Dear {name},",
    thanks: "Thank you for your gift. This is your receipt; please keep it for your records.",
    receiptNumber: "Receipt no. {number}",
    registration: "Registration no. {number}, {authority}",
    labels: {
      donor: "Donor",
      amount: "Amount",
      feeCover: "Of which, processing fee covered",
      interval: "Frequency",
      designation: "Type of gift",
      fund: "Towards",
      dedication: "Dedication",
      paidOn: "Payment date",
      reference: "Payment reference",
    },
    once: "One-time gift",
    monthly: "Monthly gift for {month}",
    monthlyPeriod: "Monthly gift for {month} (period {start} to {end})",
    designations: { general: "General donation", sadaqah: "Sadaqah", zakat: "Zakat" },
    generalFund: "The council's general fund",
    dedications: { honor: "In honour of {name}", memory: "In memory of {name}" },
    zakatNote: "Zakat is spent only on the purposes for which zakat may lawfully be given.",
    printableLink: "View and print this receipt",
    erased: "Erased at the donor's request",
    issuedOn: "This receipt was issued on {date}.",
    closing: "With our thanks,",
    card: {
      subject: "{dedication}: a gift from {donor}",
      greeting: "Dear {name},",
      opening: "We are writing with news we hope will touch you.",
      body: {
        honor:
          "We are glad to tell you that {donor} has made a gift in honour of {name}, with respect and affection.",
        memory: "With respect, we let you know that {donor} has made a gift in memory of {name}.",
      },
      fund: "The gift goes to: {fund}.",
      closing: "May it bring lasting good. With warm regards,",
    },
  },
};

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/**
 * A name or a number set apart for the bidirectional algorithm (FSI … PDI), so a Latin name in an Arabic
 * sentence (or an Arabic one in English) keeps its place, and "2026-000123" is not shown as "000123-2026"
 * in a right-to-left line.
 */
export function isolate(name: string): string {
  return `\u2068${name}\u2069`;
}
