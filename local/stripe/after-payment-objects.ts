/** Stripe objects for money after the payment: Refund, Dispute (with its balance transactions), Payout. */
import type Stripe from "stripe";
import { stripeFixture } from "./fixtures.ts";
import { balanceTransaction, inMinorUnits, nowSeconds } from "./objects.ts";
import type { Settlement } from "./settlement.ts";
import { localId } from "./webhook-sender.ts";

const DAY = 86_400;
/** Stripe's dispute fee, 15.00 in the currency's major unit. */
const DISPUTE_FEE_MAJOR_UNITS = 15;

/** A refund of `of`; its balance transaction is booked by the caller once the refund has its id. */
export function refund(of: Stripe.Charge, amount: number): Stripe.Refund {
  return {
    ...stripeFixture<Stripe.Refund>("refund"),
    id: localId("re"),
    created: nowSeconds(),
    amount,
    balance_transaction: null,
    charge: of.id,
    currency: of.currency,
    customer: typeof of.customer === "string" ? of.customer : null,
    payment_intent: typeof of.payment_intent === "string" ? of.payment_intent : null,
    payment_method: typeof of.payment_method === "string" ? of.payment_method : null,
    status: "succeeded",
  } as Stripe.Refund;
}

/** A bank disputes what the donor still paid: the charge, less what was already refunded. */
export const disputedAmount = (of: Stripe.Charge): number => of.amount - of.amount_refunded;

/** The withdrawal Stripe books when a dispute opens: the disputed amount and the dispute fee. */
export function disputeWithdrawal(
  of: Stripe.Charge,
  disputeId: string,
  settlement: Settlement,
): Stripe.BalanceTransaction {
  return balanceTransaction(
    {
      amount: -disputedAmount(of),
      currency: of.currency,
      type: "adjustment",
      reportingCategory: "dispute",
      source: disputeId,
      description: `Chargeback withdrawal for ${of.id}`,
      fee: {
        amount: (_settled, currency) => inMinorUnits(DISPUTE_FEE_MAJOR_UNITS, currency),
        description: "Dispute fee",
      },
    },
    settlement,
  );
}

export function dispute(
  of: Stripe.Charge,
  id: string,
  withdrawal: Stripe.BalanceTransaction,
): Stripe.Dispute {
  const fixture = stripeFixture<Stripe.Dispute>("dispute");
  const created = nowSeconds();
  return {
    ...fixture,
    id,
    created,
    amount: disputedAmount(of),
    balance_transactions: [withdrawal],
    charge: of.id,
    currency: of.currency,
    evidence_details: { ...fixture.evidence_details, due_by: created + 7 * DAY },
    is_charge_refundable: false,
    payment_intent: typeof of.payment_intent === "string" ? of.payment_intent : null,
    payment_method_details: fixture.payment_method_details
      ? {
          ...fixture.payment_method_details,
          card: { brand: "visa", case_type: "chargeback", network_reason_code: "10.4", network: "visa" },
        }
      : null,
    reason: "fraudulent",
    status: "needs_response",
    enhanced_eligibility_types: [],
  } as Stripe.Dispute;
}

/** A payout, still pending; its balance transaction is booked by the caller once it has its id. */
export function payout(amount: number, currency: string): Stripe.Payout {
  const created = nowSeconds();
  return {
    ...stripeFixture<Stripe.Payout>("payout"),
    id: localId("po"),
    created,
    amount,
    arrival_date: created,
    automatic: true,
    balance_transaction: null,
    currency,
    destination: localId("ba"),
    reconciliation_status: "in_progress",
    status: "pending",
    trace_id: { status: "pending", value: null },
  } as Stripe.Payout;
}
