import type { Locale } from "../../../../content/locales.ts";
import { checkDonationChoices } from "../../../../contract/donations/choices.ts";
import type { Money } from "../../../../contract/money.ts";
import type { Designation } from "../../../../contract/vocabulary.ts";
import { requireRole, type StaffPrincipal } from "../../../auth/staff.ts";
import type { AuditLog } from "../../audit.ts";
import { calendarPlace } from "../../calendars.ts";
import { donorIdOf } from "../../donations/donor-identity.ts";
import { ledgerWrite } from "../../donations/payment-events.ts";
import { BooksConflictError, ValidationError } from "../../errors.ts";
import { movementId } from "../../ledger.ts";
import type { DonationIntent, Fund, Movement, OfflineReceipt } from "../../model.ts";
import type { Catalog, Clock, DonationStore } from "../../ports.ts";

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
  /** Keys donors' ids (functions/domain/donations/donor-identity.ts). */
  donorIdKey: string;
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
    donorId: donorIdOf(request.donor.email, deps.donorIdKey),
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
  const holder = await deps.donations.createOfflineDonation(donation);
  const recorded = holder === donation.donationId ? donation : await unfinished(deps, holder);
  if (!recorded)
    throw new BooksConflictError("duplicate_bank_reference", `Reference ${reference} was recorded already`);
  const movement = offlinePayment(recorded);
  const { recorded: moved } = await deps.donations.apply(
    { paid: 0, payments: 0, refunded: 0, disputed: 0, failedAttempts: [], ...recorded },
    { movements: [ledgerWrite(movement, deps.timeZone)], marks: [] },
  );
  // Two staff recording the same transfer at once both find it unfinished; the ledger takes the payment
  // once, and only the request whose write took it has recorded the gift (and audits it).
  if (moved === 0)
    throw new BooksConflictError("duplicate_bank_reference", `Reference ${reference} was recorded already`);
  // The donation id only: the donor's name and e-mail (and a note that may name them) stay out of the log.
  await deps.audit.record({
    actor: { staffId: staff.staffId, email: staff.email },
    action: "gift.record",
    target: { kind: "donation", id: recorded.donationId },
    details: { donationId: recorded.donationId },
  });
  return {
    donationId: recorded.donationId,
    movementId: movementId(movement),
    method: recorded.offline.method,
    reference: recorded.offline.reference,
    amount: recorded.amount,
    designation: recorded.designation,
    fund: recorded.fund,
    receivedAt: recorded.offline.receivedAt,
    receipt: "queued",
  };
}

type OfflineDonation = DonationIntent & { offline: OfflineReceipt };

/**
 * The gift that holds a reference, when its payment never reached the ledger (the request failed between
 * the two writes): recording it again finishes it, as it was first recorded. Undefined when it is complete.
 */
async function unfinished(deps: OfflineGiftDeps, donationId: string | undefined) {
  const donation = donationId ? await deps.donations.findDonation(donationId) : undefined;
  return donation?.offline && donation.payments === 0 ? (donation as OfflineDonation) : undefined;
}

/** The payment of an offline gift, the same however often it is built: its reference and its day. */
function offlinePayment(donation: OfflineDonation): Movement {
  const { method, reference, receivedAt } = donation.offline;
  return {
    kind: "payment",
    ref: `${method === "cash" ? "cash" : "bank"}:${reference}`,
    amount: donation.amount,
    at: bookedAt(receivedAt, new Date(donation.createdAt)),
  };
}
