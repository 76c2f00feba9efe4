/**
 * Tokens shaped like a Cognito user pool's (the claims its access and id tokens carry), signed RS256 with
 * the local issuer's key, so functions/auth/staff-tokens.ts verifies them exactly as it verifies Cognito's.
 */
import { randomUUID } from "node:crypto";
import { importJWK, type JWTPayload, SignJWT } from "jose";
import type { LocalStaffUser, SigningKey } from "./store.ts";

export const TOKEN_TTL_SECONDS = 60 * 60;

export interface TokenContext {
  issuer: string;
  clientId: string;
  now?: Date;
}

/** Signs any claims with the key (tests use it to forge tokens that must be refused). */
export async function signJwt(key: SigningKey, claims: JWTPayload): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "JWT" })
    .sign(await importJWK(key.privateJwk, "RS256"));
}

export function accessTokenClaims(
  user: Pick<LocalStaffUser, "sub" | "email" | "groups">,
  context: TokenContext,
): JWTPayload {
  const iat = Math.floor((context.now ?? new Date()).getTime() / 1000);
  return {
    sub: user.sub,
    "cognito:groups": user.groups,
    iss: context.issuer,
    version: 2,
    client_id: context.clientId,
    token_use: "access",
    scope: "openid email",
    auth_time: iat,
    iat,
    exp: iat + TOKEN_TTL_SECONDS,
    jti: randomUUID(),
    // The user pool's username is the staff member's e-mail address (infra/lib/staff.ts).
    username: user.email,
  };
}

export function idTokenClaims(
  user: Pick<LocalStaffUser, "sub" | "email" | "groups">,
  context: TokenContext,
): JWTPayload {
  const access = accessTokenClaims(user, context);
  return {
    sub: user.sub,
    "cognito:groups": user.groups,
    email_verified: true,
    iss: context.issuer,
    "cognito:username": user.email,
    aud: context.clientId,
    token_use: "id",
    auth_time: access.auth_time,
    iat: access.iat,
    exp: access.exp,
    jti: randomUUID(),
    email: user.email,
  };
}

export async function issueTokens(
  key: SigningKey,
  user: Pick<LocalStaffUser, "sub" | "email" | "groups">,
  context: TokenContext,
) {
  return {
    access_token: await signJwt(key, accessTokenClaims(user, context)),
    id_token: await signJwt(key, idTokenClaims(user, context)),
    token_type: "Bearer",
    expires_in: TOKEN_TTL_SECONDS,
  };
}
