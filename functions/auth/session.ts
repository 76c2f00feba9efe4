import { parse as parseCookies, serialize as serializeCookie } from "cookie";
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import type { Locale } from "../../content/locales.ts";
import { UnauthenticatedError } from "../domain/errors.ts";

/**
 * A donor's session is a signed JWT (HS256) in an HttpOnly cookie, so reading it costs no DynamoDB call.
 * Keys rotate: the first key signs, every listed key verifies (its `kid` picks it), so a new key is put
 * first and the old one removed once the longest session signed with it has ended. Sign-out raises the
 * donor's session epoch (kept with their profile), which ends every session issued before it.
 */
export const SESSION_COOKIE = "athar_session";
export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;
const ISSUER = "athar";
const AUDIENCE = "athar:donor";

const sessionKey = z.object({ kid: z.string().regex(/^[\w-]{1,32}$/), secret: z.string().min(32) });
/**
 * A list of keys, newest first; a single `{kid, secret}` object (what Secrets Manager generates from a
 * template) is a list of one.
 */
export const sessionKeysSchema = z.union([z.array(sessionKey).min(1), sessionKey.transform((key) => [key])]);
export type SessionKeys = z.output<typeof sessionKeysSchema>;

export interface DonorSession {
  donorId: string;
  /** Sessions issued before the donor's current epoch (a sign-out) are no longer valid. */
  epoch: number;
  locale: Locale;
  /** Unique per session, so one can be told from another in audit and tests. */
  sessionId: string;
  /** When it was signed (whole seconds): a profile born after it is another account's (session-liveness.ts). */
  issuedAt: Date;
  expiresAt: Date;
}

const claimsSchema = z.object({
  sub: z.string().startsWith("dnr_"),
  epoch: z.number().int().min(0),
  locale: z.enum(["ar", "en"]),
  jti: z.string().min(8),
  iat: z.number().int(),
  exp: z.number().int(),
});

const encoder = new TextEncoder();

export async function signDonorSession(
  session: Omit<DonorSession, "expiresAt" | "issuedAt">,
  keys: SessionKeys,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const [current] = keys;
  if (!current) throw new Error("No session key");
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = new Date((issuedAt + SESSION_TTL_SECONDS) * 1000);
  const token = await new SignJWT({ epoch: session.epoch, locale: session.locale })
    .setProtectedHeader({ alg: "HS256", kid: current.kid })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(session.donorId)
    .setJti(session.sessionId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + SESSION_TTL_SECONDS)
    .sign(encoder.encode(current.secret));
  return { token, expiresAt };
}

/** The session a token carries; tampered, expired, unknown-key or malformed tokens are UnauthenticatedError. */
export async function verifyDonorSession(token: string, keys: SessionKeys, now: Date): Promise<DonorSession> {
  try {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        const key = keys.find((candidate) => candidate.kid === header.kid);
        if (!key) throw new UnauthenticatedError("session_key_unknown");
        return encoder.encode(key.secret);
      },
      { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"], currentDate: now },
    );
    const claims = claimsSchema.parse(payload);
    return {
      donorId: claims.sub,
      epoch: claims.epoch,
      locale: claims.locale,
      sessionId: claims.jti,
      issuedAt: new Date(claims.iat * 1000),
      expiresAt: new Date(claims.exp * 1000),
    };
  } catch (cause) {
    if (cause instanceof UnauthenticatedError) throw cause;
    const reason = cause instanceof joseErrors.JWTExpired ? "session_expired" : "session_invalid";
    throw new UnauthenticatedError(reason, { cause });
  }
}

/** The session cookie's value from API Gateway's payload-2.0 `cookies` array. */
export function sessionTokenFrom(cookies: readonly string[] | undefined): string | undefined {
  if (!cookies?.length) return undefined;
  return parseCookies(cookies.join("; "))[SESSION_COOKIE] || undefined;
}

/**
 * HttpOnly, SameSite=Lax, and Secure everywhere but plain-http localhost (the local stack). It is set as
 * the token is signed, so it lasts the token's lifetime: Max-Age says so whatever the donor's device
 * thinks the date is (browsers take Max-Age before Expires, RFC 6265 5.3), and Expires stays for clients
 * that know only it.
 */
export function sessionCookie(token: string, expiresAt: Date, publicBaseUrl: string): string {
  return serializeCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    secure: new URL(publicBaseUrl).protocol === "https:",
    sameSite: "lax",
    path: "/",
    maxAge: SESSION_TTL_SECONDS,
    expires: expiresAt,
  });
}

export function clearedSessionCookie(publicBaseUrl: string): string {
  return serializeCookie(SESSION_COOKIE, "", {
    httpOnly: true,
    secure: new URL(publicBaseUrl).protocol === "https:",
    sameSite: "lax",
    path: "/",
    maxAge: 0,
    expires: new Date(0),
  });
}
