import type Stripe from "stripe";
import type { PayoutTransaction, StripePayout } from "../../contract/finance/reconciliation.ts";
import type { MovementKind } from "../../contract/vocabulary.ts";
import { PaymentProviderError } from "../domain/errors.ts";
import type { PayoutSource } from "../domain/finance/reconciliation/ports.ts";

/**
 * Stripe's payouts and their balance transactions, reduced to what reconciliation compares: Stripe's field
 * names live only here. Each transaction's source (charge, refund, dispute) is expanded in the list call;
 * which donation and which ledger reference it is comes from the PaymentIntent's metadata (one-time gifts)
 * or from the invoice the PaymentIntent paid (monthly gifts: their ledger reference is the invoice), asked
 * once per PaymentIntent.
 */
const PAGE = 100;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === "string" ? value : value?.id;

function payoutOf(payout: Stripe.Payout): StripePayout {
  return {
    payoutId: payout.id,
    amount: payout.amount,
    currency: payout.currency.toUpperCase(),
    created: iso(payout.created),
    arrivalDate: iso(payout.arrival_date),
    status: payout.status,
  };
}

interface PaymentOwner {
  donationId?: string;
  /** Monthly gifts: the invoice the payment paid, which is the ledger's reference for it. */
  invoiceId?: string;
}

export function createStripePayoutSource(stripe: Stripe): PayoutSource {
  const owners = new Map<string, Promise<PaymentOwner>>();

  async function lookUpOwner(paymentIntentId: string, metadata?: Stripe.Metadata): Promise<PaymentOwner> {
    const invoices = await stripe.invoicePayments.list({
      payment: { type: "payment_intent", payment_intent: paymentIntentId },
      expand: ["data.invoice"],
      limit: 1,
    });
    const invoice = invoices.data[0]?.invoice;
    if (invoice && typeof invoice === "object" && !("deleted" in invoice && invoice.deleted)) {
      const paid = invoice as Stripe.Invoice;
      const donationId = paid.parent?.subscription_details?.metadata?.donationId;
      return { invoiceId: paid.id, ...(donationId ? { donationId } : {}) };
    }
    const donationId =
      metadata?.donationId ?? (await stripe.paymentIntents.retrieve(paymentIntentId)).metadata?.donationId;
    return donationId ? { donationId } : {};
  }

  /** Whose payment it is; one-time charges say so in their metadata and need no call. */
  function ownerOf(paymentIntentId: string | undefined, metadata?: Stripe.Metadata): Promise<PaymentOwner> {
    if (metadata?.donationId) return Promise.resolve({ donationId: metadata.donationId });
    if (!paymentIntentId) return Promise.resolve({});
    let owner = owners.get(paymentIntentId);
    if (!owner) {
      owner = lookUpOwner(paymentIntentId, metadata);
      owners.set(paymentIntentId, owner);
    }
    return owner;
  }

  async function movementOf(transaction: Stripe.BalanceTransaction): Promise<PayoutTransaction["movement"]> {
    const source = transaction.source;
    if (!source || typeof source === "string") return undefined;
    const money = (value: number, currency: string) => ({ value, currency: currency.toUpperCase() });
    if (source.object === "charge") {
      const charge = source as Stripe.Charge;
      const paymentIntentId = idOf(charge.payment_intent);
      const owner = await ownerOf(paymentIntentId, charge.metadata);
      const ref = owner.invoiceId ?? paymentIntentId ?? charge.id;
      return {
        kind: "payment",
        ref,
        amount: money(charge.amount, charge.currency),
        chargeId: charge.id,
        ...(owner.donationId ? { donationId: owner.donationId } : {}),
      };
    }
    if (source.object === "refund" || source.object === "dispute") {
      const item = source as Stripe.Refund | Stripe.Dispute;
      const kind: MovementKind =
        source.object === "refund"
          ? "refund"
          : transaction.amount < 0
            ? "dispute_withdrawal"
            : "dispute_reinstatement";
      const owner = await ownerOf(idOf(item.payment_intent) ?? undefined);
      const chargeId = idOf(item.charge);
      return {
        kind,
        ref: item.id,
        amount: money(item.amount, item.currency),
        ...(chargeId ? { chargeId } : {}),
        ...(owner.donationId ? { donationId: owner.donationId } : {}),
      };
    }
    return undefined;
  }

  async function toTransaction(transaction: Stripe.BalanceTransaction): Promise<PayoutTransaction> {
    const movement = transaction.type === "payout" ? undefined : await movementOf(transaction);
    return {
      id: transaction.id,
      type: transaction.type,
      created: iso(transaction.created),
      settlement: {
        amount: transaction.amount,
        fee: transaction.fee,
        net: transaction.net,
        currency: transaction.currency.toUpperCase(),
        exchangeRate: transaction.exchange_rate ?? null,
      },
      ...(movement ? { movement } : {}),
    };
  }

  const failed = (what: string) => (cause: unknown) => {
    throw new PaymentProviderError(`Could not ${what}`, { cause });
  };

  return {
    async listPayouts(startingAfter) {
      const page = await stripe.payouts
        .list({ limit: PAGE, status: "paid", ...(startingAfter ? { starting_after: startingAfter } : {}) })
        .catch(failed("list payouts"));
      return { payouts: page.data.map(payoutOf), hasMore: page.has_more };
    },
    async getPayout(payoutId) {
      return payoutOf(await stripe.payouts.retrieve(payoutId).catch(failed(`read payout ${payoutId}`)));
    },
    async listTransactions(payoutId, startingAfter) {
      const page = await stripe.balanceTransactions
        .list({
          payout: payoutId,
          limit: PAGE,
          expand: ["data.source"],
          ...(startingAfter ? { starting_after: startingAfter } : {}),
        })
        .catch(failed(`list the balance transactions of ${payoutId}`));
      const transactions = await Promise.all(page.data.map(toTransaction)).catch(
        failed(`read the sources of ${payoutId}'s transactions`),
      );
      return { transactions, hasMore: page.has_more };
    },
  };
}
