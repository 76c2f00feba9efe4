import type { MovementKind } from "../../contract/vocabulary.ts";
import type { Donation, DonationStatus, Movement } from "./model.ts";

const SIGN: Record<MovementKind, 1 | -1> = {
  payment: 1,
  refund: -1,
  dispute_withdrawal: -1,
  dispute_reinstatement: 1,
};

/** The movement's effect on what was raised, in minor units (negative when money goes back). */
export function signedAmount(movement: Movement): number {
  return SIGN[movement.kind] * movement.amount.value;
}

/** How a movement changes a donation's progress counters. */
export function progressDelta(movement: Movement): {
  paid: number;
  payments: number;
  refunded: number;
  disputed: number;
} {
  const value = movement.amount.value;
  return {
    paid: movement.kind === "payment" ? value : 0,
    payments: movement.kind === "payment" ? 1 : 0,
    refunded: movement.kind === "refund" ? value : 0,
    disputed:
      movement.kind === "dispute_withdrawal" ? value : movement.kind === "dispute_reinstatement" ? -value : 0,
  };
}

/** A stable identity of the movement within its donation: the ledger entry's sort key is built from it. */
export function movementId(movement: Pick<Movement, "kind" | "ref">): string {
  return `${movement.kind}#${movement.ref}`;
}

/**
 * The donation's status, derived from its counters and flags so that it never depends on the order in
 * which events arrived: money received wins over an expired or failed checkout.
 */
export function donationStatus(
  donation: Pick<Donation, "paid" | "refunded" | "expiredAt" | "failedAt">,
): DonationStatus {
  if (donation.paid > 0) return donation.refunded >= donation.paid ? "refunded" : "paid";
  if (donation.failedAt) return "failed";
  if (donation.expiredAt) return "expired";
  return "pending";
}
