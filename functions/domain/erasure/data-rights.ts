import type { Locale } from "../../../content/locales.ts";
import type { DonorSession } from "../../auth/session.ts";
import { type SessionAnchor, signedBefore } from "../account/session-liveness.ts";
import { UnauthenticatedError, ValidationError } from "../errors.ts";
import { assertSessionCurrent } from "../signin/signin.ts";

/**
 * A donor's data rights: a copy of everything held about them (a page at a time, so each request makes a
 * bounded number of DynamoDB calls however long their history), and erasure of their personal data.
 */
export const EXPORT_FORMAT = "athar-donor-export/1";
/** History rows per export page; their donations are read with one BatchGet (at most 100 keys). */
export const EXPORT_PAGE_SIZE = 50;

export interface DonorProfileRecord extends SessionAnchor {
  name?: string;
  locale?: Locale;
  firstGiftAt?: string;
}

export type StoredRecord = Record<string, unknown>;

export interface DonorDataStore {
  profile(donorId: string): Promise<DonorProfileRecord | undefined>;
  /** The donor's history rows (`G#`) after the cursor, oldest first; `next` when more remain. */
  giftsPage(
    donorId: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<{ gifts: StoredRecord[]; next?: string }>;
  /** The donation items, in one call. */
  donations(donationIds: string[]): Promise<StoredRecord[]>;
  /**
   * Ends every session (raises the epoch, only while the session is still live: its `epoch` current and
   * the profile born before `signedBefore`) and records the erasure request, together; false when the
   * session was no longer live.
   */
  requestErasure(
    donorId: string,
    session: { epoch: number; signedBefore: string },
    requestedAt: string,
  ): Promise<boolean>;
}

export interface DataRightsDeps {
  store: DonorDataStore;
  clock: { now(): Date };
}

export interface DonorExport {
  format: typeof EXPORT_FORMAT;
  donor: { donorId: string; name?: string; locale?: Locale; firstGiftAt?: string };
  /** The donations behind this page's history rows (a monthly gift can appear on more than one page). */
  donations: StoredRecord[];
  /** This page's history rows: every payment, refund and dispute, with its receipt once issued. */
  gifts: StoredRecord[];
  cursor?: string;
}

const CURSOR = /^[A-Za-z0-9_-]{1,400}$/;

export async function exportDonorData(
  deps: DataRightsDeps,
  session: DonorSession,
  cursor: string | undefined,
): Promise<DonorExport> {
  if (cursor !== undefined && !CURSOR.test(cursor)) {
    throw new ValidationError([{ field: "cursor", code: "field_invalid" }]);
  }
  const profile = assertSessionCurrent(session, await deps.store.profile(session.donorId));
  const page = await deps.store.giftsPage(session.donorId, cursor, EXPORT_PAGE_SIZE);
  const donationIds = [...new Set(page.gifts.map((gift) => String(gift.donationId)))];
  const donations = donationIds.length > 0 ? await deps.store.donations(donationIds) : [];
  const { name, locale, firstGiftAt } = profile;
  return {
    format: EXPORT_FORMAT,
    donor: {
      donorId: session.donorId,
      ...(name ? { name } : {}),
      ...(locale ? { locale } : {}),
      ...(firstGiftAt ? { firstGiftAt } : {}),
    },
    donations,
    gifts: page.gifts,
    ...(page.next ? { cursor: page.next } : {}),
  };
}

/**
 * Schedules the erasure of the donor's personal data and ends all their sessions at once; the erasure
 * worker (functions/domain/erasure/erasure.ts) does the rest from the table's stream.
 */
export async function requestErasure(deps: DataRightsDeps, session: DonorSession): Promise<void> {
  const scheduled = await deps.store.requestErasure(
    session.donorId,
    { epoch: session.epoch, signedBefore: signedBefore(session).toISOString() },
    deps.clock.now().toISOString(),
  );
  if (!scheduled) throw new UnauthenticatedError("signed_out");
}
