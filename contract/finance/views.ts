import type { Money } from "../money.ts";
import type { Designation } from "../vocabulary.ts";

/** What the finance API answers and the finance console reads: names, late payments, fund balances, sign-in. */

/**
 * The names an initiative page thanks (adopters who agreed to be named) as finance moderates them: a name
 * that should not be public (abuse, a mistake, a donor's later wish) is hidden, and the page shows "a
 * donor" instead; it can be shown again. Each change is audited; asking for the state it is already in
 * changes nothing and writes no audit entry.
 */
export interface RecognitionEntry {
  donationId: string;
  name: string;
  units: number;
  since: string;
  hidden: boolean;
}

/**
 * A payment that came for units no longer free: a bank transfer settling after its hold was given back and
 * the units taken by someone else. The money is in the ledger (and receipted), the units are not the
 * donor's: finance decides, in the console, to refund it or to place it in the general fund. Until then it
 * is an open finance exception, listed with the payout exceptions' siblings.
 */
export interface UnfulfilledAdoption {
  /** `<donationId>.<payment ref>`: one exception per payment (a monthly one may be paid again meanwhile). */
  exceptionId: string;
  donationId: string;
  initiativeId: string;
  units: number;
  share?: number;
  designation: Designation;
  interval: "once" | "month";
  subscriptionId?: string;
  payment: { ref: string; amount: Money; at: string };
  recordedAt: string;
  status: UnfulfilledStatus;
  resolution?: { action: UnfulfilledAction; by: string; email: string; at: string; note: string };
}

export type UnfulfilledStatus = "open" | "refunding" | "refunded" | "general_fund";

export const UNFULFILLED_ACTIONS = ["refund", "general_fund"] as const;

export type UnfulfilledAction = (typeof UNFULFILLED_ACTIONS)[number];

export interface Figures {
  /** Payments received (minor units of the row's currency). */
  gross: number;
  /** Refunds and dispute withdrawals, net of reinstatements. */
  refunds: number;
  /** Stripe's fees of reconciled payments (and refunds/disputes), converted at Stripe's rate if settled in another currency. */
  fees: number;
  /** Transfers between funds (a lapsed sponsorship covered from the general fund): + into, − out of. */
  transfers: number;
  /** gross − refunds − fees + transfers. */
  net: number;
  payments: number;
  /** Payments no imported payout has reconciled yet: their fees are not in `fees`. */
  paymentsNotInPayout: number;
}

export interface FundRow extends Figures {
  designation: string;
  /** An initiative id, or `general` for the general fund. */
  fund: string;
  currency: string;
}

export interface FundBalances {
  period: { from: string; to: string; hijri?: { from: string; to: string } };
  rows: FundRow[];
  /** Per designation and currency, over every fund: zakat's figures hold zakat only. */
  designations: (Figures & { designation: string; currency: string })[];
  /** Per fund and currency, split by designation so zakat is never added to other money. */
  funds: { fund: string; currency: string; byDesignation: Record<string, Figures> }[];
  /** Fees Stripe charged, in the currency it charged them, per currency of the rows. */
  settledFees: { currency: string; value: number }[];
  generatedAt: string;
}

/** Where staff sign in (`GET /api/staff/config`): what the finance console needs before anyone signs in. */
export interface StaffSignInSettings {
  clientId: string;
  authorizeUrl: string;
  tokenUrl: string;
  logoutUrl: string;
  scope: string;
}
