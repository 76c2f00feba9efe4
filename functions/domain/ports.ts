import type { Locale } from "../../content/locales.ts";
import type { Initiative } from "../../content/schema.ts";
import type { Council } from "../../content/schema-org.ts";
import type { Money } from "./money.ts";

/** The interfaces the domain needs from the outside world; adapters implement them. */

export type DonationStatus = "pending" | "paid" | "expired";
export type Designation = "zakat" | "sadaqah" | "general";
export type Interval = "once";

export interface Donation {
  donationId: string;
  initiativeId: string;
  amount: Money;
  /** What Stripe actually charged, once paid. */
  amountReceived?: Money;
  interval: Interval;
  designation: Designation;
  donor: { name: string; email: string };
  locale: Locale;
  status: DonationStatus;
  checkoutSessionId: string;
  paymentIntentId?: string;
  createdAt: string;
  paidAt?: string;
}

export interface Catalog {
  /** The council that publishes the site: legal name and registration appear on receipts. */
  council(): Council;
  findInitiative(id: string): Initiative | undefined;
  /** Every initiative the site publishes (drafts excluded), in a stable order. */
  publishedInitiatives(): Initiative[];
}

/** Running totals of one initiative in one currency, kept by the webhook (and, later, adoption). */
export interface InitiativeTotalsRow {
  initiativeId: string;
  currency: string;
  raised: number;
  donations: number;
  unitsAdopted?: number;
  unitsHeld?: number;
}

/** Running totals of one designation (zakat, sadaqah, general) in one currency. */
export interface DesignationTotalsRow {
  designation: Designation;
  currency: string;
  raised: number;
  donations: number;
}

export interface StatsStore {
  /** Every initiative's and designation's totals, in one DynamoDB call. */
  allTotals(): Promise<{ initiatives: InitiativeTotalsRow[]; designations: DesignationTotalsRow[] }>;
}

export interface CheckoutSessionRequest {
  donationId: string;
  initiative: Initiative;
  amount: Money;
  designation: Designation;
  donor: { name: string; email: string };
  locale: Locale;
  successUrl: string;
  cancelUrl: string;
  expiresAt: Date;
}

/** A payment event from the provider, already authenticated and reduced to what the domain reads. */
export type PaymentEvent =
  | { id: string; type: "checkout.completed"; session: CheckoutSessionSnapshot }
  | { id: string; type: "checkout.expired"; session: CheckoutSessionSnapshot }
  | { id: string; type: "other"; providerType: string };

export interface CheckoutSessionSnapshot {
  sessionId: string;
  donationId: string | undefined;
  paid: boolean;
  amount: Money | undefined;
  paymentIntentId: string | undefined;
}

export interface PaymentGateway {
  createCheckoutSession(request: CheckoutSessionRequest): Promise<{ sessionId: string; url: string }>;
  /** Verifies the signature on the exact raw body; throws InvalidSignatureError. */
  parseWebhookEvent(rawBody: string, signature: string | undefined): PaymentEvent;
}

export type RecordOutcome = "recorded" | "duplicate" | "unknown_donation";

export interface DonationStore {
  /** Writes a new pending donation and its checkout-session lookup atomically. */
  createPendingDonation(donation: Donation): Promise<void>;
  findDonationByCheckoutSession(sessionId: string): Promise<Donation | undefined>;
  /** Marks the donation paid and appends its ledger entry and totals, exactly once per donation. */
  recordPayment(input: {
    eventId: string;
    donationId: string;
    amountReceived: Money;
    paymentIntentId: string | undefined;
    paidAt: string;
  }): Promise<RecordOutcome>;
  recordExpiry(input: { eventId: string; donationId: string; expiredAt: string }): Promise<RecordOutcome>;
}

export interface Clock {
  now(): Date;
}
