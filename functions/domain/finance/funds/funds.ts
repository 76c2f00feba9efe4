import type { Figures, FundBalances, FundRow } from "../../../../contract/finance/views.ts";
import { requireRole, type StaffPrincipal } from "../../../auth/staff.ts";
import { hijriMonthsPeriod } from "../../calendars.ts";
import { ValidationError } from "../../errors.ts";
import type { FundFeeRow } from "./fund-fees.ts";

/** A fund's running figures of one council day (the ledger transaction and cover transfers keep them). */
export interface FundDayRow {
  day: string;
  designation: string;
  fund: string;
  currency: string;
  gross: number;
  refunds: number;
  payments: number;
  transfers: number;
}

export interface FundsStore {
  /**
   * The fund rows and payouts' fee rows of the days `from` to `to` (inclusive), reading at most `maxPages`
   * pages of the one partition; `complete` is false when more were left.
   */
  fundsBetween(
    from: string,
    to: string,
    maxPages: number,
  ): Promise<{ days: FundDayRow[]; fees: FundFeeRow[]; complete: boolean }>;
}

/**
 * A request reads at most a year of days (366: a leap year; a Hijri year is 354 or 355), and at most 4
 * pages of 1 MB: a day holds a row per designation, fund and currency that moved (a few dozen at most for
 * a council with tens of initiatives), about 250 bytes each, so a busy year fits in two pages.
 */
export const MAX_FUNDS_DAYS = 366;
export const MAX_FUNDS_PAGES = 4;

export type FundsPeriod =
  | { calendar: "gregorian"; from: string; to: string }
  | { calendar: "hijri"; from: { year: number; month: number }; to: { year: number; month: number } };

const empty = (): Figures => ({
  gross: 0,
  refunds: 0,
  fees: 0,
  transfers: 0,
  net: 0,
  payments: 0,
  paymentsNotInPayout: 0,
});

function add(into: Figures, from: Partial<Figures> & { paymentsInPayouts?: number }) {
  into.gross += from.gross ?? 0;
  into.refunds += from.refunds ?? 0;
  into.fees += from.fees ?? 0;
  into.transfers += from.transfers ?? 0;
  into.payments += from.payments ?? 0;
  into.paymentsNotInPayout += (from.payments ?? 0) - (from.paymentsInPayouts ?? 0);
  into.net = into.gross - into.refunds - into.fees + into.transfers;
}

const DAY_MS = 86_400_000;
const hijriLabel = ({ year, month }: { year: number; month: number }) =>
  `${year}-${String(month).padStart(2, "0")}`;

/** The period as inclusive Gregorian dates in the council's calendar; 400 when reversed or too long. */
export function resolvePeriod(period: FundsPeriod): FundBalances["period"] {
  const resolved =
    period.calendar === "gregorian"
      ? { from: period.from, to: period.to }
      : {
          ...hijriMonthsPeriod(period.from, period.to),
          hijri: { from: hijriLabel(period.from), to: hijriLabel(period.to) },
        };
  const days = (Date.parse(resolved.to) - Date.parse(resolved.from)) / DAY_MS + 1;
  if (days < 1) throw new ValidationError([{ field: "to", code: "period_reversed" }]);
  if (days > MAX_FUNDS_DAYS) throw new ValidationError([{ field: "to", code: "funds_period_too_long" }]);
  return resolved;
}

/** Sums day rows and fee rows into figures per designation × fund × currency, and the subtotals. */
export function fundBalancesOf(
  days: readonly FundDayRow[],
  fees: readonly FundFeeRow[],
): Omit<FundBalances, "period" | "generatedAt"> {
  const rows = new Map<string, FundRow>();
  const rowOf = (designation: string, fund: string, currency: string) => {
    const key = `${designation}#${fund}#${currency}`;
    const row = rows.get(key) ?? { designation, fund, currency, ...empty() };
    rows.set(key, row);
    return row;
  };
  for (const day of days) add(rowOf(day.designation, day.fund, day.currency), day);
  const settled = new Map<string, number>();
  for (const fee of fees) {
    add(rowOf(fee.designation, fee.fund, fee.currency), { fees: fee.fees, paymentsInPayouts: fee.payments });
    settled.set(
      fee.settledFees.currency,
      (settled.get(fee.settledFees.currency) ?? 0) + fee.settledFees.value,
    );
  }
  const sorted = [...rows.values()].sort((a, b) =>
    `${a.designation}#${a.fund}#${a.currency}`.localeCompare(`${b.designation}#${b.fund}#${b.currency}`),
  );
  const designations = new Map<string, Figures & { designation: string; currency: string }>();
  const funds = new Map<string, { fund: string; currency: string; byDesignation: Record<string, Figures> }>();
  for (const row of sorted) {
    const figures = { ...row, paymentsInPayouts: row.payments - row.paymentsNotInPayout };
    const designationKey = `${row.designation}#${row.currency}`;
    const designation = designations.get(designationKey) ?? {
      designation: row.designation,
      currency: row.currency,
      ...empty(),
    };
    add(designation, figures);
    designations.set(designationKey, designation);
    const fundKey = `${row.fund}#${row.currency}`;
    const fund = funds.get(fundKey) ?? { fund: row.fund, currency: row.currency, byDesignation: {} };
    const part = fund.byDesignation[row.designation] ?? empty();
    add(part, figures);
    fund.byDesignation[row.designation] = part;
    funds.set(fundKey, fund);
  }
  return {
    rows: sorted,
    designations: [...designations.values()],
    funds: [...funds.values()],
    settledFees: [...settled]
      .map(([currency, value]) => ({ currency, value }))
      .sort((a, b) => a.currency.localeCompare(b.currency)),
  };
}

/** GET /api/finance/funds: the finance role only; a read, so nothing is audited. */
export async function fundBalances(
  deps: { funds: FundsStore; clock: { now(): Date } },
  staff: StaffPrincipal,
  period: FundsPeriod,
): Promise<FundBalances> {
  requireRole(staff, "finance");
  const resolved = resolvePeriod(period);
  const { days, fees, complete } = await deps.funds.fundsBetween(resolved.from, resolved.to, MAX_FUNDS_PAGES);
  if (!complete) throw new ValidationError([{ field: "to", code: "funds_period_too_long" }]);
  return { period: resolved, ...fundBalancesOf(days, fees), generatedAt: deps.clock.now().toISOString() };
}
