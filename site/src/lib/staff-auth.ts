/**
 * The finance console's sign-in, in the browser: OAuth 2.0 authorization code with PKCE (S256) against
 * Cognito's managed login (the local issuer locally). The access token lives in sessionStorage only:
 * gone with the tab, never shared with other tabs or kept on disk like localStorage.
 */
import type { StaffSignInSettings } from "../../../contract/finance/views.ts";

export type { StaffSignInSettings };

export interface StaffToken {
  accessToken: string;
  expiresAt: number;
}

const TOKEN_KEY = "athar.staff.token";
const PENDING_KEY = "athar.staff.pending";

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

const randomString = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

/** The console's own address, without the code the issuer sent back: the registered callback URL. */
export const consoleUrl = () => `${location.origin}${location.pathname}`;

export async function loadSignInSettings(): Promise<StaffSignInSettings> {
  const response = await fetch("/api/staff/config");
  if (!response.ok) throw new Error(`staff config: HTTP ${response.status}`);
  return (await response.json()) as StaffSignInSettings;
}

export function storedToken(now = Date.now()): StaffToken | undefined {
  try {
    const token = JSON.parse(sessionStorage.getItem(TOKEN_KEY) ?? "null") as StaffToken | null;
    // A minute's margin, so a request is not sent with a token about to lapse.
    return token && token.expiresAt - 60_000 > now ? token : undefined;
  } catch {
    return undefined;
  }
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** Off to the issuer's sign-in page, remembering the PKCE verifier and state for the way back. */
export async function startSignIn(settings: StaffSignInSettings, locale: string) {
  const verifier = randomString();
  const state = randomString();
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state }));
  const url = new URL(settings.authorizeUrl);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: settings.clientId,
    redirect_uri: consoleUrl(),
    scope: settings.scope,
    state,
    code_challenge: base64url(digest),
    code_challenge_method: "S256",
    lang: locale,
  }).toString();
  location.assign(url.href);
}

/**
 * Back from the issuer with `?code=&state=`: exchanges the code (once, with the verifier) and keeps the
 * access token. Returns false when the page was not opened by a sign-in.
 */
export async function finishSignIn(settings: StaffSignInSettings): Promise<boolean> {
  const params = new URLSearchParams(location.search);
  const code = params.get("code");
  if (!code) return false;
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? "null") as {
    verifier: string;
    state: string;
  } | null;
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, "", consoleUrl());
  if (!pending || pending.state !== params.get("state")) throw new Error("sign-in state does not match");
  const response = await fetch(settings.tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: settings.clientId,
      code,
      redirect_uri: consoleUrl(),
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error(`token exchange: HTTP ${response.status}`);
  const tokens = (await response.json()) as { access_token: string; expires_in: number };
  const token: StaffToken = {
    accessToken: tokens.access_token,
    expiresAt: Date.now() + tokens.expires_in * 1000,
  };
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify(token));
  return true;
}

/** Ends the console's session here and at the issuer, coming back to the console. */
export function signOut(settings: StaffSignInSettings) {
  forgetToken();
  const url = new URL(settings.logoutUrl);
  url.search = new URLSearchParams({ client_id: settings.clientId, logout_uri: consoleUrl() }).toString();
  location.assign(url.href);
}

export class StaffApiError extends Error {
  readonly status: number;
  /** A refused form's fields, each with the API's message for it. */
  readonly details: { field: string; message: string }[];
  constructor(status: number, message: string, details: { field: string; message: string }[] = []) {
    super(message);
    this.status = status;
    this.details = details;
  }
}

/** A request to the staff API with the bearer token; errors carry the API's message in the page's language. */
async function staffFetch(path: string, token: StaffToken, locale: string, init: RequestInit) {
  const response = await fetch(path, {
    ...init,
    headers: {
      authorization: `Bearer ${token.accessToken}`,
      "accept-language": locale,
      ...(init.body ? { "content-type": "application/json" } : {}),
    },
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as {
      message?: string;
      details?: { field: string; message: string }[];
    };
    throw new StaffApiError(response.status, body.message ?? `HTTP ${response.status}`, body.details);
  }
  return response;
}

export const staffGet = async <T>(path: string, token: StaffToken, locale: string) =>
  (await (await staffFetch(path, token, locale, {})).json()) as T;

/** A POST of JSON (the finance API takes JSON only: a bearer token means a script, never a plain form). */
export const staffPost = async <T>(path: string, token: StaffToken, locale: string, body: unknown = {}) =>
  (await (await staffFetch(path, token, locale, { method: "POST", body: JSON.stringify(body) })).json()) as T;

/** A file the API hands out only with the token (an export): its bytes, to offer as a download. */
export const staffDownload = async (path: string, token: StaffToken, locale: string) =>
  (await staffFetch(path, token, locale, {})).blob();
