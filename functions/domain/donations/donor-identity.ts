import { createHmac } from "node:crypto";

/**
 * A donor is the e-mail address they give with: every donation made with it, before or after they first
 * sign in, is theirs. The table never holds the address as a key, only this keyed hash of it, so keys and
 * logs do not reveal who gave.
 */
export function normalizeEmail(email: string): string {
  return email.trim().normalize("NFC").toLowerCase();
}

/**
 * `dnr_` + 26 characters of HMAC-SHA256 (base64url): stable per address and per deployment's donor-id key,
 * which is kept apart from the rate limits' salt and never replaced (a new key would orphan every history).
 */
export function donorIdOf(email: string, donorIdKey: string): string {
  const digest = createHmac("sha256", donorIdKey)
    .update(`donor:${normalizeEmail(email)}`)
    .digest("base64url");
  return `dnr_${digest.slice(0, 26)}`;
}
