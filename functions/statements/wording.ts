import type { Locale } from "../../content/locales.ts";
import type { MovementKind } from "../../contract/vocabulary.ts";

/**
 * The words of the giving statement. Designations, the general fund and the registration line come from
 * the receipts' wording (contract/receipts/wording.ts) so a statement and a receipt say the same.
 */
export interface StatementWording {
  title: string;
  gregorianYear: string;
  hijriYear: string;
  period: string;
  hijriPeriod: string;
  donor: string;
  totalsByCurrency: string;
  totalsByDesignation: string;
  totalsByInitiative: string;
  /** "{count} payments", by the locale's plural category (Intl.PluralRules). */
  payments: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
  movements: string;
  columns: { date: string; towards: string; designation: string; amount: string; receipt: string };
  kinds: Record<Exclude<MovementKind, "payment">, string>;
  monthly: string;
  nothing: string;
  truncated: string;
  generatedOn: string;
  page: string;
}

export const STATEMENT_WORDING: Record<Locale, StatementWording> = {
  ar: {
    title: "كشف التبرعات السنوي",
    gregorianYear: "سنة {year} م",
    hijriYear: "سنة {year} هـ",
    period: "الفترة من {from} إلى {to}",
    hijriPeriod: "الفترة من {from} إلى {to}، الموافق {gregorianFrom} إلى {gregorianTo}",
    donor: "المتبرع: {name}",
    totalsByCurrency: "المجموع حسب العملة",
    totalsByDesignation: "المجموع حسب نوع التبرع",
    totalsByInitiative: "المجموع حسب المبادرة",
    payments: {
      zero: "لا دفعات",
      one: "دفعة واحدة",
      two: "دفعتان",
      few: "{count} دفعات",
      many: "{count} دفعة",
      other: "{count} دفعة",
    },
    movements: "تفاصيل الحركات",
    columns: {
      date: "التاريخ",
      towards: "وجهة التبرع",
      designation: "النوع",
      amount: "المبلغ",
      receipt: "الإيصال",
    },
    kinds: {
      refund: "استرداد",
      dispute_withdrawal: "اعتراض على الدفع",
      dispute_reinstatement: "إعادة بعد اعتراض",
    },
    monthly: "شهري",
    nothing: "لا توجد تبرعات مسجّلة في هذه الفترة.",
    truncated: "يعرض هذا الكشف جزءاً من حركات السنة فقط، والمجاميع أعلاه تشملها كلها.",
    generatedOn: "أُنشئ هذا الكشف في {date}.",
    page: "صفحة {page} من {pages}",
  },
  en: {
    title: "Annual giving statement",
    gregorianYear: "Year {year}",
    hijriYear: "Year {year} AH",
    period: "Period {from} to {to}",
    hijriPeriod: "Period {from} to {to} ({gregorianFrom} to {gregorianTo})",
    donor: "Donor: {name}",
    totalsByCurrency: "Totals by currency",
    totalsByDesignation: "Totals by type of gift",
    totalsByInitiative: "Totals by initiative",
    payments: { one: "{count} payment", other: "{count} payments" },
    movements: "Movements",
    columns: { date: "Date", towards: "Towards", designation: "Type", amount: "Amount", receipt: "Receipt" },
    kinds: {
      refund: "Refund",
      dispute_withdrawal: "Disputed payment",
      dispute_reinstatement: "Dispute reversed",
    },
    monthly: "monthly",
    nothing: "No gifts are recorded in this period.",
    truncated: "This statement lists only part of the year's movements; the totals above count them all.",
    generatedOn: "Statement generated on {date}.",
    page: "Page {page} of {pages}",
  },
};
