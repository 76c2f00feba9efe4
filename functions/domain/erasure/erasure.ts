import { yearIn } from "../donations/payment-events.ts";
import { movementId } from "../ledger.ts";
import type { Movement } from "../model.ts";

/**
 * Erasure of a donor's personal data (their data-rights request). What accounting needs stays: the
 * donation, its ledger entries (amounts and dates, no personal data), its receipts and every total. What
 * identifies a person goes: the donor's name, e-mail and phone, a dedication's name and the address told
 * of it, an adoption's public recognition name; then the donor's own partition (profile, history, monthly
 * gifts) is deleted. Every step is idempotent, so a run that fails is simply run again.
 */
export type StoredItem = Record<string, unknown> & { pk: string; sk: string };

/** A path into an item (`["donor", "email"]`) and what to do there. */
export interface PersonalDataEdits {
  set: [path: string[], value: unknown][];
  remove: string[][];
}

export interface ErasureStore {
  /** Donors whose erasure was asked for and is not finished, oldest first. */
  pending(limit: number): Promise<string[]>;
  /**
   * A page of the donations the donor started (gsi2), paid or not: unpaid checkouts have no history row.
   * `after` is the previous page's cursor.
   */
  donorDonations(donorId: string, after?: string): Promise<{ donationIds: string[]; cursor?: string }>;
  /** The first rows of the donor's partition (profile, monthly gifts, history). */
  donorRows(donorId: string, limit: number): Promise<StoredItem[]>;
  deleteDonorRows(rows: StoredItem[]): Promise<void>;
  /** Every item of a donation's partition: the donation, ledger entries, receipt links, adoption, hold. */
  donationItems(donationId: string): Promise<StoredItem[]>;
  receipt(receiptNumber: string): Promise<StoredItem | undefined>;
  /** The payment's receipt request while it waits for a number. */
  queuedReceiptRequest(
    year: number,
    at: string,
    donationId: string,
    movementId: string,
  ): Promise<StoredItem | undefined>;
  /** Applies the edits to an item that still exists. */
  edit(item: StoredItem, edits: PersonalDataEdits): Promise<void>;
  /** The adopter's name in the initiative's public recognition list becomes null (anonymous). */
  forgetAdopterName(initiativeId: string, donationId: string): Promise<void>;
  finish(donorId: string, at: string): Promise<void>;
}

export interface ErasureDeps {
  store: ErasureStore;
  /** A monthly gift still running is stopped: it could not be receipted any more, nor charged in good faith. */
  payments: { cancelSubscription(subscriptionId: string): Promise<void> };
  clock: { now(): Date };
  /** The council's time zone: receipt requests wait in the queue of their payment's calendar year. */
  timeZone: string;
}

/** How many donor rows are handled per round (their donations are erased before the rows are deleted). */
const ROWS_PER_ROUND = 100;

const ERASED_DONOR = { name: "", email: "" };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

function dedicationEdits(prefix: string[], dedication: unknown, edits: PersonalDataEdits) {
  if (!isRecord(dedication)) return;
  if (dedication.name) edits.set.push([[...prefix, "name"], ""]);
  if (dedication.notify !== undefined) edits.remove.push([...prefix, "notify"]);
}

function recognitionEdits(adoption: unknown, edits: PersonalDataEdits) {
  if (isRecord(adoption) && isRecord(adoption.recognition) && adoption.recognition.name !== undefined) {
    edits.remove.push(["adoption", "recognition", "name"]);
  }
}

const hasPersonalDonor = (donor: unknown) =>
  isRecord(donor) && Boolean(donor.name || donor.email || donor.phone !== undefined);

