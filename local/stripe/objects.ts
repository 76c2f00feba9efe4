/**
 * Stripe objects for the money's way in (Product, Customer, PaymentIntent, Charge, BalanceTransaction):
 * each is Stripe's fixture with the fields a flow is about set, and the fixture's placeholder values that
 * would mislead (a transfer destination, a canceled_at date) cleared as Stripe leaves them.
 */
import type Stripe from "stripe";
import { minorDigits } from "../../contract/money.ts";
import { stripeFixture } from "./fixtures.ts";
import { DEFAULT_SETTLEMENT, type Settlement, settle } from "./settlement.ts";
import { localId } from "./webhook-sender.ts";

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const DAY = 86_400;

/** Stripe's fee on a card charge: a percentage plus a fixed amount in major units of the currency. */
export interface FeeRate {
  percent: number;
  fixedMajorUnits: number;
}
export const DEFAULT_FEE_RATE: FeeRate = { percent: 2.9, fixedMajorUnits: 1 };
export const inMinorUnits = (majorUnits: number, currency: string) =>
  Math.round(majorUnits * 10 ** minorDigits(currency.toUpperCase()));

export function processingFee(amount: number, currency: string, rate: FeeRate): number {
  return Math.round((amount * rate.percent) / 100) + inMinorUnits(rate.fixedMajorUnits, currency);
}

/**
 * A balance transaction in the account's settlement currency: an amount in another currency is converted
 * (with its `exchange_rate`), and the fee is worked out on the converted amount, as Stripe books it.
 */
export function balanceTransaction(
  fields: {
    amount: number;
    currency: string;
    type: Stripe.BalanceTransaction.Type;
    reportingCategory: string;
    source: string;
    description: string;
    /** Stripe's fee on the settled amount, in the settlement currency. */
    fee?: { amount: (settled: number, currency: string) => number; description: string };
  },
  settlement: Settlement = DEFAULT_SETTLEMENT,
): Stripe.BalanceTransaction {
  const created = nowSeconds();
  const settled = settle(fields.amount, fields.currency, settlement.currency);
  const currency = settled.rate === null ? fields.currency : settlement.currency;
  const fee = fields.fee?.amount(settled.amount, currency) ?? 0;
  return {
    ...stripeFixture<Stripe.BalanceTransaction>("balance_transaction"),
    id: localId("txn"),
    created,
    available_on: created + 2 * DAY,
    amount: settled.amount,
    currency,
    description: fields.description,
    exchange_rate: settled.rate,
    fee,
    fee_details: fields.fee
      ? [
          {
            amount: fee,
            application: null,
            currency,
            description: fields.fee.description,
            type: "stripe_fee",
          },
        ]
      : [],
    net: settled.amount - fee,
    reporting_category: fields.reportingCategory,
    source: fields.source,
    status: "pending",
    type: fields.type,
  };
}

/** The product Stripe makes from `price_data.product_data` (inactive: it belongs to that price only). */
export function product(name: string): Stripe.Product {
  const created = nowSeconds();
  return {
    ...stripeFixture<Stripe.Product>("product"),
    id: localId("prod"),
    created,
    updated: created,
    active: false,
    default_price: null,
    description: null,
    name,
    package_dimensions: null,
    type: "service",
  } as Stripe.Product;
}

export function customer(email: string | null): Stripe.Customer {
  return {
    ...stripeFixture<Stripe.Customer>("customer"),
    id: localId("cus"),
    created: nowSeconds(),
    email,
    currency: null,
    discount: null,
    invoice_prefix: localId("x").slice(-8).toUpperCase(),
    next_invoice_sequence: 1,
  };
}

export function paymentIntent(fields: {
  amount: number;
  currency: string;
  metadata: Stripe.Metadata;
  customer: string | null;
  description: string | null;
  status: Stripe.PaymentIntent.Status;
}): Stripe.PaymentIntent {
  const id = localId("pi");
  return {
    ...stripeFixture<Stripe.PaymentIntent>("payment_intent"),
    id,
    created: nowSeconds(),
    amount: fields.amount,
    amount_received: fields.status === "succeeded" ? fields.amount : 0,
    canceled_at: null,
    client_secret: `${id}_secret_${localId("s").slice(-12)}`,
    currency: fields.currency,
    customer: fields.customer,
    description: fields.description,
    last_payment_error: null,
    latest_charge: null,
    managed_payments: null,
    metadata: fields.metadata,
    next_action: null,
    payment_method_configuration_details: null,
    processing: fields.status === "processing" ? { type: "card" } : null,
    shipping: null,
    status: fields.status,
    transfer_data: null,
  } as Stripe.PaymentIntent;
}

const DECLINE = {
  code: "card_declined",
  message: "Your card was declined.",
  outcome: {
    advice_code: null,
    network_advice_code: null,
    network_decline_code: null,
    network_status: "declined_by_network",
    reason: "generic_decline",
    risk_level: "normal",
    seller_message: "The bank did not return any further details with this decline.",
    type: "issuer_declined",
  },
};
const APPROVED = {
  advice_code: null,
  network_advice_code: null,
  network_decline_code: null,
  network_status: "approved_by_network",
  reason: null,
  risk_level: "normal",
  seller_message: "Payment complete.",
  type: "authorized",
};

/** The charge of a PaymentIntent; Stripe copies the intent's metadata onto it. */
export function charge(
  intent: Stripe.PaymentIntent,
  email: string | null,
  succeeded: boolean,
): Stripe.Charge {
  const fixture = stripeFixture<Stripe.Charge>("charge");
  const id = localId("ch");
  return {
    ...fixture,
    id,
    created: nowSeconds(),
    amount: intent.amount,
    amount_captured: succeeded ? intent.amount : 0,
    amount_refunded: 0,
    balance_transaction: null,
    billing_details: { ...fixture.billing_details, email, name: null },
    calculated_statement_descriptor: "ATHAR",
    captured: succeeded,
    currency: intent.currency,
    customer: intent.customer,
    description: intent.description,
    disputed: false,
    failure_code: succeeded ? null : DECLINE.code,
    failure_message: succeeded ? null : DECLINE.message,
    metadata: { ...intent.metadata },
    outcome: succeeded ? APPROVED : DECLINE.outcome,
    paid: succeeded,
    payment_intent: intent.id,
    payment_method: localId("pm"),
    receipt_email: email,
    receipt_url: null,
    refunded: false,
    refunds: { object: "list", data: [], has_more: false, url: `/v1/charges/${id}/refunds` },
    source: null,
    status: succeeded ? "succeeded" : "failed",
    transfer_data: null,
  } as Stripe.Charge;
}
