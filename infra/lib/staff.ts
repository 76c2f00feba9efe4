import { createHash } from "node:crypto";
import { Duration, RemovalPolicy, Stack, Token } from "aws-cdk-lib";
import * as cognito from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";
import { STAFF_ROLES } from "../../functions/auth/staff.ts";

export interface AtharStaffIdentityProps {
  /** Where the site is; the finance console's pages are the only callback and sign-out URLs. */
  publicBaseUrl: string;
  /** In the pool's name, so two stages can share an account. */
  stageName: string;
}

const ROLE_DESCRIPTIONS: Record<(typeof STAFF_ROLES)[number], string> = {
  finance: "Finance: reconciliation, exceptions, exports, the audit log",
  editor: "Editor: content; no finance data",
  admin: "Admin: every staff role",
};

/**
 * Council staff sign in through a Cognito user pool: no self sign-up, MFA required with an authenticator
 * app (TOTP, no SMS), one group per role, a public app client (authorization code with PKCE, no secret)
 * for the finance console, and the managed-login domain it redirects to. Staff sign in with their e-mail
 * address as their username, so access tokens (which carry `username`, not `email`) name them for the audit
 * log; the local issuer (local/auth/) does the same.
 */
export class AtharStaffIdentity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  /** The managed-login domain: `/oauth2/authorize`, `/oauth2/token` and `/logout` live under it. */
  readonly loginUrl: string;

  constructor(scope: Construct, id: string, props: AtharStaffIdentityProps) {
    super(scope, id);
    const site = props.publicBaseUrl.replace(/\/$/, "");
    const consoleUrls = [`${site}/ar/finance/`, `${site}/en/finance/`];

    this.userPool = new cognito.UserPool(this, "UserPool", {
      userPoolName: `athar-staff-${props.stageName}`,
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      autoVerify: { email: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Plus: threat protection blocks risky and compromised-credential sign-ins (cdk-nag AwsSolutions-COG8).
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const role of STAFF_ROLES) {
      new cognito.UserPoolGroup(this, `${role}Group`, {
        userPool: this.userPool,
        groupName: role,
        description: ROLE_DESCRIPTIONS[role],
      });
    }

    this.client = this.userPool.addClient("ConsoleClient", {
      userPoolClientName: "athar-finance-console",
      // A browser app cannot keep a secret: a public client, with PKCE on the authorization code.
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
        callbackUrls: consoleUrls,
        logoutUrls: consoleUrls,
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(8),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
    });

    // Domain prefixes are global to a region: derived from the site's host so two deployments differ.
    const hostHash = createHash("sha256").update(new URL(site).host).digest("hex").slice(0, 10);
    const domainPrefix = `athar-staff-${hostHash}`;
    this.domain = this.userPool.addDomain("LoginDomain", {
      cognitoDomain: { domainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // Managed login shows a page only for clients with a style; Cognito's own is enough for staff.
    new cognito.CfnManagedLoginBranding(this, "LoginBranding", {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    // Spelt out when the region is known, so the site's CSP stays a plain string (as the tests read it).
    const region = Stack.of(this).region;
    this.loginUrl = Token.isUnresolved(region)
      ? this.domain.baseUrl()
      : `https://${domainPrefix}.auth.${region}.amazoncognito.com`;
  }

  /** Environment of the functions that verify staff tokens (functions/config.ts). */
  get environment(): Record<string, string> {
    return {
      STAFF_ISSUER: this.userPool.userPoolProviderUrl,
      STAFF_JWKS_URL: `${this.userPool.userPoolProviderUrl}/.well-known/jwks.json`,
      STAFF_CLIENT_ID: this.client.userPoolClientId,
      STAFF_LOGIN_URL: this.loginUrl,
    };
  }
}