/** Where an item of the table holds personal data, by its entity; undefined when it holds none (any more). */
export function personalDataEdits(item: Record<string, unknown>): PersonalDataEdits | undefined {
  const edits: PersonalDataEdits = { set: [], remove: [] };
  switch (item.entity) {
    case "donation":
      if (hasPersonalDonor(item.donor)) edits.set.push([["donor"], ERASED_DONOR]);
      // The hashed address: without it, a later refund or charge cannot bring the donor's rows back.
      if (item.donorId !== undefined) edits.remove.push(["donorId"]);
      // …and the index entry that lists the donation under the donor (its key holds the same hash).
      if (item.gsi2pk !== undefined) edits.remove.push(["gsi2pk"], ["gsi2sk"]);
      // Finance's free-text note on a gift received by hand may name the donor.
      if (isRecord(item.offline) && item.offline.note !== undefined) edits.remove.push(["offline", "note"]);
      dedicationEdits(["dedication"], item.dedication, edits);
      recognitionEdits(item.adoption, edits);
      break;
    case "adoption":
    case "hold":
      recognitionEdits(item.adoption, edits);
      break;
    case "receipt":
      if (hasPersonalDonor(item.donor)) edits.set.push([["donor"], ERASED_DONOR]);
      dedicationEdits(["dedication"], item.dedication, edits);
      if (item.dedicationNotify !== undefined) edits.remove.push(["dedicationNotify"]);
      // Nothing left to mail it to.
      if (item.gsi2pk !== undefined) edits.remove.push(["gsi2pk"], ["gsi2sk"]);
      break;
    case "receiptRequest":
      if (isRecord(item.donation)) {
        if (hasPersonalDonor(item.donation.donor)) edits.set.push([["donation", "donor"], ERASED_DONOR]);
        if (item.donation.donorId !== undefined) edits.remove.push(["donation", "donorId"]);
        dedicationEdits(["donation", "dedication"], item.donation.dedication, edits);
      }
      break;
    default:
      return undefined;
  }
  return edits.set.length + edits.remove.length > 0 ? edits : undefined;
}

async function scrub(store: ErasureStore, item: StoredItem | undefined) {
  const edits = item && personalDataEdits(item);
  if (item && edits) await store.edit(item, edits);
}

/** Removes the personal data of one donation and of everything that copied it. */
export async function eraseDonation(deps: ErasureDeps, donationId: string): Promise<void> {
  const items = await deps.store.donationItems(donationId);
  const receiptNumbers = new Set<string>();
  const receipted = new Set<string>();
  for (const item of items) {
    if (item.entity === "receiptOfPayment") {
      receiptNumbers.add(String(item.receiptNumber));
      receipted.add(item.sk.slice(item.sk.indexOf("#") + 1));
    }
  }
  for (const item of items) {
    if (item.entity === "donation" && typeof item.subscriptionId === "string" && !item.canceledAt) {
      await deps.payments.cancelSubscription(item.subscriptionId);
    }
    await scrub(deps.store, item);
    const adoption = item.adoption;
    if (item.entity === "donation" && isRecord(adoption) && typeof adoption.initiativeId === "string") {
      await deps.store.forgetAdopterName(adoption.initiativeId, donationId);
    }
    // A payment without a receipt yet: its request still waits in the queue with the donor's name.
    if (item.entity === "ledgerEntry" && item.kind === "payment") {
      const movement = item as unknown as Movement;
      const id = movementId(movement);
      if (!receipted.has(id)) {
        const year = yearIn(deps.timeZone, movement.at);
        await scrub(deps.store, await deps.store.queuedReceiptRequest(year, movement.at, donationId, id));
      }
    }
  }
  for (const receiptNumber of receiptNumbers)
    await scrub(deps.store, await deps.store.receipt(receiptNumber));
}

/**
 * Erases one donor: every donation they started (paid or not, from the donor index), each donation their
 * rows name, then the rows themselves, then marks the request done.
 */
export async function eraseDonor(deps: ErasureDeps, donorId: string): Promise<{ donations: number }> {
  const erased = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await deps.store.donorDonations(donorId, cursor);
    for (const donationId of page.donationIds) {
      if (erased.has(donationId)) continue;
      await eraseDonation(deps, donationId);
      erased.add(donationId);
    }
    cursor = page.cursor;
  } while (cursor);
  for (;;) {
    const rows = await deps.store.donorRows(donorId, ROWS_PER_ROUND);
    if (rows.length === 0) break;
    for (const row of rows) {
      const donationId = typeof row.donationId === "string" ? row.donationId : undefined;
      if (donationId && !erased.has(donationId)) {
        await eraseDonation(deps, donationId);
        erased.add(donationId);
      }
    }
    await deps.store.deleteDonorRows(rows);
  }
  await deps.store.finish(donorId, deps.clock.now().toISOString());
  return { donations: erased.size };
}
