import type {
  ImportJob,
  PayoutSummary,
  StoredException,
} from "../../../../contract/finance/reconciliation.ts";
import {
  RESOLVE_ACTION_REASON,
  type ResolveAction,
  type Settlement,
  type TransactionMatch,
} from "../../../../contract/finance/reconciliation.ts";
import type { Money } from "../../../../contract/money.ts";

/** The reconciliation API's answers as the console reads them (README "Finance: reconciling …"). */
export type { ImportJob, PayoutSummary, StoredException };

export interface PayoutTransactionRow {
  transactionId: string;
  type: string;
  created: string;
  settlement: Settlement;
  movement?: { kind: string; ref: string; amount: Money; donationId?: string };
  matched: boolean;
  match?: TransactionMatch;
  /** Matched by staff resolving this exception (recording the movement, or accepting the pair). */
  resolvedBy?: string;
}

export interface PayoutPage {
  payout: PayoutSummary;
  transactions: PayoutTransactionRow[];
  exceptions: StoredException[];
  cursor?: string;
}

/** The action that records the movement an exception says the ledger misses, if any. */
const ACTION_OF_REASON = new Map(
  Object.entries(RESOLVE_ACTION_REASON).map(([action, reason]) => [
    reason as string,
    action as ResolveAction,
  ]),
);

/** The action applies only to a Stripe movement of a known donation (else the API refuses it). */
export function recordableAction(exception: StoredException): ResolveAction | undefined {
  const action = ACTION_OF_REASON.get(exception.reason);
  return action && exception.donationId && exception.kind && exception.actual && exception.transactionAt
    ? action
    : undefined;
}
