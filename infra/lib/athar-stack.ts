import { readFileSync } from "node:fs";
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as iam from "aws-cdk-lib/aws-iam";
import * as route53 from "aws-cdk-lib/aws-route53";
import * as route53Targets from "aws-cdk-lib/aws-route53-targets";
import type { Construct } from "constructs";
import { NOT_FOUND_PAGE } from "../../functions/adapters/site-pages.ts";
import { HANDLER_GROUPS } from "../../functions/routes.ts";
import { CATALOG_FILE } from "../../scripts/build-catalog.ts";
import { catalogHash } from "../../scripts/deploy/plan.ts";
import type { Stage } from "../stages.ts";
import { AtharApi } from "./api.ts";
import { AtharData } from "./data.ts";
import { AtharDeployRole } from "./deploy-role.ts";
import { AtharExports } from "./exports.ts";
import { AtharMail } from "./mail.ts";
import { AtharMonitoring } from "./monitoring.ts";
import { AtharSite } from "./site.ts";
import { AtharStaffIdentity } from "./staff.ts";
import { AtharWorkers } from "./workers.ts";

export interface AtharStackProps extends StackProps {
  /** The stage (infra/stages.ts): its domain is where donors reach the site, its names are in every resource's. */
  stage: Stage;
  /** The domain's certificate, in us-east-1 (AtharCertificateStack). */
  certificate: acm.ICertificate;
  /** The name of CloudFront's log delivery source in us-east-1 (AtharEdgeLogsStack). */
  logDeliverySource: string;
  /** The built site (default site/dist); not deployed when missing. */
  siteDir?: string;
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
  readonly monitoring: AtharMonitoring;
  readonly mail: AtharMail;

  constructor(scope: Construct, id: string, props: AtharStackProps) {
    super(scope, id, props);
    const { stage } = props;
    const publicBaseUrl = `https://${stage.domain}`;
    // Receipts come from the site's own domain, so donors recognise the sender.
    const mailDomain = stage.domain;
    this.data = new AtharData(this, "Data");
    this.staff = new AtharStaffIdentity(this, "Staff", { publicBaseUrl, stageName: stage.name });
    this.api = new AtharApi(this, "Api", {
      table: this.data.table,
      stripeSecret: this.data.stripeSecret,
      rateLimitSalt: this.data.rateLimitSalt,
      donorIdKey: this.data.donorIdKey,
      originVerify: this.data.originVerify,
      sessionKeys: this.data.sessionKeys,
      publicBaseUrl,
      turnstileSiteKey: props.turnstileSiteKey,
      extraEnvironment: (group): Record<string, string> => ({
        // Every function can tell a staff caller from anyone else (not secrets: an issuer and a client id).
        ...this.staff.environment,
        ...("sendsEmail" in HANDLER_GROUPS[group] ? { MAIL_FROM: `receipts@${mailDomain}` } : {}),
      }),
    });
    this.exports = new AtharExports(this, "Exports", { publicBaseUrl });
    this.exports.grantTo(this.api.functions);
    this.workers = new AtharWorkers(this, "Workers", {
      table: this.data.table,
      functions: this.api.functions,
    });
    const zone = stage.hostedZone
      ? route53.HostedZone.fromHostedZoneAttributes(this, "Zone", {
          hostedZoneId: stage.hostedZone.id,
          zoneName: stage.hostedZone.name.replace(/\.$/, ""),
        })
      : undefined;
    this.mail = new AtharMail(this, "Mail", {
      stageName: stage.name,
      mailDomain,
      functions: this.api.functions,
      ...(zone ? { zone } : {}),
    });
    this.site = new AtharSite(this, "Site", {
      apiDomainName: this.api.originDomainName,
      originVerify: this.data.originVerify,
      ...(props.siteDir ? { siteDir: props.siteDir } : {}),
      ...(stage.webAclArn ? { webAclArn: stage.webAclArn } : {}),
      turnstile: Boolean(props.turnstileSiteKey),
      staffLoginOrigin: this.staff.loginUrl,
      exportsOrigin: this.exports.origin,
      domain: { name: stage.domain, certificate: props.certificate },
      logDeliverySource: props.logDeliverySource,
    });
    // The group serving the $default route reads the 404 page from the site's bucket, and only that object.
    for (const [group, definition] of Object.entries(HANDLER_GROUPS)) {
      if (!("servesNotFoundPage" in definition && definition.servesNotFoundPage)) continue;
      const fn = this.api.functions[group as keyof typeof HANDLER_GROUPS];
      fn.addEnvironment("SITE_BUCKET", this.site.bucket.bucketName);
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ["s3:GetObject"],
          resources: [this.site.bucket.arnForObjects(NOT_FOUND_PAGE)],
        }),
      );
    }
    this.monitoring = new AtharMonitoring(this, "Monitoring", {
      stageName: stage.name,
      alarmEmail: stage.alarmEmail,
      functions: this.api.functions,
      httpApi: this.api.httpApi,
      table: this.data.table,
      deadLetterQueues: {
        ...Object.fromEntries(
          [...this.workers.queues].map(([group, { deadLetters }]) => [group, deadLetters]),
        ),
        streamRouter: this.workers.routerDeadLetters,
        mailEvents: this.mail.deadLetters,
      },
    });
    new CfnOutput(this, "DistributionDomainName", { value: this.site.distribution.distributionDomainName });
    new CfnOutput(this, "AlarmTopicArn", { value: this.monitoring.topic.topicArn });
    new CfnOutput(this, "SiteUrl", { value: publicBaseUrl });
    // What a content-only deploy (scripts/deploy/site.sh) needs, and what tells one apart (scripts/deploy/plan.ts).
    new CfnOutput(this, "SiteBucketName", { value: this.site.bucket.bucketName });
    new CfnOutput(this, "DistributionId", { value: this.site.distribution.distributionId });
    new CfnOutput(this, "CatalogHash", {
      value: catalogHash(readFileSync(CATALOG_FILE, "utf8")),
      description: "SHA-256 of the catalog the functions were bundled with",
    });
    this.pointDomain(stage, zone);
    if (stage.githubRepository) {
      new AtharDeployRole(this, "Deploy", {
        stageName: stage.name,
        githubRepository: stage.githubRepository,
        bucket: this.site.bucket,
        distribution: this.site.distribution,
      });
    }
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

  /**
   * The domain's records: in the stage's Route 53 zone when it has one (an alias, IPv4 and IPv6), else an
   * output saying which record to add at the council's DNS provider.
   */
  private pointDomain(stage: Stage, zone: route53.IHostedZone | undefined): void {
    const target = this.site.distribution.distributionDomainName;
    if (!zone) {
      new CfnOutput(this, "DnsRecord", {
        value: `${stage.domain}. CNAME ${target}.`,
        description: "Add this record at the domain's DNS provider (docs/deploy.md)",
      });
      return;
    }
    const alias = route53.RecordTarget.fromAlias(new route53Targets.CloudFrontTarget(this.site.distribution));
    new route53.ARecord(this, "SiteAlias", { zone, recordName: stage.domain, target: alias });
    new route53.AaaaRecord(this, "SiteAliasIpv6", { zone, recordName: stage.domain, target: alias });
  }
}
