import type { Locale } from "../../content/locales.ts";
import type { ExportKind } from "../../contract/finance/exports.ts";

/** Coded values spelled out in the export's language (unknown codes are written as they are). */
const LABELS: Record<Locale, Record<string, string>> = {
  ar: {
    payment: "دفعة",
    refund: "استرداد",
    dispute_withdrawal: "سحب بسبب نزاع",
    dispute_reinstatement: "إعادة بعد نزاع",
    zakat: "زكاة",
    sadaqah: "صدقة",
    general: "عام",
    initiative: "مبادرة",
    once: "مرة واحدة",
    month: "شهري",
    erased: "(محذوف بطلب المتبرع)",
  },
  en: {
    payment: "Payment",
    refund: "Refund",
    dispute_withdrawal: "Dispute withdrawal",
    dispute_reinstatement: "Dispute reinstatement",
    zakat: "Zakat",
    sadaqah: "Sadaqah",
    general: "General",
    initiative: "Initiative",
    once: "One-time",
    month: "Monthly",
    erased: "(erased at the donor's request)",
  },
};

export const label = (locale: Locale, code: string | undefined): string | undefined =>
  code === undefined ? undefined : (LABELS[locale][code] ?? code);

export const SHEET_NAMES: Record<Locale, Record<ExportKind, string>> = {
  ar: { donations: "التبرعات", refunds: "المستردات", payouts: "الدفعات", funds: "أرصدة الصناديق" },
  en: { donations: "Donations", refunds: "Refunds", payouts: "Payouts", funds: "Fund balances" },
};
