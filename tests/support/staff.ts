/**
 * Staff credentials for tests: access tokens signed by the local issuer of a stack started with
 * withLocalStack() (tests/support/local-stack.ts), the same tokens its sign-in flow issues, so the API
 * verifies them through its one real path (functions/auth/staff-tokens.ts fetching the issuer's JWKS).
 *
 *   const stack = withLocalStack();
 *   const response = await fetch(`${stack.url}/api/finance/audit`, {
 *     headers: { authorization: await staffAuthorization(stack, "finance") },
 *   });
 */
import { randomUUID } from "node:crypto";
import type { JWTPayload } from "jose";
import type { StaffRole } from "../../functions/auth/staff.ts";
import type { LocalAuthStore } from "../../local/auth/store.ts";
import { accessTokenClaims, signJwt } from "../../local/auth/tokens.ts";

export interface LocalAuthHandle {
  store: LocalAuthStore;
  issuer: string;
  clientId: string;
}

export interface StaffTokenOptions {
  /** Default `<first role>@council.example`. */
  email?: string;
  /** Default a new UUID (Cognito's `sub`). */
  sub?: string;
  /** Claims to change or add after the usual ones (e.g. an `exp` in the past); `undefined` removes one. */
  claims?: JWTPayload;
}

type StackLike = { localAuth(): LocalAuthHandle } | LocalAuthHandle;

const handleOf = (stack: StackLike): LocalAuthHandle => ("localAuth" in stack ? stack.localAuth() : stack);

/** An access token for a staff member in these roles (`[]`: signed in, in no group). */
export async function staffToken(
  stack: StackLike,
  roles: StaffRole | StaffRole[],
  options: StaffTokenOptions = {},
): Promise<string> {
  const auth = handleOf(stack);
  const groups = Array.isArray(roles) ? roles : [roles];
  const user = {
    sub: options.sub ?? randomUUID(),
    email: options.email ?? `${groups[0] ?? "staff"}@council.example`,
    groups,
  };
  const claims = {
    ...accessTokenClaims(user, { issuer: auth.issuer, clientId: auth.clientId }),
    ...options.claims,
  };
  return signJwt(auth.store.signingKey(), claims);
}

/** The `Authorization` header value for such a token. */
export async function staffAuthorization(
  stack: StackLike,
  roles: StaffRole | StaffRole[],
  options: StaffTokenOptions = {},
): Promise<string> {
  return `Bearer ${await staffToken(stack, roles, options)}`;
}
