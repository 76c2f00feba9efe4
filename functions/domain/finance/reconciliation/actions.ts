import type { StoredException } from "../../../../contract/finance/reconciliation.ts";
import { RESOLVE_ACTION_REASON, type ResolveAction } from "../../../../contract/finance/reconciliation.ts";
import { requireRole, type StaffPrincipal } from "../../../auth/staff.ts";
import type { AuditLog } from "../../audit.ts";
import { ledgerWrite } from "../../donations/payment-events.ts";
import { NotFoundError, ReconciliationConflictError, ValidationError } from "../../errors.ts";
import type { Donation, Movement } from "../../model.ts";
import type { Clock, DonationStore } from "../../ports.ts";
import { resolvedFundFee } from "../funds/fund-fees.ts";
import type { ReconciliationStore } from "./ports.ts";
import { reconcilable } from "./reconciliation.ts";

export { RESOLVE_ACTIONS, type ResolveAction } from "../../../../contract/finance/reconciliation.ts";

/**
 * What finance staff do with a payout: resolve each exception with a note (recording the movement the
 * ledger missed, through the same donation store the webhook uses), then mark the payout reconciled.
 * Every action goes to the audit log.
 */

/** Staff accepting a disagreeing pair (after checking it) makes the transaction count as matched. */
const ACCEPTED_BY_NOTE = new Set<string>(["amount_mismatch", "currency_mismatch"]);

export interface ReconciliationActionDeps {
  store: ReconciliationStore;
  donations: DonationStore;
  audit: AuditLog;
  clock: Clock;
  /** The council's time zone: a recorded payment's receipt year. */
  timeZone: string;
}

const actor = (staff: StaffPrincipal) => ({ staffId: staff.staffId, email: staff.email });

/** The movement Stripe has and the ledger missed, exactly as the webhook would have recorded it. */
function missingMovement(exception: StoredException): Movement {
  if (!exception.kind || !exception.actual || !exception.transactionAt)
    throw new ValidationError([{ field: "action", code: "action_not_applicable" }]);
  return {
    kind: exception.kind as Movement["kind"],
    ref: exception.ref,
    amount: exception.actual,
    at: exception.transactionAt,
    ...(exception.chargeId ? { chargeId: exception.chargeId } : {}),
  };
}

async function recordMissing(
  deps: ReconciliationActionDeps,
  exception: StoredException,
  donation?: Donation,
) {
  if (!donation)
    throw new ReconciliationConflictError("donation_unknown", `No donation for ${exception.exceptionId}`);
  const movement = missingMovement(exception);
  const write = ledgerWrite(movement, deps.timeZone);
  // Keyed by Stripe's reference like every ledger entry: recorded once, however often this is retried.
  await deps.donations.apply(donation, { movements: [write], marks: [] });
}

export async function resolveException(
  deps: ReconciliationActionDeps,
  staff: StaffPrincipal,
  exceptionId: string,
  request: { note: string; action?: ResolveAction | undefined },
): Promise<StoredException> {
  requireRole(staff, "finance");
  const exception = await deps.store.findException(exceptionId);
  if (!exception) throw new NotFoundError("exception_not_found", `No exception ${exceptionId}`);
  if (exception.status !== "open")
    throw new ReconciliationConflictError("exception_already_resolved", `${exceptionId} is resolved`);
  const { action } = request;
  if (action && RESOLVE_ACTION_REASON[action] !== exception.reason)
    throw new ValidationError([{ field: "action", code: "action_not_applicable" }]);
  const matched =
    Boolean(exception.transactionId) && (action !== undefined || ACCEPTED_BY_NOTE.has(exception.reason));
  const donation =
    (action || matched) && exception.donationId
      ? await deps.donations.findDonation(exception.donationId)
      : undefined;
  if (action) await recordMissing(deps, exception, donation);
  // Its fee joins the fund balances, as the import's matched transactions' fees did.
  const fee = matched && donation ? resolvedFundFee(exception, donation, deps.timeZone) : undefined;
  const resolution = {
    note: request.note,
    ...(action ? { action } : {}),
    by: staff.staffId,
    at: deps.clock.now().toISOString(),
  };
  // Ten staff pressing resolve at once: one resolves it (and is audited), the others are told it is done.
  if ((await deps.store.resolveException(exception, resolution, matched, fee)) === "conflict")
    throw new ReconciliationConflictError("exception_already_resolved", `${exceptionId} is resolved`);
  await deps.audit.record({
    actor: actor(staff),
    action: "exception.resolve",
    target: { kind: "reconciliationException", id: exceptionId },
    details: { reason: exception.reason, note: request.note, ...(action ? { action } : {}) },
  });
  return { ...exception, status: "resolved", resolution };
}

export async function markReconciled(
  deps: ReconciliationActionDeps,
  staff: StaffPrincipal,
  payoutId: string,
) {
  requireRole(staff, "finance");
  const payout = await deps.store.findPayout(payoutId);
  if (!payout) throw new NotFoundError("payout_not_found", `No payout ${payoutId}`);
  if (payout.reconciledAt)
    throw new ReconciliationConflictError("payout_already_reconciled", `${payoutId} is reconciled`);
  const check = reconcilable({
    openExceptions: payout.openExceptions,
    payoutAmount: payout.amount,
    matchedNet: payout.totals.matchedNet,
  });
  if (!check.ok)
    throw new ReconciliationConflictError(
      check.reason === "open_exceptions" ? "payout_has_open_exceptions" : "payout_net_mismatch",
      `${payoutId} cannot be reconciled: ${check.reason}`,
      { params: { open: payout.openExceptions } },
    );
  const at = deps.clock.now().toISOString();
  if ((await deps.store.markReconciled(payoutId, staff.staffId, at)) === "conflict")
    throw new ReconciliationConflictError("payout_already_reconciled", `${payoutId} is reconciled`);
  await deps.audit.record({
    actor: actor(staff),
    action: "payout.reconcile",
    target: { kind: "payout", id: payoutId },
    details: { amount: payout.amount, currency: payout.currency },
  });
  return { ...payout, reconciledAt: at, reconciledBy: staff.staffId };
}
