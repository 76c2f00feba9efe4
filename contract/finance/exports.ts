import type { Locale } from "../../content/locales.ts";

/**
 * The columns of each export, with their headers in both languages. `donorText` marks text a donor typed
 * (the formula guard applies to it); `amount` and `minor` cells read the currency from `currencyKey`.
 */
/** `day`: a council day (YYYY-MM-DD); `instant`: an ISO 8601 time, in UTC. Spreadsheets get real dates for both. */
export type CellKind = "text" | "donorText" | "amount" | "minor" | "count" | "day" | "instant";

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

/** A column of one kind: `text("date", "التاريخ", "Date")`; amounts name the column holding their currency. */
const column =
  (kind: CellKind) =>
  (key: string, ar: string, en: string, currencyKey?: string): ExportColumn => ({
    key,
    header: { ar, en },
    kind,
    ...(kind === "amount" || kind === "minor" ? { currencyKey: currencyKey ?? "currency" } : {}),
  });
const text = column("text");
const donorText = column("donorText");
const amount = column("amount");
const minor = column("minor");
const count = column("count");
const day = column("day");
const instant = column("instant");

const MOVEMENT_COLUMNS: readonly ExportColumn[] = [
  day("date", "التاريخ", "Date"),
  text("hijriDate", "التاريخ الهجري", "Hijri date"),
  instant("at", "الوقت (UTC)", "Time (UTC)"),
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
    text("payoutId", "رقم التحويل", "Payout"),
    day("date", "التاريخ", "Date"),
    text("hijriDate", "التاريخ الهجري", "Hijri date"),
    instant("arrivalDate", "تاريخ الوصول (UTC)", "Arrival date (UTC)"),
    text("status", "الحالة", "Status"),
    amount("amount", "المبلغ", "Amount"),
    minor("amountMinor", "المبلغ بالوحدة الصغرى", "Amount (minor units)"),
    amount("fees", "رسوم Stripe", "Stripe fees"),
    minor("feesMinor", "الرسوم بالوحدة الصغرى", "Fees (minor units)"),
    text("currency", "العملة", "Currency"),
    count("transactions", "عدد العمليات", "Transactions"),
    count("openExceptions", "استثناءات مفتوحة", "Open exceptions"),
    instant("reconciledAt", "تاريخ المطابقة (UTC)", "Reconciled at (UTC)"),
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
    amount("fees", "رسوم Stripe", "Stripe fees"),
    minor("feesMinor", "الرسوم بالوحدة الصغرى", "Fees (minor units)"),
    amount("transfers", "التحويلات بين الصناديق", "Transfers between funds"),
    minor("transfersMinor", "التحويلات بالوحدة الصغرى", "Transfers (minor units)"),
    amount("net", "الصافي", "Net"),
    minor("netMinor", "الصافي بالوحدة الصغرى", "Net (minor units)"),
  ],
};

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * An export's period as council calendar days (inclusive ISO dates), asked for either in Gregorian dates
 * or in Hijri months (`1447-09` is Ramadan 1447), which become the days those months cover.
 */
export interface ExportRange {
  from: string;
  to: string;
  hijriFrom?: string;
  hijriTo?: string;
}

export type ExportStatus = "queued" | "running" | "done" | "failed";

/** What the console shows of a job; `downloadUrl` once the file is ready. */
export interface ExportView {
  exportId: string;
  kind: ExportKind;
  format: ExportFormat;
  locale: Locale;
  range: ExportRange;
  status: ExportStatus;
  createdAt: string;
  /** Done: the data rows written, and the name the download is offered under. */
  rows?: number;
  fileName?: string;
  finishedAt?: string;
  error?: string;
  downloadUrl?: string;
}
