import type { Money } from "../../../../contract/money.ts";
import { requireRole, type StaffPrincipal } from "../../../auth/staff.ts";
import { GENERAL_FUND } from "../../account/donor-totals.ts";
import type { AuditLog } from "../../audit.ts";
import { calendarPlace } from "../../calendars.ts";
import { BooksConflictError, NotFoundError } from "../../errors.ts";
import type { Clock, DonationStore } from "../../ports.ts";

export const MAX_COVER_MONTHS = 12;

/** The general fund pays a lapsed sponsorship's months to its initiative: a transfer, not money received. */
export interface SponsorshipCover {
  donationId: string;
  coverId: string;
  months: number;
  /** months × the sponsorship's monthly amount (its units' price, or its share). */
  amount: Money;
  from: { designation: "general"; fund: typeof GENERAL_FUND };
  to: { designation: "general"; fund: string };
  /** The council day it was booked on (fund balances count it there). */
  day: string;
  at: string;
  /** The adoption's end before and after: its units stay adopted until `endsAt`. */
  previousEnd: string;
  endsAt: string;
  note: string;
  by: string;
}

export interface CoverStore {
  /** The paid adoption of a donation: whether it still holds its units, and its scheduled end if any. */
  findAdoption(donationId: string): Promise<{ state: string; endsAt?: string } | undefined>;
  findCover(donationId: string, coverId: string): Promise<SponsorshipCover | undefined>;
  /**
   * One transaction: the transfer's ledger entry (once per cover id), the adoption's later end (only if its
   * end is still `previousEnd` and it is active) and the two funds' day rows. "duplicate" when the cover id
   * was recorded already; "changed" when the adoption moved meanwhile.
   */
  recordCover(
    cover: SponsorshipCover,
    previousEndStored: boolean,
  ): Promise<"recorded" | "duplicate" | "changed">;
}

export interface CoverDeps {
  donations: Pick<DonationStore, "findDonation">;
  covers: CoverStore;
  audit: AuditLog;
  clock: Clock;
  timeZone: string;
}

/** `months` calendar months after an instant (UTC; the 31st runs into the next month as Date does). */
export function addMonths(at: string, months: number): string {
  const date = new Date(at);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString();
}

const ATTEMPTS = 3;

/**
 * Covers a lapsed or ending monthly sponsorship from the general fund for 1 to 12 months: the adoption ends
 * that many months later (its units stay adopted, the beneficiary is not dropped) and the ledger records a
 * transfer general fund → initiative that moves fund balances but is not money received (no totals, no
 * donor's figures, no receipt). Exactly once per cover id; audited.
 */
export async function coverSponsorship(
  deps: CoverDeps,
  staff: StaffPrincipal,
  donationId: string,
  request: { coverId: string; months: number; note: string },
): Promise<SponsorshipCover & { recorded: boolean }> {
  requireRole(staff, "finance");
  const done = await deps.covers.findCover(donationId, request.coverId);
  if (done) return { ...done, recorded: false };
  const { months } = request;
  if (!Number.isInteger(months) || months < 1 || months > MAX_COVER_MONTHS)
    throw new BooksConflictError("cover_months_invalid", `Months must be 1 to ${MAX_COVER_MONTHS}`);
  const donation = await deps.donations.findDonation(donationId);
  if (!donation) throw new NotFoundError("sponsorship_not_found", `No donation ${donationId}`);
  if (!donation.adoption || donation.interval !== "month" || donation.fund.kind !== "initiative")
    throw new BooksConflictError("not_a_sponsorship", `${donationId} is not a monthly sponsorship`);
  const initiativeId = donation.fund.initiativeId;

  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const adoption = await deps.covers.findAdoption(donationId);
    if (!adoption) throw new BooksConflictError("not_a_sponsorship", `${donationId} has no adoption`);
    if (adoption.state !== "active")
      throw new BooksConflictError("sponsorship_ended", `${donationId}'s units were given back`);
    // Only a subscription that has stopped: one still running (a payment failed, a cancellation asked for)
    // may yet be paid, and an end set now would give its units back while the sponsor still pays.
    if (!adoption.endsAt && !donation.canceledAt)
      throw new BooksConflictError("sponsorship_active", `${donationId} is still running`);
    const now = deps.clock.now();
    const previousEnd = adoption.endsAt ?? donation.paidThrough ?? donation.canceledAt ?? now.toISOString();
    const cover: SponsorshipCover = {
      donationId,
      coverId: request.coverId,
      months,
      amount: { value: donation.amount.value * months, currency: donation.amount.currency },
      from: { designation: "general", fund: GENERAL_FUND },
      to: { designation: "general", fund: initiativeId },
      day: calendarPlace(now, deps.timeZone).gDate,
      at: now.toISOString(),
      previousEnd,
      endsAt: addMonths(previousEnd, months),
      note: request.note,
      by: staff.staffId,
    };
    const outcome = await deps.covers.recordCover(cover, adoption.endsAt !== undefined);
    if (outcome === "duplicate") {
      const recorded = await deps.covers.findCover(donationId, request.coverId);
      if (recorded) return { ...recorded, recorded: false };
    }
    if (outcome === "recorded") {
      await deps.audit.record({
        actor: { staffId: staff.staffId, email: staff.email },
        action: "sponsorship.cover",
        target: { kind: "donation", id: donationId },
        details: {
          coverId: cover.coverId,
          months,
          amount: cover.amount,
          previousEnd,
          endsAt: cover.endsAt,
          note: request.note,
        },
      });
      return { ...cover, recorded: true };
    }
  }
  throw new BooksConflictError("sponsorship_ended", `${donationId}'s adoption kept changing`);
}
