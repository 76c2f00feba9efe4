import type { Locale } from "../../content/locales.ts";

/**
 * The columns of each export, with their headers in both languages. `donorText` marks text a donor typed
 * (the formula guard applies to it); `amount` and `minor` cells read the currency from `currencyKey`.
 */
export type CellKind = "text" | "donorText" | "amount" | "minor" | "count";

export interface ExportColumn {
  key: string;
  header: Record<Locale, string>;
  kind: CellKind;
  currencyKey?: string;
}

export type ExportRow = Record<string, string | number | undefined>;

export interface ExportTable {
  columns: readonly ExportColumn[];
  rows: readonly ExportRow[];
}

export const EXPORT_KINDS = ["donations", "refunds", "payouts", "funds"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

const text = (key: string, ar: string, en: string): ExportColumn => ({
  key,
  header: { ar, en },
  kind: "text",
});
const donorText = (key: string, ar: string, en: string): ExportColumn => ({
  key,
  header: { ar, en },
  kind: "donorText",
});
const amount = (key: string, ar: string, en: string, currencyKey = "currency"): ExportColumn => ({
  key,
  header: { ar, en },
  kind: "amount",
  currencyKey,
});
const minor = (key: string, ar: string, en: string, currencyKey = "currency"): ExportColumn => ({
  key,
  header: { ar, en },
  kind: "minor",
  currencyKey,
});
const count = (key: string, ar: string, en: string): ExportColumn => ({
  key,
  header: { ar, en },
  kind: "count",
});

const MOVEMENT_COLUMNS: readonly ExportColumn[] = [
  text("date", "التاريخ", "Date"),
  text("hijriDate", "التاريخ الهجري", "Hijri date"),
  text("at", "الوقت (UTC)", "Time (UTC)"),
  text("kind", "نوع الحركة", "Movement"),
  text("donationId", "رقم التبرع", "Donation"),
  text("reference", "مرجع Stripe", "Stripe reference"),
  text("chargeId", "العملية الأصلية", "Charge"),
  text("designation", "التخصيص", "Designation"),
  text("fund", "الصندوق", "Fund"),
  text("initiativeId", "المبادرة", "Initiative"),
  text("interval", "التكرار", "Interval"),
  donorText("donorName", "اسم المتبرع", "Donor name"),
  donorText("donorEmail", "بريد المتبرع", "Donor e-mail"),
  amount("amount", "المبلغ", "Amount"),
  minor("amountMinor", "المبلغ بالوحدة الصغرى", "Amount (minor units)"),
  text("currency", "العملة", "Currency"),
];

export const COLUMNS: Record<ExportKind, readonly ExportColumn[]> = {
  donations: MOVEMENT_COLUMNS,
  refunds: MOVEMENT_COLUMNS,
  payouts: [
    text("payoutId", "رقم الدفعة", "Payout"),
    text("date", "التاريخ", "Date"),
    text("hijriDate", "التاريخ الهجري", "Hijri date"),
    text("arrivalDate", "تاريخ الوصول", "Arrival date"),
    text("status", "الحالة", "Status"),
    amount("amount", "المبلغ", "Amount"),
    minor("amountMinor", "المبلغ بالوحدة الصغرى", "Amount (minor units)"),
    amount("fees", "رسوم Stripe", "Stripe fees"),
    minor("feesMinor", "الرسوم بالوحدة الصغرى", "Fees (minor units)"),
    text("currency", "العملة", "Currency"),
    count("transactions", "عدد العمليات", "Transactions"),
    count("openExceptions", "استثناءات مفتوحة", "Open exceptions"),
    text("reconciledAt", "تاريخ المطابقة", "Reconciled at"),
  ],
  funds: [
    text("designation", "التخصيص", "Designation"),
    text("fund", "الصندوق", "Fund"),
    text("initiativeId", "المبادرة", "Initiative"),
    text("currency", "العملة", "Currency"),
    count("payments", "عدد الدفعات", "Payments"),
    amount("gross", "الإجمالي", "Gross"),
    minor("grossMinor", "الإجمالي بالوحدة الصغرى", "Gross (minor units)"),
    amount("refunds", "المسترد والمتنازع عليه", "Refunds and disputes"),
    minor("refundsMinor", "المسترد بالوحدة الصغرى", "Refunds (minor units)"),
    amount("net", "الصافي", "Net"),
    minor("netMinor", "الصافي بالوحدة الصغرى", "Net (minor units)"),
    amount("fees", "رسوم Stripe المسواة", "Stripe fees (settled)", "feeCurrency"),
    minor("feesMinor", "الرسوم بالوحدة الصغرى", "Fees (minor units)", "feeCurrency"),
    text("feeCurrency", "عملة التسوية", "Settlement currency"),
  ],
};
