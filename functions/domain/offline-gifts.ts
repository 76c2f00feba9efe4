import type { Locale } from "../../content/locales.ts";
import { requireRole, type StaffPrincipal } from "../auth/staff.ts";
import type { AuditLog } from "./audit.ts";
import { calendarPlace } from "./calendars.ts";
import { checkDonationChoices } from "./donation-choices.ts";
import { donorIdOf } from "./donor-identity.ts";
import { BooksConflictError, ValidationError } from "./errors.ts";
import { type Movement, movementId } from "./ledger.ts";
import type { Money } from "./money.ts";
import { ledgerWrite } from "./payment-events.ts";
import type { Catalog, Clock, Designation, DonationStore, Fund, OfflineReceipt } from "./ports.ts";

export interface OfflineGiftRequest {
  donor: { name: string; email: string; phone?: string | undefined };
  amount: Money;
  designation: Designation;
  initiativeId?: string | undefined;
  method: OfflineReceipt["method"];
  /** Required for bank transfers; a cash gift gets a generated one. */
  bankReference?: string | undefined;
  /** ISO date the money arrived. */
  receivedAt: string;
  locale: Locale;
  anonymous?: boolean | undefined;
  note?: string | undefined;
}

export interface OfflineGiftDeps {
  catalog: Catalog;
  donations: DonationStore;
  audit: AuditLog;
  clock: Clock;
  identifierSalt: string;
  timeZone: string;
  newDonationId: () => string;
  newCashReference: () => string;
}

export interface RecordedOfflineGift {
  donationId: string;
  movementId: string;
  method: OfflineReceipt["method"];
  reference: string;
  amount: Money;
  designation: Designation;
  fund: Fund;
  receivedAt: string;
  /** The receipt worker numbers it and e-mails the donor shortly. */
  receipt: "queued";
}

/**
 * The instant a day's gift is booked at: noon UTC of that day (the same calendar day in every time zone
 * from UTC−11 to UTC+11), or now when that is still ahead.
 */
function bookedAt(receivedAt: string, now: Date): string {
  const noon = `${receivedAt}T12:00:00.000Z`;
  return noon < now.toISOString() ? noon : now.toISOString();
}

/**
 * Records a bank transfer or cash gift by hand: a donation like a checkout's (donor id, designation, fund),
 * its reference claimed once, then its payment applied through the donation store, the webhook's own
 * exactly-once path: ledger entry, totals, the donor's rows, fund balances and the receipt request follow.
 */
export async function recordOfflineGift(
  deps: OfflineGiftDeps,
  staff: StaffPrincipal,
  request: OfflineGiftRequest,
): Promise<RecordedOfflineGift> {
  requireRole(staff, "finance");
  const initiative = request.initiativeId ? deps.catalog.findInitiative(request.initiativeId) : undefined;
  const fund: Fund = request.initiativeId
    ? { kind: "initiative", initiativeId: request.initiativeId }
    : { kind: "general" };
  const issues = checkDonationChoices(
    {
      fund: fund.kind === "initiative" ? { kind: "initiative", initiative } : { kind: "general" },
      giving: deps.catalog.council().giving,
    },
    { amount: request.amount, interval: "once", designation: request.designation, coverFee: false },
  );
  const now = deps.clock.now();
  if (request.receivedAt > calendarPlace(now, deps.timeZone).gDate)
    issues.push({ field: "receivedAt", code: "received_in_future" });
  if (issues.length > 0) throw new ValidationError(issues);

  const reference =
    request.method === "bank_transfer" ? String(request.bankReference) : deps.newCashReference();
  const offline: OfflineReceipt = {
    method: request.method,
    reference,
    receivedAt: request.receivedAt,
    recordedBy: staff.staffId,
    ...(request.note ? { note: request.note } : {}),
  };
  const donation = {
    donationId: deps.newDonationId(),
    donorId: donorIdOf(request.donor.email, deps.identifierSalt),
    fund,
    amount: request.amount,
    interval: "once" as const,
    designation: request.designation,
    anonymous: request.anonymous ?? false,
    donor: {
      name: request.donor.name,
      email: request.donor.email,
      ...(request.donor.phone ? { phone: request.donor.phone } : {}),
    },
    locale: request.locale,
    createdAt: now.toISOString(),
    offline,
  };
  if (!(await deps.donations.createOfflineDonation(donation)))
    throw new BooksConflictError("duplicate_bank_reference", `Reference ${reference} was recorded already`);

  const movement: Movement = {
    kind: "payment",
    ref: `${request.method === "cash" ? "cash" : "bank"}:${reference}`,
    amount: request.amount,
    at: bookedAt(request.receivedAt, now),
  };
  await deps.donations.apply(
    { ...donation, paid: 0, payments: 0, refunded: 0, disputed: 0, failedAttempts: [] },
    { movements: [ledgerWrite(movement, deps.timeZone)], marks: [] },
  );
  // The donation id only: the donor's name and e-mail (and a note that may name them) stay out of the log.
  await deps.audit.record({
    actor: { staffId: staff.staffId, email: staff.email },
    action: "gift.record",
    target: { kind: "donation", id: donation.donationId },
    details: { donationId: donation.donationId },
  });
  return {
    donationId: donation.donationId,
    movementId: movementId(movement),
    method: request.method,
    reference,
    amount: request.amount,
    designation: request.designation,
    fund,
    receivedAt: request.receivedAt,
    receipt: "queued",
  };
}
