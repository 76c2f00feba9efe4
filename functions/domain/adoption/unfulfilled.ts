import type { UnfulfilledAction, UnfulfilledAdoption } from "../../../contract/finance/views.ts";
import type { Money } from "../../../contract/money.ts";
import type { Designation } from "../../../contract/vocabulary.ts";
import { requireRole, type StaffPrincipal } from "../../auth/staff.ts";
import { GENERAL_FUND } from "../account/donor-totals.ts";
import type { AuditLog } from "../audit.ts";
import { calendarPlace } from "../calendars.ts";
import { NotFoundError, ReconciliationConflictError } from "../errors.ts";
import type { Donation, Movement } from "../model.ts";
import type { Clock, PaymentGateway } from "../ports.ts";

/** Longer than a function may run: a refund claimed this long ago and not finished was cut short. */
export const STALE_REFUND_MS = 5 * 60_000;

export const unfulfilledExceptionId = (donationId: string, paymentRef: string) =>
  `${donationId}.${paymentRef}`;

/** The transfer that places the money in the general fund: from the initiative's fund, same designation. */
export interface GeneralFundTransfer {
  donationId: string;
  transferId: string;
  amount: Money;
  from: { designation: Designation; fund: string };
  to: { designation: Designation; fund: typeof GENERAL_FUND };
  day: string;
  at: string;
  note: string;
  by: string;
}

export interface UnfulfilledAdoptionStore {
  /** Records the payment's exception, open; once per payment, however often the webhook says so. */
  record(donation: Donation, payment: Movement, at: string): Promise<void>;
  find(exceptionId: string): Promise<UnfulfilledAdoption | undefined>;
  /** Open ones (and refunds under way), oldest first, one page of a gsi1 Query. */
  listOpen(cursor?: string): Promise<{ items: UnfulfilledAdoption[]; cursor?: string }>;
  /** open → refunding, conditionally; false when it is not open. */
  claimRefund(exceptionId: string, resolution: UnfulfilledAdoption["resolution"]): Promise<boolean>;
  /** refunding → refunded; false when it was refunded already. */
  finishRefund(exceptionId: string): Promise<boolean>;
  /** refunding → open, when the refund could not be made. */
  reopen(exceptionId: string): Promise<void>;
  /**
   * One transaction: open → general_fund, the transfer's ledger entry and the two funds' day rows; false
   * when it is not open (resolved meanwhile).
   */
  moveToGeneralFund(
    exceptionId: string,
    transfer: GeneralFundTransfer,
    resolution: UnfulfilledAdoption["resolution"],
  ): Promise<boolean>;
}

export interface UnfulfilledDeps {
  unfulfilled: UnfulfilledAdoptionStore;
  payments: Pick<PaymentGateway, "refundPayment" | "cancelSubscription">;
  audit: AuditLog;
  clock: Clock;
  timeZone: string;
}

/**
 * Finance resolves an unfulfilled adoption: refunds the payment (the refund comes back through the
 * webhook into the ledger), or places the money in the general fund (a transfer, as a cover is:
 * not money received, no receipt). Either way a monthly sponsorship's subscription is stopped: it would
 * keep charging for units the donor does not have. Once; audited; a second resolve is a 409.
 */
export async function resolveUnfulfilledAdoption(
  deps: UnfulfilledDeps,
  staff: StaffPrincipal,
  exceptionId: string,
  request: { action: UnfulfilledAction; note: string },
): Promise<UnfulfilledAdoption> {
  requireRole(staff, "finance");
  const item = await deps.unfulfilled.find(exceptionId);
  if (!item) throw new NotFoundError("unfulfilled_not_found", `No unfulfilled adoption ${exceptionId}`);
  const now = deps.clock.now();
  const resolution = {
    action: request.action,
    by: staff.staffId,
    email: staff.email,
    at: now.toISOString(),
    note: request.note,
  };
  const resolvedAlready = () =>
    new ReconciliationConflictError("exception_already_resolved", `${exceptionId} is resolved`);
  // A refund whose function stopped half-way (timed out) is finished by asking for it again.
  const resuming =
    item.status === "refunding" &&
    request.action === "refund" &&
    now.getTime() - Date.parse(item.resolution?.at ?? "") > STALE_REFUND_MS;
  if (item.status !== "open" && !resuming) throw resolvedAlready();
  if (request.action === "refund") {
    if (!resuming && !(await deps.unfulfilled.claimRefund(exceptionId, resolution))) throw resolvedAlready();
    try {
      if (item.subscriptionId) await deps.payments.cancelSubscription(item.subscriptionId);
      // Stripe's idempotency key makes a resumed refund refund the payment once.
      await deps.payments.refundPayment(item.payment.ref);
    } catch (error) {
      // Stripe refused or is unreachable: open again, for finance to try later.
      await deps.unfulfilled.reopen(exceptionId);
      throw error;
    }
    // Of two resumes at once, one finishes it.
    if (!(await deps.unfulfilled.finishRefund(exceptionId))) throw resolvedAlready();
  } else {
    if (item.subscriptionId) await deps.payments.cancelSubscription(item.subscriptionId);
    const transfer: GeneralFundTransfer = {
      donationId: item.donationId,
      transferId: `unfulfilled-${item.payment.ref}`,
      amount: item.payment.amount,
      from: { designation: item.designation, fund: item.initiativeId },
      to: { designation: item.designation, fund: GENERAL_FUND },
      day: calendarPlace(now, deps.timeZone).gDate,
      at: resolution.at,
      note: request.note,
      by: staff.staffId,
    };
    if (!(await deps.unfulfilled.moveToGeneralFund(exceptionId, transfer, resolution)))
      throw resolvedAlready();
  }
  await deps.audit.record({
    actor: { staffId: staff.staffId, email: staff.email },
    action: request.action === "refund" ? "adoption.unfulfilled.refund" : "adoption.unfulfilled.general_fund",
    target: { kind: "donation", id: item.donationId },
    details: {
      exceptionId,
      payment: item.payment.ref,
      amount: item.payment.amount,
      initiativeId: item.initiativeId,
      note: request.note,
    },
  });
  return {
    ...item,
    status: request.action === "refund" ? "refunded" : "general_fund",
    resolution,
  };
}

/** The console's list: open ones (and refunds under way), oldest first, 50 a page. */
export async function listUnfulfilledAdoptions(
  deps: Pick<UnfulfilledDeps, "unfulfilled">,
  staff: StaffPrincipal,
  cursor?: string,
): Promise<{ items: UnfulfilledAdoption[]; cursor?: string }> {
  requireRole(staff, "finance");
  return deps.unfulfilled.listOpen(cursor);
}
