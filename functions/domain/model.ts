/**
 * The model every part of Athar shares: a donation (what was asked for and how it went), its movements of
 * money, the marks events leave on it, the provider event reduced to both, and an initiative's inventory.
 * Types only, and a leaf: it imports nothing but content's locales, the contract's money and vocabulary, and the calendars, so nothing
 * that uses it can form a circle through it. Ports (what the domain needs from outside) live in ports.ts.
 */
import type { Locale } from "../../content/locales.ts";
import type { Money } from "../../contract/money.ts";
import type { Designation, Interval, MovementKind } from "../../contract/vocabulary.ts";
import type { CalendarPlace } from "./calendars.ts";

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

/**
 * A movement of money on a donation, as the payment provider reports it. Each has a reference that is
 * unique for what it is (the payment, the refund, the dispute), so the same movement reported twice, by
 * the same event delivered again or by another event that repeats it, is recorded once.
 */
export interface Movement {
  kind: MovementKind;
  /** pi_… or in_… for payments, re_… for refunds, dp_… for disputes. */
  ref: string;
  /** Always positive; the kind gives the direction. */
  amount: Money;
  /** When it happened at the provider (ISO 8601): the same whichever event reports it. */
  at: string;
  /** Refunds and disputes: the charge they take money back from. */
  chargeId?: string;
  /** Monthly charges: the period paid for (ISO 8601). */
  period?: { start: string; end: string };
}

/**
 * A verified provider event reduced to what it does to one donation: the money it moves and the marks it
 * leaves. Every part is idempotent (movements are recorded once by reference, marks are set-once or
 * set-insertions), which is what makes any order and any number of deliveries end in the same ledger.
 */
export interface PaymentEvent {
  id: string;
  providerType: string;
  /** Our donation id, when the event carries it (checkout sessions, subscriptions, their invoices). */
  donationId?: string;
  /** Otherwise the payment to ask the provider about (disputes, refunds of monthly charges). */
  paymentIntentId?: string;
  movements: Movement[];
  /** The event reports refunds of this charge without listing them: list them from the provider. */
  refundsOfCharge?: string;
  marks: DonationMark[];
}

/**
 * What an initiative funded by units (or adopted whole) has given out. Whole units move between three
 * counters (free → held → adopted, or back to free); where units are shared, each started unit is listed
 * with the amounts of its price adopted (`a`) and held (`h`) by its one or two shares. So for every
 * initiative, at every moment, in money:
 *   (adopted + held + free) × price + Σ over started units of (a + h + remaining) = total × price,
 * and counted in units, adopted + held + free + started units = total. No counter is ever negative: holds
 * take only what a condition on the stored value still allows.
 */
export interface InventorySnapshot {
  /** Units in the initiative, as content says (a whole initiative is one unit). */
  total: number;
  free: number;
  held: number;
  adopted: number;
  /** Shared units with a share taken, by unit id. */
  started: Record<string, { a: number; h: number }>;
  /**
   * Adopters on the initiative page, by donation id (the name only with consent); `hidden` when finance has
   * taken the name off the page (functions/domain/adoption/recognition.ts).
   */
  adopters: Record<string, { name: string | null; units: number; since: string; hidden?: boolean }>;
}
