import type { Locale } from "../../content/locales.ts";
import type { Initiative } from "../../content/schema.ts";
import type { Council } from "../../content/schema-org.ts";
import type { InventorySnapshot } from "./adoption/inventory.ts";
import type { CalendarPlace } from "./calendars.ts";
import type { PaymentEvent } from "./donations/payment-events.ts";
import type { Movement } from "./ledger.ts";
import type { Money } from "./money.ts";

/** The interfaces the domain needs from the outside world; adapters implement them. */

export type Designation = "zakat" | "sadaqah" | "general";
export type Interval = "once" | "month";

/** What a donation is for: one initiative, or the council's general fund. */
export type Fund = { kind: "initiative"; initiativeId: string } | { kind: "general" };

export interface Dedication {
  kind: "honor" | "memory";
  name: string;
  /** Someone to send a card to, telling them of the gift (never its amount). */
  notify?: { name: string; email: string };
}

export interface DonorDetails {
  name: string;
  email: string;
  /** E.164, when given. */
  phone?: string;
}

/** An adoption (كفالة): units of an initiative, one share of a shared unit, or the whole initiative. */
export interface AdoptionDetails {
  initiativeId: string;
  /** Whole units (1 for a share or a whole initiative). */
  units: number;
  /** Shared units: the share of one unit's price, in minor units, and the unit it is part of. */
  share?: number;
  unitId?: string;
  /** With consent, shown on the initiative page by this name (the donor's, or a company's). */
  recognition: { consent: boolean; name?: string };
}

export interface OfflineReceipt {
  method: "bank_transfer" | "cash";
  /** The bank's reference of the transfer, or the one generated for cash: unique per method. */
  reference: string;
  /** The day the money arrived (ISO date). */
  receivedAt: string;
  /** The staff member who recorded it. */
  recordedBy: string;
  /** Finance's own note (kept with the donation, not in the audit log: it may name the donor). */
  note?: string;
}

/** What the donor chose at checkout; never changes afterwards. */
export interface DonationIntent {
  donationId: string;
  /**
   * The donor: a keyed hash of their e-mail (functions/domain/donations/donor-identity.ts), set at checkout. Absent
   * on donations made before donor accounts existed; those write no rows in a donor's partition.
   */
  donorId?: string;
  fund: Fund;
  /** The gift per charge, before any fee cover. */
  amount: Money;
  /** Added to every charge when the donor chose to cover the processing fee. */
  feeCover?: Money;
  interval: Interval;
  designation: Designation;
  dedication?: Dedication;
  /** Shown as "a donor" in public lists. */
  anonymous: boolean;
  donor: DonorDetails;
  locale: Locale;
  /** Stripe's checkout session; absent for a gift finance recorded by hand (`offline`). */
  checkoutSessionId?: string;
  createdAt: string;
  /** A bank transfer or cash gift finance recorded by hand: how it came and its reference. */
  offline?: OfflineReceipt;
  /** Present when the donation adopts units; its payments turn the hold into an adoption. */
  adoption?: AdoptionDetails;
}

/**
 * What payment events have done to a donation so far. Every field is a sum or a set-once flag, so
 * events applied in any order, any number of times, leave the same state.
 */
export interface DonationProgress {
  /** Sum of payments received, refunds and disputes aside (one per charge: once, or every month). */
  paid: number;
  payments: number;
  refunded: number;
  /** Withdrawn by open or lost disputes, net of reinstatements. */
  disputed: number;
  expiredAt?: string;
  failedAt?: string;
  subscriptionId?: string;
  /** Monthly gifts: the end of the latest period paid for (ISO), and when the subscription ended. */
  paidThrough?: string;
  canceledAt?: string;
  /** A cancellation at the end of the paid period, when the donor asked for one (and did not take it back). */
  cancelAt?: string;
  /** Every change to that request as stored (`<at>#<cancelAt|none>`), from which cancelAt is derived. */
  cancelSchedules?: string[];
  /** Invoice attempts that failed, as `in_…#attempt`. */
  failedAttempts: string[];
  /** A delayed payment (a bank transfer) is on its way. */
  awaitingPaymentAt?: string;
  /** Adoptions: when the hold became an adoption. */
  adoptedAt?: string;
}

export type Donation = DonationIntent & DonationProgress;

export type DonationStatus = "pending" | "paid" | "failed" | "expired" | "refunded";

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

/** Idempotent changes to a donation that move no money. */
export type DonationMark =
  | { kind: "expired"; at: string }
  | { kind: "failed"; at: string }
  | { kind: "awaitingPayment"; at: string }
  | { kind: "subscription"; subscriptionId: string }
  | { kind: "failedAttempt"; attempt: string }
  | { kind: "canceled"; at: string }
  /** The subscription's cancellation at its period's end as of `at`: scheduled (`cancelAt`) or withdrawn (null). */
  | { kind: "cancelSchedule"; at: string; cancelAt: string | null }
  | { kind: "paidThrough"; until: string };

export interface LedgerWrite {
  movement: Movement;
  /** Where it falls in the council's calendars: the donor's totals and history count it there. */
  place: CalendarPlace;
  /** Payments: the calendar year (council's time zone) whose receipt sequence will number it. */
  receiptYear?: number;
}

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
