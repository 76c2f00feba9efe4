import type { Fetcher } from "aws-jwt-verify/https";
import { beforeAll, describe, expect, it } from "vitest";
import { createStaffAuthenticator, rolesFromGroups } from "../../../functions/auth/staff-tokens.ts";
import { UnauthenticatedError } from "../../../functions/domain/errors.ts";
import { type LocalAuthStore, openLocalAuthStore } from "../../../local/auth/store.ts";
import { idTokenClaims, signJwt } from "../../../local/auth/tokens.ts";
import { staffAuthorization, staffToken } from "../../support/staff.ts";

const issuer = "http://localhost:8787/local-auth";
const clientId = "athar-local-staff";
const jwksUrl = `${issuer}/.well-known/jwks.json`;

let store: LocalAuthStore;
let stranger: LocalAuthStore;
const fetched: string[] = [];
const auth = () => ({ store, issuer, clientId });

/** Serves the issuer's key set as its /.well-known/jwks.json would, and records each fetch. */
const fetcher: Fetcher = {
  async fetch(uri) {
    fetched.push(uri);
    return new TextEncoder().encode(JSON.stringify(store.jwks())).buffer as ArrayBuffer;
  },
};

const authenticator = () => createStaffAuthenticator({ issuer, jwksUrl, clientId, fetcher });

async function refusal(authorization: string | undefined): Promise<UnauthenticatedError> {
  const error = await authenticator()
    .authenticate(authorization)
    .then(
      () => undefined,
      (caught: unknown) => caught,
    );
  expect(error).toBeInstanceOf(UnauthenticatedError);
  return error as UnauthenticatedError;
}

beforeAll(async () => {
  store = await openLocalAuthStore();
  stranger = await openLocalAuthStore();
});

describe("staff token verification", () => {
  it("accepts a valid access token and maps its groups to roles", async () => {
    const principal = await authenticator().authenticate(
      await staffAuthorization(auth(), ["finance", "editor"], { sub: "sub-1", email: "fin@council.example" }),
    );
    expect(principal).toEqual({
      staffId: "sub-1",
      email: "fin@council.example",
      roles: ["finance", "editor"],
    });
    expect(fetched).toContain(jwksUrl);
  });

  it("refuses an expired token", async () => {
    const past = Math.floor(Date.now() / 1000) - 7200;
    const token = await staffToken(auth(), "finance", { claims: { iat: past, exp: past + 3600 } });
    expect((await refusal(`Bearer ${token}`)).reason).toContain("JwtExpiredError");
  });

  it("refuses a token from another issuer", async () => {
    const token = await staffToken(auth(), "finance", {
      claims: { iss: "http://localhost:9999/local-auth" },
    });
    expect((await refusal(`Bearer ${token}`)).reason).toContain("JwtInvalidIssuerError");
  });

  it("refuses a token issued to another app client", async () => {
    const token = await staffToken(auth(), "finance", { claims: { client_id: "someone-elses-client" } });
    expect((await refusal(`Bearer ${token}`)).reason).toContain("CognitoJwtInvalidClientIdError");
  });

  it("refuses an id token in place of an access token", async () => {
    const user = { sub: "sub-2", email: "fin@council.example", groups: ["finance" as const] };
    const token = await signJwt(store.signingKey(), idTokenClaims(user, { issuer, clientId }));
    expect((await refusal(`Bearer ${token}`)).reason).toContain("CognitoJwtInvalidTokenUseError");
    // Even with the client id added where an access token has it, `token_use: "id"` is refused.
    const withClient = await signJwt(store.signingKey(), {
      ...idTokenClaims(user, { issuer, clientId }),
      client_id: clientId,
    });
    expect((await refusal(`Bearer ${withClient}`)).reason).toContain("CognitoJwtInvalidTokenUseError");
  });

  it("refuses a tampered token (roles raised after signing)", async () => {
    const token = await staffToken(auth(), "editor");
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8"));
    const raised = Buffer.from(JSON.stringify({ ...claims, "cognito:groups": ["admin"] })).toString(
      "base64url",
    );
    expect((await refusal(`Bearer ${header}.${raised}.${signature}`)).reason).toContain(
      "JwtInvalidSignatureError",
    );
  });

  it("refuses a token signed by a key the issuer does not publish (unknown kid)", async () => {
    const token = await staffToken({ store: stranger, issuer, clientId }, "admin");
    expect((await refusal(`Bearer ${token}`)).reason).toContain("KidNotFoundInJwksError");
  });

  it("refuses a missing or malformed Authorization header", async () => {
    expect((await refusal(undefined)).reason).toBe("no_token");
    expect((await refusal("Basic Zm9vOmJhcg==")).reason).toBe("malformed_authorization");
    expect((await refusal(`Bearer ${await staffToken(auth(), "finance")} extra`)).reason).toBe(
      "malformed_authorization",
    );
  });

  it("gives no role for groups that are not staff roles, and signs in a member of no group", async () => {
    expect(rolesFromGroups(["admin", "finance"])).toEqual(["finance", "admin"]);
    expect(rolesFromGroups(["us-east-1_Google", "FINANCE"])).toEqual([]);
    expect(rolesFromGroups(undefined)).toEqual([]);
    const principal = await authenticator().authenticate(await staffAuthorization(auth(), []));
    expect(principal.roles).toEqual([]);
  });
});
