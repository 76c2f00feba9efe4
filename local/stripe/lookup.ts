/** Finding a donation's session and money from what a developer has at hand: a donation id or a Stripe id. */
import type Stripe from "stripe";
import { StripeApiError } from "./http.ts";
import type { EmulatorState, LocalSession } from "./state.ts";

const notFound = (ref: string) =>
  new StripeApiError(404, `No checkout session for ${ref} in the local Stripe emulator.`, {
    code: "resource_missing",
  });

const subscriptionOfInvoice = (bill: Stripe.Invoice | undefined) =>
  bill?.parent?.subscription_details?.subscription;

/** The session a PaymentIntent belongs to: directly (payment mode) or through its invoice (subscriptions). */
function sessionOfIntent(state: EmulatorState, intentId: string): LocalSession | undefined {
  const direct = state.sessions().find((record) => record.session.payment_intent === intentId);
  if (direct) return direct;
  const link = state
    .list<Stripe.InvoicePayment>("invoice_payment")
    .find((payment) => payment.payment.payment_intent === intentId);
  const subscription = subscriptionOfInvoice(state.get<Stripe.Invoice>(String(link?.invoice), "invoice"));
  return state.sessions().find((record) => record.session.subscription === subscription);
}

/** `ref`: a donation id (client_reference_id or metadata.donationId), or a cs_, sub_, pi_, ch_ or dp_ id. */
export function findSession(state: EmulatorState, ref: string): LocalSession {
  const sessions = state.sessions();
  let found: LocalSession | undefined;
  if (ref.startsWith("cs_")) found = state.session(ref);
  else if (ref.startsWith("sub_")) found = sessions.find((record) => record.session.subscription === ref);
  else if (ref.startsWith("pi_")) found = sessionOfIntent(state, ref);
  else if (ref.startsWith("ch_") || ref.startsWith("dp_")) {
    const chargeId = ref.startsWith("dp_") ? String(state.get<Stripe.Dispute>(ref, "dispute")?.charge) : ref;
    const intent = state.get<Stripe.Charge>(chargeId, "charge")?.payment_intent;
    if (typeof intent === "string") found = sessionOfIntent(state, intent);
  } else {
    found = sessions.find(
      (record) => record.session.client_reference_id === ref || record.session.metadata?.donationId === ref,
    );
  }
  if (!found) throw notFound(ref);
  return found;
}

/** Every charge of the session's donation, newest first (a subscription has one per invoice attempt). */
export function chargesOf(state: EmulatorState, record: LocalSession): Stripe.Charge[] {
  const { session } = record;
  const intents = new Set<string>();
  if (typeof session.payment_intent === "string") intents.add(session.payment_intent);
  if (typeof session.subscription === "string") {
    const invoices = new Set(
      state
        .list<Stripe.Invoice>("invoice")
        .filter((bill) => subscriptionOfInvoice(bill) === session.subscription)
        .map((bill) => bill.id),
    );
    for (const link of state.list<Stripe.InvoicePayment>("invoice_payment")) {
      if (invoices.has(String(link.invoice))) intents.add(String(link.payment.payment_intent));
    }
  }
  return state.list<Stripe.Charge>("charge").filter((charge) => intents.has(String(charge.payment_intent)));
}

export interface SessionSummary {
  sessionId: string;
  donationId: string | null;
  mode: string;
  status: string | null;
  paymentStatus: string;
  amount: number | null;
  currency: string | null;
  subscription: string | null;
  subscriptionStatus: string | null;
  charges: Array<{ id: string; amount: number; amountRefunded: number; status: string; disputed: boolean }>;
  disputes: Array<{ id: string; charge: string; status: string }>;
}

export function summarize(state: EmulatorState, record: LocalSession): SessionSummary {
  const { session } = record;
  const subscription =
    typeof session.subscription === "string"
      ? state.get<Stripe.Subscription>(session.subscription, "subscription")
      : undefined;
  const charges = chargesOf(state, record);
  const chargeIds = new Set(charges.map((charge) => charge.id));
  return {
    sessionId: session.id,
    donationId: session.client_reference_id ?? session.metadata?.donationId ?? null,
    mode: session.mode,
    status: session.status,
    paymentStatus: session.payment_status,
    amount: session.amount_total,
    currency: session.currency,
    subscription: subscription?.id ?? null,
    subscriptionStatus: subscription?.status ?? null,
    charges: charges.map((charge) => ({
      id: charge.id,
      amount: charge.amount,
      amountRefunded: charge.amount_refunded,
      status: charge.status,
      disputed: charge.disputed,
    })),
    disputes: state
      .list<Stripe.Dispute>("dispute")
      .filter((dispute) => chargeIds.has(String(dispute.charge)))
      .map((dispute) => ({ id: dispute.id, charge: String(dispute.charge), status: dispute.status })),
  };
}
