import { Match } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { HANDLER_GROUPS } from "../../functions/routes.ts";
import { resourcesOfType, standInSiteDir, synthesizeAthar } from "./synth.ts";

let synthesized: ReturnType<typeof synthesizeAthar>;
beforeAll(() => {
  // synth() throws on any unacknowledged cdk-nag finding, so reaching the tests means the pool is nag-clean.
  synthesized = synthesizeAthar({ siteDir: standInSiteDir() });
});
const template = () => synthesized.template;

describe("the staff user pool", () => {
  it("requires MFA with an authenticator app only (no SMS), and has no self sign-up", () => {
    template().hasResourceProperties("AWS::Cognito::UserPool", {
      MfaConfiguration: "ON",
      EnabledMfas: ["SOFTWARE_TOKEN_MFA"],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UserPoolTier: "PLUS",
      UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
      DeletionProtection: "ACTIVE",
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
    });
    const [[, pool] = []] = resourcesOfType(template(), "AWS::Cognito::UserPool");
    expect(pool?.Properties.SmsConfiguration).toBeUndefined();
    expect(template().findResources("AWS::Cognito::UserPool", { DeletionPolicy: "Retain" })).not.toEqual({});
  });

  it("has exactly the three role groups", () => {
    const groups = resourcesOfType(template(), "AWS::Cognito::UserPoolGroup").map(
      ([, group]) => group.Properties.GroupName,
    );
    expect(groups.sort()).toEqual(["admin", "editor", "finance"]);
  });

  it("has a public app client (no secret) for the authorization code flow back to the finance console", () => {
    const clients = resourcesOfType(template(), "AWS::Cognito::UserPoolClient");
    expect(clients).toHaveLength(1);
    const client = clients[0]?.[1].Properties ?? {};
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthFlows).toEqual(["code"]);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    const console = ["https://give.example.org/ar/finance/", "https://give.example.org/en/finance/"];
    expect(client.CallbackURLs).toEqual(console);
    expect(client.LogoutURLs).toEqual(console);
    expect(client.SupportedIdentityProviders).toEqual(["COGNITO"]);
  });

  it("has a managed-login domain, and every function knows the issuer, the client and the login URL", () => {
    template().hasResourceProperties("AWS::Cognito::UserPoolDomain", {
      Domain: Match.stringLikeRegexp("^athar-staff-[0-9a-f]{10}$"),
      ManagedLoginVersion: 2,
    });
    template().resourceCountIs("AWS::Cognito::ManagedLoginBranding", 1);
    const described = new Set(Object.values(HANDLER_GROUPS).map((group) => `Athar: ${group.description}`));
    const functions = resourcesOfType(template(), "AWS::Lambda::Function").filter(([, fn]) =>
      described.has(String(fn.Properties.Description)),
    );
    expect(functions).toHaveLength(Object.keys(HANDLER_GROUPS).length);
    for (const [id, fn] of functions) {
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(variables), id).toEqual(
        expect.arrayContaining(["STAFF_ISSUER", "STAFF_JWKS_URL", "STAFF_CLIENT_ID", "STAFF_LOGIN_URL"]),
      );
    }
  });

  it("lets the site's pages reach the token endpoint and the exports bucket (CSP connect-src), no other", () => {
    const [[, policy] = []] = resourcesOfType(template(), "AWS::CloudFront::ResponseHeadersPolicy");
    const csp = JSON.stringify(policy?.Properties);
    expect(csp).toMatch(
      /connect-src 'self' https:\/\/athar-staff-[0-9a-f]{10}\.auth\.me-central-1\.amazoncognito\.com https:\/\/athar-exports-[0-9a-f]{10}-me-central-1\.s3\.me-central-1\.amazonaws\.com;/,
    );
  });
});
