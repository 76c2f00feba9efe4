import { timingSafeEqual } from "node:crypto";
import type { Locale } from "../../../content/locales.ts";
import type { Money } from "../../../contract/money.ts";
import type { ReceiptDocument } from "../../../contract/receipts/document.ts";
import type { Designation, Interval } from "../../../contract/vocabulary.ts";
import { NotFoundError } from "../errors.ts";
import type { Dedication, Fund, Movement } from "../model.ts";
import type { Catalog, Clock } from "../ports.ts";
import type { MailProblem } from "./mail-events.ts";

/** A payment waiting for its receipt number, with what the receipt will state (frozen at payment time). */
export interface ReceiptRequest {
  year: number;
  movementId: string;
  movement: Movement;
  donation: {
    donationId: string;
    /** The donor whose history row gets the receipt (absent on donations made before donor accounts). */
    donorId?: string;
    fund: Fund;
    designation: Designation;
    interval: Interval;
    donor: { name: string; email: string };
    locale: Locale;
    feeCover?: Money;
    dedication?: Dedication;
  };
  /** Where the request sits in the queue (opaque to the domain). */
  queueKey: { pk: string; sk: string };
}

export interface ReceiptStore {
  /** The year's last issued number and its oldest waiting requests, in one read. */
  waiting(year: number, limit: number): Promise<{ lastIssued: number; requests: ReceiptRequest[] }>;
  /**
   * Issues the receipts numbered lastIssued+1… atomically, if the counter still stands at lastIssued
   * and the requests are still waiting; "conflict" otherwise (nothing written).
   */
  issue(
    year: number,
    lastIssued: number,
    receipts: { request: ReceiptRequest; receipt: ReceiptDocument }[],
  ): Promise<"issued" | "conflict">;
  find(receiptNumber: string): Promise<StoredReceipt | undefined>;
  /** Issued receipts whose e-mail has not gone yet, oldest first. */
  awaitingMail(limit: number): Promise<StoredReceipt[]>;
  /**
   * Takes the right to send a receipt's e-mail for a while (so concurrent workers do not both send it);
   * returns the attempt number, or undefined when another worker holds it.
   */
  leaseMail(receiptNumber: string, now: Date, leaseSeconds: number): Promise<number | undefined>;
  /** The e-mail went (or, with `gaveUp`, never will): the receipt leaves the waiting list. */
  markMailed(receiptNumber: string, at: string, outcome: "sent" | "gaveUp"): Promise<void>;
  /** One dedication card per donation: true for the caller that claims it first. */
  claimDedicationCard(donationId: string): Promise<boolean>;
  releaseDedicationCard(donationId: string): Promise<void>;
}

/** A receipt as kept: the document, and whom to send the dedication card to, if anyone. */
export type StoredReceipt = ReceiptDocument & {
  dedicationNotify?: { name: string; email: string };
  emailedAt?: string;
  /** What SES reported after sending, when the e-mail did not reach the donor (functions/domain/receipts/mail-events.ts). */
  mailProblem?: MailProblem;
};

export interface ReceiptDeps {
  receipts: ReceiptStore;
  catalog: Catalog;
  clock: Clock;
  /** An unguessable token for the printable page's link. */
  newToken: () => string;
}

/**
 * A transaction holds 100 items: the counter and four per receipt (the receipt, its payment's marker, the
 * request's removal, and the receipt's link on the donor's history row).
 */
export const RECEIPTS_PER_TRANSACTION = 24;
/** Bounds one invocation's work; what is left waits for the next stream record or the schedule. */
const MAX_ROUNDS = 40;

export function formatReceiptNumber(year: number, sequence: number): string {
  return `${year}-${String(sequence).padStart(6, "0")}`;
}

function receiptFor(
  deps: ReceiptDeps,
  request: ReceiptRequest,
  sequence: number,
  issuedAt: string,
): ReceiptDocument {
  const { donation, movement, year } = request;
  const initiative =
    donation.fund.kind === "initiative" ? deps.catalog.findInitiative(donation.fund.initiativeId) : undefined;
  const fund: ReceiptDocument["fund"] =
    donation.fund.kind === "initiative"
      ? {
          kind: "initiative",
          initiativeId: donation.fund.initiativeId,
          title: initiative?.title ?? { ar: donation.fund.initiativeId, en: donation.fund.initiativeId },
        }
      : { kind: "general" };
  return {
    receiptNumber: formatReceiptNumber(year, sequence),
    year,
    sequence,
    issuedAt,
    paidAt: movement.at,
    donationId: donation.donationId,
    locale: donation.locale,
    donor: donation.donor,
    amount: movement.amount,
    ...(donation.feeCover ? { feeCover: donation.feeCover } : {}),
    interval: donation.interval,
    ...(movement.period ? { period: movement.period } : {}),
    designation: donation.designation,
    fund,
    ...(donation.dedication
      ? { dedication: { kind: donation.dedication.kind, name: donation.dedication.name } }
      : {}),
    paymentReference: movement.ref,
    accessToken: deps.newToken(),
  };
}

/**
 * Numbers every waiting payment of the year, oldest first, in batches. Safe to run concurrently and
 * repeatedly: a batch that lost a race to another sequencer is read again and numbered after it.
 */
export async function issueReceipts(deps: ReceiptDeps, year: number): Promise<ReceiptDocument[]> {
  const issued: ReceiptDocument[] = [];
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const { lastIssued, requests } = await deps.receipts.waiting(year, RECEIPTS_PER_TRANSACTION);
    if (requests.length === 0) break;
    const issuedAt = deps.clock.now().toISOString();
    const batch = requests.map((request, index) => ({
      request,
      receipt: receiptFor(deps, request, lastIssued + index + 1, issuedAt),
    }));
    if ((await deps.receipts.issue(year, lastIssued, batch)) === "issued") {
      issued.push(...batch.map(({ receipt }) => receipt));
    }
  }
  return issued;
}

/** Compares in constant time, so response timing says nothing about how much of a token was right. */
function sameToken(a: string, b: string): boolean {
  const [left, right] = [Buffer.from(a), Buffer.from(b)];
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * A receipt for its printable page: only with the token from the receipt e-mail. A wrong token and an
 * unknown number look alike, so numbers cannot be probed.
 */
export async function findReceipt(
  deps: Pick<ReceiptDeps, "receipts">,
  receiptNumber: string,
  accessToken: string,
): Promise<ReceiptDocument> {
  const stored = await deps.receipts.find(receiptNumber);
  if (!stored || !sameToken(stored.accessToken, accessToken)) {
    throw new NotFoundError("receipt_not_found", `No receipt ${receiptNumber} for this key`);
  }
  const { dedicationNotify: _notify, emailedAt: _emailedAt, mailProblem: _problem, ...document } = stored;
  return document;
}
