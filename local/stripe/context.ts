import type Stripe from "stripe";
import { balanceTransaction, charge, type FeeRate, paymentIntent, processingFee } from "./objects.ts";
import type { Settlement } from "./settlement.ts";
import type { Delivery, EmulatorState } from "./state.ts";

/** What every flow needs: the objects, the way to tell Athar (a signed webhook) and the settings. */
export interface EmulatorContext {
  state: EmulatorState;
  /** Builds the event from a copy of `object` now, delivers it and records the webhook's answer. */
  publish(type: string, object: unknown, previousAttributes?: Record<string, unknown>): Promise<Delivery>;
  /** Stripe's processing fee; `POST /local-stripe/admin/fees` changes it (a fee that differs from the council's). */
  fees: FeeRate;
  /** The currency the account settles and pays out in. */
  settlement: Settlement;
  /** While muted, events are built and recorded but not delivered: a webhook that never reached Athar. */
  delivery: { muted: boolean };
  /** Stripe's "cancel the subscription after all retries fail": failed attempts on one invoice. */
  failedAttemptsBeforeCancel: number;
  /** API requests still to answer with Stripe's 500 api_error: an outage, for testing what Athar does then. */
  outage: { remaining: number };
}

export interface PaymentRequest {
  amount: number;
  currency: string;
  metadata: Stripe.Metadata;
  customer: string | null;
  email: string | null;
  description: string | null;
}

/** A PaymentIntent waiting for its money (a bank transfer); `attemptCharge` settles it later. */
export function pendingIntent(context: EmulatorContext, request: PaymentRequest): Stripe.PaymentIntent {
  return context.state.put(paymentIntent({ ...request, status: "processing" }));
}

/**
 * One attempt to take the money of `intent`: a charge that succeeds (with its balance transaction, net of
 * Stripe's fee) or is declined, as Stripe records either.
 */
export function attemptCharge(
  context: EmulatorContext,
  intent: Stripe.PaymentIntent,
  email: string | null,
  succeed: boolean,
): Stripe.Charge {
  const attempt = context.state.put(charge(intent, email, succeed));
  intent.latest_charge = attempt.id;
  if (succeed) {
    const transaction = context.state.put(
      balanceTransaction(
        {
          amount: attempt.amount,
          currency: attempt.currency,
          type: "charge",
          reportingCategory: "charge",
          source: attempt.id,
          description: attempt.description ?? `Payment for ${intent.id}`,
          fee: {
            amount: (settled, currency) => processingFee(settled, currency, context.fees),
            description: "Stripe processing fees",
          },
        },
        context.settlement,
      ),
    );
    attempt.balance_transaction = transaction.id;
    intent.status = "succeeded";
    intent.amount_received = intent.amount;
    intent.last_payment_error = null;
  } else {
    intent.status = "requires_payment_method";
    intent.last_payment_error = {
      type: "card_error",
      code: attempt.failure_code ?? "card_declined",
      decline_code: "generic_decline",
      message: attempt.failure_message ?? "Your card was declined.",
      charge: attempt.id,
    } as Stripe.PaymentIntent.LastPaymentError;
  }
  context.state.changed();
  return attempt;
}

/** A PaymentIntent paid (or declined) at once, as a card payment is. */
export function chargeNow(context: EmulatorContext, request: PaymentRequest, succeed = true) {
  const intent = context.state.put(paymentIntent({ ...request, status: "requires_payment_method" }));
  const attempt = attemptCharge(context, intent, request.email, succeed);
  return { intent, charge: attempt };
}
