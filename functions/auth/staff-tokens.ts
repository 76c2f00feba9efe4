import { JwtVerifier } from "aws-jwt-verify";
import {
  CognitoJwtInvalidClientIdError,
  CognitoJwtInvalidTokenUseError,
  JwtInvalidSignatureAlgorithmError,
} from "aws-jwt-verify/error";
import type { Fetcher } from "aws-jwt-verify/https";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { UnauthenticatedError } from "../domain/errors.ts";
import { STAFF_ROLES, type StaffAuthenticator, type StaffPrincipal, type StaffRole } from "./staff.ts";

/**
 * Staff tokens are Cognito access tokens (RS256): in AWS from the user pool, locally from the local issuer
 * (local/auth/), which signs the same claims. Both go through this one verification.
 */
export interface StaffTokenSettings {
  /** The expected `iss`: the user pool's `https://cognito-idp.<region>.amazonaws.com/<poolId>`, or the local issuer. */
  issuer: string;
  jwksUrl: string;
  /** The app client the site signs in with; access tokens carry it as `client_id` (they have no `aud`). */
  clientId: string;
  /** How the key set is fetched; tests hand in their own. */
  fetcher?: Fetcher;
}

/**
 * The library's own fetcher speaks HTTPS only; the local issuer is plain HTTP on localhost, so keys are
 * fetched with the platform's fetch (which speaks both), with a timeout so a dead issuer fails fast.
 */
export const platformFetcher: Fetcher = {
  async fetch(uri) {
    const response = await fetch(uri, { signal: AbortSignal.timeout(3000) });
    if (response.status !== 200) throw new Error(`JWKS ${uri}: HTTP ${response.status}`);
    return response.arrayBuffer();
  },
};

/** Cognito groups other than the three roles (e.g. an identity provider's own) grant nothing. */
export function rolesFromGroups(groups: unknown): StaffRole[] {
  if (!Array.isArray(groups)) return [];
  return STAFF_ROLES.filter((role) => groups.includes(role));
}

/** Same `signin_required` code as a donor's, worded for staff. */
const STAFF_MESSAGE = { messageKey: "staff_signin_required" } as const;

function bearerToken(authorization: string | undefined): string {
  const match = /^Bearer\s+([\w-]+\.[\w-]+\.[\w-]+)\s*$/i.exec(authorization ?? "");
  if (!match?.[1])
    throw new UnauthenticatedError(authorization ? "malformed_authorization" : "no_token", STAFF_MESSAGE);
  return match[1];
}

export function createStaffAuthenticator(settings: StaffTokenSettings): StaffAuthenticator {
  const verifier = JwtVerifier.create(
    {
      issuer: settings.issuer,
      jwksUri: settings.jwksUrl,
      // Cognito access tokens name their client in `client_id`, checked below, and carry no `aud`.
      audience: null,
      customJwtCheck: ({ header, payload }) => {
        if (header.alg !== "RS256")
          throw new JwtInvalidSignatureAlgorithmError("Cognito signs RS256", header.alg, "RS256");
        if (payload.token_use !== "access")
          throw new CognitoJwtInvalidTokenUseError(
            "An access token is required",
            payload.token_use,
            "access",
          );
        if (payload.client_id !== settings.clientId)
          throw new CognitoJwtInvalidClientIdError(
            "Another app client",
            payload.client_id,
            settings.clientId,
          );
      },
    },
    { jwksCache: new SimpleJwksCache({ fetcher: settings.fetcher ?? platformFetcher }) },
  );
  return {
    async authenticate(authorization) {
      const token = bearerToken(authorization);
      let payload: Awaited<ReturnType<typeof verifier.verify>>;
      try {
        payload = await verifier.verify(token);
      } catch (error) {
        throw new UnauthenticatedError(`staff_token: ${(error as Error).constructor.name}`, {
          ...STAFF_MESSAGE,
          cause: error,
        });
      }
      if (typeof payload.sub !== "string" || typeof payload.username !== "string")
        throw new UnauthenticatedError("staff_token: no subject", STAFF_MESSAGE);
      const principal: StaffPrincipal = {
        staffId: payload.sub,
        // The user pool signs staff in with their e-mail address as the username (infra/lib/staff.ts).
        email: payload.username,
        roles: rolesFromGroups(payload["cognito:groups"]),
      };
      return principal;
    },
  };
}
