import type { DonationMark } from "../domain/ports.ts";

/**
 * The donation update for a set of marks: every clause is idempotent and commutes with the others
 * (set-once flags, set insertions), so marks need no condition and no order.
 */
export function markClauses(marks: DonationMark[]) {
  const set: string[] = [];
  const add: string[] = [];
  const values: Record<string, unknown> = {};
  const once = (attribute: string, value: string) => {
    set.push(`${attribute} = if_not_exists(${attribute}, :${attribute})`);
    values[`:${attribute}`] = value;
  };
  const member = (attribute: string, value: string) => {
    const placeholder = `:${attribute}`;
    const existing = values[placeholder] as Set<string> | undefined;
    if (existing) existing.add(value);
    else {
      add.push(`${attribute} ${placeholder}`);
      values[placeholder] = new Set([value]);
    }
  };
  for (const mark of marks) {
    if (mark.kind === "expired") once("expiredAt", mark.at);
    else if (mark.kind === "failed") once("failedAt", mark.at);
    else if (mark.kind === "awaitingPayment") once("awaitingPaymentAt", mark.at);
    else if (mark.kind === "canceled") once("canceledAt", mark.at);
    else if (mark.kind === "subscription") once("subscriptionId", mark.subscriptionId);
    else if (mark.kind === "paidThrough") member("paidPeriods", mark.until);
    else member("failedAttemptRefs", mark.attempt);
  }
  return { set, add, values };
}
