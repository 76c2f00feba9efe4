import type { DonationMark } from "../../domain/model.ts";

const NOT_SCHEDULED = "none";

/** How a change to the cancellation is stored: a set member that sorts by the time of the change. */
export function cancelScheduleMember(mark: { at: string; cancelAt: string | null }): string {
  return `${mark.at}#${mark.cancelAt ?? NOT_SCHEDULED}`;
}

/** The end of the latest monthly period paid for, from the set of periods' ends. */
export function paidThroughOf(paidPeriods: Iterable<string> | undefined): string | undefined {
  return [...(paidPeriods ?? [])].sort().at(-1);
}

/** The cancellation in force: the latest schedule change (ISO times sort), unless it withdrew one. */
export function scheduledCancel(cancelSchedules: Iterable<string> | undefined): string | undefined {
  const latest = [...(cancelSchedules ?? [])].sort().at(-1);
  const cancelAt = latest?.slice(latest.indexOf("#") + 1);
  return cancelAt && cancelAt !== NOT_SCHEDULED ? cancelAt : undefined;
}

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
    // Scheduling and withdrawing a cancellation do not commute: each is kept with its time, the latest wins.
    else if (mark.kind === "cancelSchedule") member("cancelSchedules", cancelScheduleMember(mark));
    else member("failedAttemptRefs", mark.attempt);
  }
  return { set, add, values };
}
