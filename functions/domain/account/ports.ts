import type { Locale } from "../../../content/locales.ts";
import type { Money } from "../../../contract/money.ts";
import type { Designation, Interval, MovementKind } from "../../../contract/vocabulary.ts";

/** What the donor's partition holds, as the account's domain reads it (functions/table/account/donor-store.ts). */
export interface DonorProfile {
  donorId: string;
  name: string;
  locale: Locale;
  firstGiftAt?: string;
  /** Sessions signed with a lower epoch have ended (sign-out everywhere, erasure); absent is 0. */
  sessionEpoch: number;
  /** When the profile was made (functions/domain/account/session-liveness.ts). */
  bornAt?: string;
  /** The running totals, by attribute name (functions/domain/account/donor-totals.ts). */
  counters: Record<string, number>;
}

/** A monthly gift or sponsorship, with its live state from the donation item. */
export interface DonorMonthly {
  donationId: string;
  kind: "donation" | "adoption";
  initiativeId?: string;
  amount: Money;
  feeCover?: Money;
  designation: Designation;
  units?: number;
  startedAt: string;
  subscriptionId?: string;
  /** The end of the latest period paid for. */
  paidThrough?: string;
  canceledAt?: string;
  /** A cancellation scheduled for the end of the paid period. */
  cancelAt?: string;
}

/** One movement in the donor's history. */
export interface DonorGift {
  at: string;
  donationId: string;
  movementId: string;
  kind: MovementKind;
  amount: Money;
  signedAmount: number;
  designation: Designation;
  interval: Interval;
  fund: "initiative" | "general";
  initiativeId?: string;
  adoption?: { units: number; share?: number };
  gYear: number;
  hYear: number;
  hMonth: number;
  receipt?: { number: string; accessToken: string };
}

/** A period of history: instants bounding it (generously) and the calendar year its rows must belong to. */
export interface StatementQuery {
  fromAt: string;
  toAt: string;
  calendar: "gregorian" | "hijri";
  year: number;
}

export interface DonorStore {
  /** The profile and the monthly gifts with their state: one Query and at most one BatchGet. */
  overview(donorId: string): Promise<{ profile?: DonorProfile; monthly: DonorMonthly[] }>;
  /**
   * A page of history, newest first, with the profile (for the session epoch): two calls. The cursor is
   * opaque and bound to the donor; another donor's, or a mangled one, is a ValidationError on `cursor`.
   */
  history(
    donorId: string,
    page: { cursor?: string | undefined; limit: number },
  ): Promise<{ profile?: DonorProfile; items: DonorGift[]; cursor?: string }>;
  /** The profile and a year's rows, oldest first, at most STATEMENT_ROWS of them (`truncated` beyond). */
  statementRows(
    donorId: string,
    query: StatementQuery,
  ): Promise<{ profile?: DonorProfile; items: DonorGift[]; truncated: boolean }>;
}

/** A statement lists this many movements at most; its totals, from the counters, count every one. */
export const STATEMENT_ROWS = 2000;
