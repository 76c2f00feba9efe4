/** What can happen to money already taken: refunds, disputes and the payout to the council's bank. */
import type Stripe from "stripe";
import { formatMoney } from "../../contract/money.ts";
import { dispute, disputedAmount, disputeWithdrawal, payout, refund } from "./after-payment-objects.ts";
import type { EmulatorContext } from "./context.ts";
import { invalidRequest, resourceMissing } from "./http.ts";
import { balanceTransaction } from "./objects.ts";
import type { Delivery } from "./state.ts";
import { localId } from "./webhook-sender.ts";

const OPEN_DISPUTE = ["needs_response", "under_review", "warning_needs_response", "warning_under_review"];
const amountText = (value: number, currency: string) =>
  formatMoney({ value, currency: currency.toUpperCase() }, "en");

export function openDisputeOf(context: EmulatorContext, chargeId: string): Stripe.Dispute | undefined {
  return context.state
    .list<Stripe.Dispute>("dispute")
    .find((candidate) => candidate.charge === chargeId && OPEN_DISPUTE.includes(candidate.status));
}

/** The charge a refund or dispute is about: given directly, or the latest of a PaymentIntent. */
export function chargeFor(context: EmulatorContext, params: { charge?: unknown; payment_intent?: unknown }) {
  const { state } = context;
  if (typeof params.charge === "string") {
    const found = state.get<Stripe.Charge>(params.charge, "charge");
    if (!found) throw resourceMissing("charge", params.charge, "charge");
    return found;
  }
  if (typeof params.payment_intent === "string") {
    const intent = state.get<Stripe.PaymentIntent>(params.payment_intent, "payment_intent");
    if (!intent) throw resourceMissing("payment_intent", params.payment_intent, "payment_intent");
    const latest =
      typeof intent.latest_charge === "string"
        ? state.get<Stripe.Charge>(intent.latest_charge, "charge")
        : undefined;
    if (!latest)
      throw invalidRequest(`PaymentIntent ${intent.id} has no charge to refund.`, "payment_intent");
    return latest;
  }
  throw invalidRequest("One of `charge` or `payment_intent` is required.", "charge", "parameter_missing");
}

/** `POST /v1/refunds`: all that is left of the charge, or `amount` of it; never more than is left. */
export async function createRefund(
  context: EmulatorContext,
  params: Record<string, unknown>,
): Promise<{ refund: Stripe.Refund; deliveries: Delivery[] }> {
  const { state } = context;
  const target = chargeFor(context, params);
  if (target.status !== "succeeded")
    throw invalidRequest(`Charge ${target.id} has not succeeded; there is nothing to refund.`, "charge");
  if (openDisputeOf(context, target.id))
    throw invalidRequest(
      `Charge ${target.id} has been charged back; cannot issue a refund.`,
      "charge",
      "charge_disputed",
    );
  const left = target.amount - target.amount_refunded;
  if (left <= 0)
    throw invalidRequest(
      `Charge ${target.id} has already been refunded.`,
      "charge",
      "charge_already_refunded",
    );
  const amount = params.amount === undefined ? left : Number(params.amount);
  if (!Number.isSafeInteger(amount) || amount < 1)
    throw invalidRequest(`Invalid positive integer: ${String(params.amount)}`, "amount");
  if (amount > left)
    throw invalidRequest(
      `Refund amount (${amountText(amount, target.currency)}) is greater than unrefunded amount on charge (${amountText(left, target.currency)})`,
      "amount",
      "amount_too_large",
    );
  const made = state.put(refund(target, amount));
  const transaction = state.put(
    balanceTransaction(
      {
        amount: -amount,
        currency: target.currency,
        type: "refund",
        reportingCategory: "refund",
        source: made.id,
        description: `REFUND FOR CHARGE (${target.description ?? target.id})`,
      },
      context.settlement,
    ),
  );
  made.balance_transaction = transaction.id;
  target.amount_refunded += amount;
  target.refunded = target.amount_refunded === target.amount;
  target.refunds?.data.unshift(made);
  state.changed();
  const deliveries = [
    await context.publish("charge.refunded", target),
    await context.publish("refund.created", made),
  ];
  return { refund: made, deliveries };
}

/** The cardholder's bank disputes the charge: Stripe withdraws the amount and its dispute fee. */
export async function openDispute(context: EmulatorContext, target: Stripe.Charge) {
  if (target.status !== "succeeded") throw invalidRequest(`Charge ${target.id} has not succeeded.`, "charge");
  if (openDisputeOf(context, target.id))
    throw invalidRequest(`Charge ${target.id} already has an open dispute.`, "charge");
  if (disputedAmount(target) <= 0)
    throw invalidRequest(`Charge ${target.id} was refunded in full.`, "charge");
  const id = localId("dp");
  const withdrawal = context.state.put(disputeWithdrawal(target, id, context.settlement));
  const opened = context.state.put(dispute(target, id, withdrawal));
  target.disputed = true;
  context.state.changed();
  return { dispute: opened, deliveries: [await context.publish("charge.dispute.created", opened)] };
}

/** The bank decides: won gives the amount back (Stripe keeps the fee), lost keeps it withdrawn. */
export async function closeDispute(context: EmulatorContext, closing: Stripe.Dispute, won: boolean) {
  if (!OPEN_DISPUTE.includes(closing.status))
    throw invalidRequest(`Dispute ${closing.id} is already closed (${closing.status}).`, "dispute");
  if (won) {
    const reinstatement = context.state.put(
      balanceTransaction(
        {
          amount: closing.amount,
          currency: closing.currency,
          type: "adjustment",
          reportingCategory: "dispute_reversal",
          source: closing.id,
          description: `Chargeback reversal for ${String(closing.charge)}`,
        },
        context.settlement,
      ),
    );
    closing.balance_transactions.push(reinstatement);
  }
  closing.status = won ? "won" : "lost";
  context.state.changed();
  return { dispute: closing, deliveries: [await context.publish("charge.dispute.closed", closing)] };
}

/**
 * Pays out, per currency, the balance of every balance transaction not yet paid out (net of Stripe's
 * fees), as Stripe's automatic payouts do; each transaction remembers its payout.
 */
export async function createPayouts(context: EmulatorContext) {
  const { state } = context;
  const unpaid = state
    .list<Stripe.BalanceTransaction>("balance_transaction")
    .filter((transaction) => transaction.type !== "payout" && !state.payoutOf(transaction.id));
  const byCurrency = Map.groupBy(unpaid, (transaction) => transaction.currency);
  const payouts: Stripe.Payout[] = [];
  const deliveries: Delivery[] = [];
  for (const [currency, transactions] of byCurrency) {
    const amount = transactions.reduce((sum, transaction) => sum + transaction.net, 0);
    if (amount <= 0) continue;
    const made = state.put(payout(amount, currency));
    const own = state.put(
      balanceTransaction({
        amount: -amount,
        currency,
        type: "payout",
        reportingCategory: "payout",
        source: made.id,
        description: "STRIPE PAYOUT",
      }),
    );
    made.balance_transaction = own.id;
    for (const transaction of [...transactions, own]) {
      transaction.status = "available";
      state.markPaidOut(transaction.id, made.id);
    }
    deliveries.push(await context.publish("payout.created", made));
    made.status = "paid";
    made.reconciliation_status = "completed";
    state.changed();
    deliveries.push(await context.publish("payout.paid", made));
    payouts.push(made);
  }
  if (payouts.length === 0)
    throw invalidRequest("There is no balance to pay out.", undefined, "balance_insufficient");
  return { payouts, deliveries };
}
