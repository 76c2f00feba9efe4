import type { Locale } from "../../content/locales.ts";
import type { Initiative } from "../../content/schema.ts";
import type { Council } from "../../content/schema-org.ts";
import type { Money } from "../../contract/money.ts";
import type { Designation, Interval } from "../../contract/vocabulary.ts";
import type {
  Donation,
  DonationIntent,
  DonationMark,
  DonorDetails,
  InventorySnapshot,
  LedgerWrite,
  Movement,
  OfflineReceipt,
  PaymentEvent,
} from "./model.ts";

export interface Catalog {
  /** The council that publishes the site: legal name and registration appear on receipts. */
  council(): Council;
  findInitiative(id: string): Initiative | undefined;
  /** Every initiative the site publishes (drafts excluded), in a stable order. */
  publishedInitiatives(): Initiative[];
}

/** Running totals of one fund (an initiative, or the general fund) in one currency. */
export interface InitiativeTotalsRow {
  initiativeId: string;
  currency: string;
  raised: number;
  donations: number;
}

/** Running totals of one designation (zakat, sadaqah, general) in one currency. */
export interface DesignationTotalsRow {
  designation: Designation;
  currency: string;
  raised: number;
  donations: number;
}

export interface TotalsRow {
  currency: string;
  raised: number;
  donations: number;
}

export interface StatsStore {
  /** Every fund's, designation's and currency's totals, in one DynamoDB call. */
  allTotals(): Promise<{
    initiatives: InitiativeTotalsRow[];
    generalFund: TotalsRow[];
    designations: DesignationTotalsRow[];
    currencies: TotalsRow[];
    /** What initiatives funded by units have given out, by initiative (absent: nothing yet). */
    inventories: Map<string, InventorySnapshot>;
  }>;
}

export interface CheckoutSessionRequest {
  donationId: string;
  /** The initiative, or undefined for the council's general fund. */
  initiative: Initiative | undefined;
  /** Product name on the payment page, in the donor's language. */
  title: string;
  amount: Money;
  feeCover?: Money;
  interval: Interval;
  designation: Designation;
  donor: DonorDetails;
  locale: Locale;
  successUrl: string;
  cancelUrl: string;
  expiresAt: Date;
}

export interface PaymentGateway {
  /**
   * Resolves when payments can be taken; throws PaymentsNotConfiguredError while the deployment's keys
   * are missing, so a checkout is refused before anything is counted, held or written.
   */
  ready(): Promise<void>;
  createCheckoutSession(request: CheckoutSessionRequest): Promise<{ sessionId: string; url: string }>;
  /** Verifies the signature on the exact raw body; throws InvalidSignatureError. */
  parseWebhookEvent(rawBody: string, signature: string | undefined): PaymentEvent;
  /**
   * The donation a payment belongs to, asked of the provider: disputes and refunds of monthly charges
   * name only the payment.
   */
  findDonationOfPayment(paymentIntentId: string): Promise<string | undefined>;
  /** Every refund of a charge, when the event did not list them. */
  listRefunds(chargeId: string): Promise<Movement[]>;
  /** Ends a subscription now (a sponsorship after too many failed payments); done already is fine. */
  cancelSubscription(subscriptionId: string): Promise<void>;
  /**
   * Refunds what is left of a payment (finance's decision for an unfulfilled adoption); refunded already
   * is fine. The refund reaches the ledger through the webhook, as any refund does.
   */
  refundPayment(paymentIntentId: string): Promise<void>;
  /**
   * A page where the donor changes the card of a monthly gift or cancels it (Stripe's customer portal,
   * or the local emulator's stand-in), coming back to `returnUrl`.
   */
  createBillingPortalSession(request: BillingPortalRequest): Promise<{ url: string }>;
}

export interface BillingPortalRequest {
  subscriptionId: string;
  returnUrl: string;
  locale: Locale;
}

/** What applying one event did; "duplicate" when everything it carries was applied before. */
export type ApplyOutcome = "recorded" | "duplicate" | "unknown_donation" | "ignored";

export interface DonationChange {
  movements: LedgerWrite[];
  marks: DonationMark[];
}

export interface DonationStore {
  /** Writes a new pending donation and its checkout-session lookup atomically. */
  createPendingDonation(donation: DonationIntent): Promise<void>;
  /**
   * Writes a donation finance recorded by hand with the claim on its reference, atomically. Answers the id
   * of the donation that holds the reference: this one's, or (nothing written) the one recorded before.
   */
  createOfflineDonation(donation: DonationIntent & { offline: OfflineReceipt }): Promise<string | undefined>;
  findDonation(donationId: string): Promise<Donation | undefined>;
  findDonationByCheckoutSession(sessionId: string): Promise<Donation | undefined>;
  /**
   * Appends ledger entries for the movements not yet recorded, with the donation's progress, every total
   * they move, receipt requests for payments and the marks, in one transaction per attempt; marks alone
   * when no movement is new. `marked` is true when the marks changed the donation as it was read.
   */
  apply(donation: Donation, change: DonationChange): Promise<{ recorded: number; marked: boolean }>;
}

export interface Clock {
  now(): Date;
}
