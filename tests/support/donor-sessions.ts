/**
 * Signed-in donors for tests: a session cookie signed with the local default keys, as the sign-in link's
 * callback would set it (the "auth" routes are not needed to test what a session may read).
 */
import { SESSION_COOKIE, sessionKeysSchema, signDonorSession } from "../../functions/auth/session.ts";
import { LOCAL_DONOR_ID_KEY, LOCAL_SESSION_KEYS } from "../../functions/config.ts";
import { donorIdOf } from "../../functions/domain/donations/donor-identity.ts";

export const localSessionKeys = sessionKeysSchema.parse(JSON.parse(LOCAL_SESSION_KEYS));

/** The donor id the local stack gives an e-mail (its default identifier salt). */
export const donorOfEmail = (email: string) => donorIdOf(email, LOCAL_DONOR_ID_KEY);

export async function sessionCookieFor(
  donorId: string,
  options: { epoch?: number; now?: Date; locale?: "ar" | "en"; keys?: typeof localSessionKeys } = {},
): Promise<string> {
  const { token } = await signDonorSession(
    {
      donorId,
      epoch: options.epoch ?? 0,
      locale: options.locale ?? "ar",
      sessionId: `ses_${donorId.slice(-6)}`,
    },
    options.keys ?? localSessionKeys,
    options.now ?? new Date(),
  );
  return `${SESSION_COOKIE}=${token}`;
}

/** GET of an account route with the cookie: status, parsed body, headers. */
export async function getAsDonor(baseUrl: string, path: string, cookie?: string) {
  const response = await fetch(`${baseUrl}${path}`, { headers: cookie ? { cookie } : {} });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
    calls: Number(response.headers.get("x-athar-dynamodb-calls")),
  };
}
