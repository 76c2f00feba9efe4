import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { HANDLER_GROUPS } from "../../functions/routes.ts";
import { AtharApi } from "./api.ts";
import { AtharData } from "./data.ts";
import { AtharExports } from "./exports.ts";
import { AtharSite } from "./site.ts";
import { AtharStaffIdentity } from "./staff.ts";
import { AtharWorkers } from "./workers.ts";

export interface AtharStackProps extends StackProps {
  /** Where donors reach the site; Stripe's success and cancel URLs are built from it. */
  publicBaseUrl: string;
  /** The built site (default site/dist); not deployed when missing. */
  siteDir?: string;
  /** ARN of a WAFv2 web ACL (scope CLOUDFRONT, in us-east-1) to attach to the distribution. */
  webAclArn?: string;
  /** Cloudflare Turnstile's public site key (the one the site was built with); unset, no bot check. */
  turnstileSiteKey?: string;
}

/** Everything Athar runs on in one region: data, API and the site in front of it. */
export class AtharStack extends Stack {
  readonly data: AtharData;
  readonly api: AtharApi;
  readonly site: AtharSite;
  readonly workers: AtharWorkers;
  readonly staff: AtharStaffIdentity;
  readonly exports: AtharExports;

  constructor(scope: Construct, id: string, props: AtharStackProps) {
    super(scope, id, props);
    // Receipts come from the site's own domain, so donors recognise the sender.
    const mailDomain = new URL(props.publicBaseUrl).hostname;
    this.data = new AtharData(this, "Data");
    this.staff = new AtharStaffIdentity(this, "Staff", { publicBaseUrl: props.publicBaseUrl });
    this.api = new AtharApi(this, "Api", {
      table: this.data.table,
      stripeSecret: this.data.stripeSecret,
      rateLimitSalt: this.data.rateLimitSalt,
      donorIdKey: this.data.donorIdKey,
      originVerify: this.data.originVerify,
      sessionKeys: this.data.sessionKeys,
      publicBaseUrl: props.publicBaseUrl,
      turnstileSiteKey: props.turnstileSiteKey,
      extraEnvironment: (group): Record<string, string> => ({
        // Every function can tell a staff caller from anyone else (not secrets: an issuer and a client id).
        ...this.staff.environment,
        ...("sendsEmail" in HANDLER_GROUPS[group] ? { MAIL_FROM: `receipts@${mailDomain}` } : {}),
      }),
    });
    this.exports = new AtharExports(this, "Exports", { publicBaseUrl: props.publicBaseUrl });
    this.exports.grantTo(this.api.functions);
    this.workers = new AtharWorkers(this, "Workers", {
      table: this.data.table,
      functions: this.api.functions,
      mailDomain,
    });
    this.site = new AtharSite(this, "Site", {
      apiDomainName: this.api.originDomainName,
      originVerify: this.data.originVerify,
      ...(props.siteDir ? { siteDir: props.siteDir } : {}),
      ...(props.webAclArn ? { webAclArn: props.webAclArn } : {}),
      turnstile: Boolean(props.turnstileSiteKey),
      staffLoginOrigin: this.staff.loginUrl,
      exportsOrigin: this.exports.origin,
    });
    new CfnOutput(this, "DistributionDomainName", { value: this.site.distribution.distributionDomainName });
    new CfnOutput(this, "StripeSecretArn", {
      value: this.data.stripeSecret.secretArn,
      description: 'Put {"secretKey","webhookSecret"} here after the first deploy',
    });
    new CfnOutput(this, "TableName", { value: this.data.table.tableName });
    new CfnOutput(this, "StaffUserPoolId", {
      value: this.staff.userPool.userPoolId,
      description: "aws cognito-idp admin-create-user / admin-add-user-to-group --user-pool-id (README)",
    });
    new CfnOutput(this, "StaffLoginUrl", { value: this.staff.loginUrl });
  }
}
