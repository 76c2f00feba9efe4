import type { DonorSession } from "../../auth/session.ts";

/** What a session is checked against: the donor's profile (absent when never given, or erased). */
export interface SessionAnchor {
  /** Raised by sign-out everywhere and by erasure: sessions signed with a lower epoch have ended. */
  sessionEpoch: number;
  /**
   * When this profile was made (ISO 8601). An erased donor who gives again gets a new profile, which is a
   * new account: no session signed before it was born may read it. Absent on profiles made before it was kept.
   */
  bornAt?: string;
}

/**
 * The first instant a session signed at `issuedAt` is too old for: tokens carry whole seconds, so a
 * profile born later in the same second as the session still counts as older than it.
 */
export const signedBefore = (session: Pick<DonorSession, "issuedAt">) =>
  new Date((Math.floor(session.issuedAt.getTime() / 1000) + 1) * 1000);

/**
 * A session is live only while the donor's profile exists, no sign-out or erasure has raised its epoch
 * past the session's, and the profile is not younger than the session.
 */
export function isSessionLive(session: DonorSession, anchor: SessionAnchor | undefined): boolean {
  if (!anchor) return false;
  if (session.epoch < anchor.sessionEpoch) return false;
  return anchor.bornAt === undefined || Date.parse(anchor.bornAt) < signedBefore(session).getTime();
}
