import type { Locale } from "../../content/locales.ts";
import type { Money } from "../money.ts";
import type { Designation, Interval, MovementKind } from "../vocabulary.ts";

/**
 * What the donor's account pages receive from the API (JSON). The API builds these; the site, the
 * statement PDF and the tests read them. Amounts are minor units; every figure is net of refunds and
 * disputes unless its name says otherwise.
 */
export type LocalizedText = Record<Locale, string>;

/** One currency's figure: the net amount and how many payments made it. */
export interface CurrencyFigure {
  currency: string;
  amount: number;
  payments: number;
}

export interface InitiativeRef {
  id: string;
  title: LocalizedText;
}

export interface DashboardTotals {
  allTime: CurrencyFigure[];
  byGregorianYear: { year: number; figures: CurrencyFigure[] }[];
  /** Zakat is reckoned by Hijri (islamic-umalqura) year, in the council's time zone. */
  byHijriYear: { year: number; figures: CurrencyFigure[] }[];
  byDesignation: { designation: Designation; figures: CurrencyFigure[] }[];
  /** `initiative` null is the council's general fund. */
  byInitiative: { initiative: InitiativeRef | null; figures: CurrencyFigure[] }[];
  byCurrency: CurrencyFigure[];
  /** Gregorian months (`2026-11`), oldest first: the "giving over time" chart. */
  byMonth: { month: string; figures: CurrencyFigure[] }[];
}

export interface MonthlyCommitment {
  donationId: string;
  kind: "donation" | "adoption";
  initiative: InitiativeRef | null;
  /** One charge: the gift plus any fee cover. */
  amount: Money;
  designation: Designation;
  units?: number;
  startedAt: string;
  /** The end of the period paid for: the next charge is due then (null once it has ended). */
  nextChargeAt: string | null;
  status: "active" | "ending" | "ended";
  /** Whether the card can be changed or the gift cancelled (Stripe's customer portal, or its local stand-in). */
  manageable: boolean;
}

/** "Your gifts covered 7 orphan-months and part of one family kit." */
export interface ImpactFigure {
  initiative: InitiativeRef;
  metricId: string;
  label: LocalizedText;
  /** Whole units the donor's giving stands for, by the initiative's attribution rule… */
  whole: number;
  /** …and the part of one more (0 ≤ part < 1). */
  part: number;
}

export interface DashboardView {
  donor: { name: string; locale: Locale; firstGiftAt: string | null };
  totals: DashboardTotals;
  monthly: MonthlyCommitment[];
  impact: ImpactFigure[];
  // The latest stories of the initiatives the donor funded come with the site (content/story-refs.ts).
  generatedAt: string;
}

/** One row of the history: a payment, or money going back (refund, dispute). */
export interface HistoryItem {
  at: string;
  kind: MovementKind;
  donationId: string;
  amount: Money;
  /** Negative when money went back. */
  signedAmount: number;
  designation: Designation;
  interval: Interval;
  initiative: InitiativeRef | null;
  adoption?: { units: number; share?: number };
  /** Payments, once numbered: the printable receipt (a path on the site, with its key). */
  receipt?: { number: string; url: LocalizedText };
}

export interface HistoryPage {
  items: HistoryItem[];
  /** Opaque; absent on the last page. */
  cursor?: string;
}

export type StatementCalendar = "gregorian" | "hijri";

/** A year's giving, for zakat and tax: printable, and as a PDF. */
export interface GivingStatement {
  calendar: StatementCalendar;
  year: number;
  /** The period in ISO dates (inclusive), in the council's time zone. */
  period: { from: string; to: string };
  donor: { name: string };
  /** As on receipts: the council's name and its registration (number and authority). */
  council: { name: LocalizedText; registration: { number: string; authority: LocalizedText } };
  totals: {
    byCurrency: CurrencyFigure[];
    byDesignation: { designation: Designation; figures: CurrencyFigure[] }[];
    byInitiative: { initiative: InitiativeRef | null; figures: CurrencyFigure[] }[];
  };
  /** The year's movements, oldest first. */
  items: HistoryItem[];
  /** True when the year has more movements than a statement lists (the totals still count them all). */
  truncated: boolean;
  generatedAt: string;
}
