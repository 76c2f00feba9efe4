import { LOCALE_CODES, type Locale } from "../../../content/locales.ts";
import type {
  DashboardView,
  GivingStatement,
  HistoryItem,
  HistoryPage,
  MonthlyCommitment,
  StatementCalendar,
} from "../../../contract/views/account.ts";
import type { DonorSession } from "../../auth/session.ts";
import { addDays, yearPeriod } from "../calendars.ts";
import { UnauthenticatedError, ValidationError } from "../errors.ts";
import type { Catalog, Clock } from "../ports.ts";
import type { DonorGift, DonorMonthly, DonorProfile, DonorStore } from "./ports.ts";
import { isSessionLive } from "./session-liveness.ts";
import { dashboardTotals, impactFigures, initiativeRef, statementTotals } from "./totals.ts";

/**
 * The signed-in donor's account: dashboard, history and giving statement. Every read is of the session's
 * own partition (the donor id comes from the signed cookie, never from the request), and every one checks
 * that the session has not been ended since it was signed.
 */
export interface AccountDeps {
  donors: DonorStore;
  catalog: Catalog;
  clock: Clock;
}

export const STATEMENT_YEARS = {
  gregorian: { min: 2000, max: 2100 },
  hijri: { min: 1420, max: 1520 },
} as const;

/** No profile (erased), a raised epoch (sign-out, erasure) or a younger profile: the session is over. */
function assertSessionLive(session: DonorSession, profile: DonorProfile | undefined): void {
  if (!isSessionLive(session, profile)) throw new UnauthenticatedError("session_ended");
}

function commitment(monthly: DonorMonthly, catalog: Catalog, now: Date): MonthlyCommitment {
  const paidThrough = monthly.paidThrough ?? null;
  const periodRuns = paidThrough !== null && Date.parse(paidThrough) > now.getTime();
  // Cancelled gifts run to the end of the period paid for (a sponsorship keeps its units until then); one
  // set to stop at the period's end charges no more.
  const status = monthly.canceledAt
    ? periodRuns
      ? "ending"
      : "ended"
    : monthly.cancelAt
      ? "ending"
      : "active";
  return {
    donationId: monthly.donationId,
    kind: monthly.kind,
    initiative: monthly.initiativeId ? initiativeRef(catalog, monthly.initiativeId) : null,
    amount: {
      value: monthly.amount.value + (monthly.feeCover?.value ?? 0),
      currency: monthly.amount.currency,
    },
    designation: monthly.designation,
    ...(monthly.units !== undefined ? { units: monthly.units } : {}),
    startedAt: monthly.startedAt,
    nextChargeAt: status === "active" ? paidThrough : null,
    status,
    manageable: status === "active" && Boolean(monthly.subscriptionId),
  };
}

export async function getDashboard(deps: AccountDeps, session: DonorSession): Promise<DashboardView> {
  const { profile, monthly } = await deps.donors.overview(session.donorId);
  assertSessionLive(session, profile);
  const counters = profile?.counters ?? {};
  const now = deps.clock.now();
  return {
    donor: {
      name: profile?.name ?? "",
      locale: profile?.locale ?? session.locale,
      firstGiftAt: profile?.firstGiftAt ?? null,
    },
    totals: dashboardTotals(deps.catalog, counters),
    monthly: monthly
      .map((row) => commitment(row, deps.catalog, now))
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt)),
    impact: impactFigures(deps.catalog, counters),
    generatedAt: now.toISOString(),
  };
}

/** The printable receipt page (site/src/pages/[lang]/receipt.astro) takes the number and its key. */
function receiptUrl(locale: Locale, receipt: { number: string; accessToken: string }): string {
  const query = new URLSearchParams({ n: receipt.number, k: receipt.accessToken });
  return `/${locale}/receipt/?${query.toString()}`;
}

function historyItem(gift: DonorGift, catalog: Catalog): HistoryItem {
  const { receipt } = gift;
  return {
    at: gift.at,
    kind: gift.kind,
    donationId: gift.donationId,
    amount: gift.amount,
    signedAmount: gift.signedAmount,
    designation: gift.designation,
    interval: gift.interval,
    initiative: gift.initiativeId ? initiativeRef(catalog, gift.initiativeId) : null,
    ...(gift.adoption ? { adoption: gift.adoption } : {}),
    ...(receipt
      ? {
          receipt: {
            number: receipt.number,
            url: Object.fromEntries(
              LOCALE_CODES.map((locale) => [locale, receiptUrl(locale, receipt)]),
            ) as Record<Locale, string>,
          },
        }
      : {}),
  };
}

export async function getHistory(
  deps: AccountDeps,
  session: DonorSession,
  page: { cursor?: string | undefined; limit: number },
): Promise<HistoryPage> {
  const { profile, items, cursor } = await deps.donors.history(session.donorId, page);
  assertSessionLive(session, profile);
  return { items: items.map((gift) => historyItem(gift, deps.catalog)), ...(cursor ? { cursor } : {}) };
}

export async function getStatement(
  deps: AccountDeps,
  session: DonorSession,
  { calendar, year }: { calendar: StatementCalendar; year: number },
): Promise<GivingStatement> {
  const bounds = STATEMENT_YEARS[calendar];
  if (!Number.isInteger(year) || year < bounds.min || year > bounds.max) {
    throw new ValidationError([{ field: "year", code: "field_invalid" }]);
  }
  const period = yearPeriod(calendar, year);
  // A day either side covers any time zone; each row's own calendar year (stored with it) decides.
  const { profile, items, truncated } = await deps.donors.statementRows(session.donorId, {
    fromAt: `${addDays(period.from, -1)}T00:00:00.000Z`,
    toAt: `${addDays(period.to, 2)}T00:00:00.000Z`,
    calendar,
    year,
  });
  assertSessionLive(session, profile);
  const council = deps.catalog.council();
  return {
    calendar,
    year,
    period,
    donor: { name: profile?.name ?? "" },
    council: {
      name: { ...council.name },
      registration: { number: council.registration.number, authority: { ...council.registration.authority } },
    },
    totals: statementTotals(deps.catalog, profile?.counters ?? {}, calendar, year),
    items: items.map((gift) => historyItem(gift, deps.catalog)),
    truncated,
    generatedAt: deps.clock.now().toISOString(),
  };
}
