import {
  type DonorSession,
  type SessionKeys,
  sessionTokenFrom,
  verifyDonorSession,
} from "../auth/session.ts";
import { CrossSiteRequestError, UnauthenticatedError } from "../domain/errors.ts";
import { type HttpEvent, header } from "./request.ts";

/**
 * The signed-in donor, from the session cookie alone (no DynamoDB call). Whether the session was ended by
 * a sign-out is checked against the donor's profile by the route's own read (its `sessionEpoch`).
 */
export async function readDonorSession(
  event: HttpEvent,
  keys: SessionKeys,
  now: Date,
): Promise<DonorSession> {
  const token = sessionTokenFrom(event.cookies);
  if (!token) throw new UnauthenticatedError("no_session");
  return verifyDonorSession(token, keys, now);
}

/**
 * State-changing requests made with a session must come from the site's own pages: the browser's
 * `Sec-Fetch-Site` says so, else `Origin` must be the site's. SameSite=Lax already keeps the cookie off
 * cross-site POSTs; this refuses them outright, whatever the browser.
 */
export function assertSameOrigin(event: HttpEvent, publicBaseUrl: string): void {
  const fetchSite = header(event, "sec-fetch-site");
  if (fetchSite) {
    if (fetchSite === "same-origin") return;
    throw new CrossSiteRequestError(`Sec-Fetch-Site: ${fetchSite}`);
  }
  const origin = header(event, "origin");
  if (origin && origin === new URL(publicBaseUrl).origin) return;
  throw new CrossSiteRequestError(`Origin: ${origin ?? "(none)"}`);
}
