import { existsSync } from "node:fs";
import { Duration, RemovalPolicy, Stack, Token } from "aws-cdk-lib";
import type * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import * as iam from "aws-cdk-lib/aws-iam";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3deploy from "aws-cdk-lib/aws-s3-deployment";
import type * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import { ORIGIN_VERIFY_HEADER } from "../../functions/http/origin-guard.ts";
import { siteSecurityHeaders } from "../security-headers.ts";
import { acknowledgeFindings } from "./nag.ts";
import { SITE_DIST } from "./paths.ts";
import { viewerRequestCode } from "./viewer-request.ts";

export interface AtharSiteProps {
  /** Host name of the HTTP API's execute-api endpoint, the origin of `/api/*`. */
  apiDomainName: string;
  /** Its `current` value goes to the API in x-athar-origin-verify (functions/http/origin-guard.ts). */
  originVerify: secretsmanager.ISecret;
  /** The built site to upload; skipped when it does not exist (synth before `npm run build`). */
  siteDir?: string;
  /** ARN of a WAFv2 web ACL for CloudFront (created in us-east-1, outside this stack); none by default. */
  webAclArn?: string;
  /** The site embeds Cloudflare Turnstile (a site key is configured): the CSP must allow it. */
  turnstile?: boolean;
  /** Cognito's managed-login domain: the finance console exchanges its sign-in code there. */
  staffLoginOrigin?: string;
  /** The exports bucket's regional endpoint (`https://…`): the finance console downloads exports from it. */
  exportsOrigin?: string;
  /** The site's host name and its certificate (us-east-1, AtharCertificateStack). */
  domain: { name: string; certificate: acm.ICertificate };
  /** The name of CloudFront's log delivery source (us-east-1, AtharEdgeLogsStack), allowed to write logs here. */
  logDeliverySource: string;
}

/**
 * Headers the API reads, forwarded to it: an allow list, since the viewer's Host must not reach API
 * Gateway and CloudFront adds its own headers (the viewer's address) only when named. A header the
 * functions start reading must be added here (tests/infra checks the functions' reads against it).
 */
export const API_FORWARDED_HEADERS = [
  "Accept-Language",
  "Content-Type",
  "Stripe-Signature",
  "User-Agent",
  // `ip:port` of the viewer, for the per-address checkout limits (functions/http/request.ts clientIp).
  "CloudFront-Viewer-Address",
  // The same-origin check of state-changing donor requests (functions/http/donor-session.ts).
  "Origin",
  "Sec-Fetch-Site",
] as const;

/**
 * Staff routes read a bearer token. CloudFront forwards `Authorization` only as part of a cache key (an
 * origin request policy may not name it), so these paths get a cache policy keyed on it; the API answers
 * them `no-store`, so nothing is kept.
 */
export const STAFF_API_PATHS = ["/api/staff/*", "/api/finance/*"] as const;

/** The static site in a private bucket behind CloudFront (origin access control), `/api/*` to the API. */
export class AtharSite extends Construct {
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: AtharSiteProps) {
    super(scope, id);
    this.logBucket = new s3.Bucket(this, "Logs", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(400) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudFront's access logs (standard logging v2) arrive through CloudWatch's log delivery service, from
    // the one delivery source in us-east-1 that AtharEdgeLogsStack creates for this distribution.
    const { account } = Stack.of(this);
    this.logBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: "CloudFrontAccessLogsDelivery",
        principals: [new iam.ServicePrincipal("delivery.logs.amazonaws.com")],
        actions: ["s3:PutObject"],
        resources: [this.logBucket.arnForObjects("*")],
        conditions: {
          StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": account },
          ArnLike: {
            "aws:SourceArn": `arn:aws:logs:us-east-1:${account}:delivery-source:${props.logDeliverySource}`,
          },
        },
      }),
    );
    acknowledgeFindings(this.logBucket, {
      "AwsSolutions-S1": "This is the access-log bucket; logging its own access would log into itself.",
    });

    this.bucket = new s3.Bucket(this, "Site", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: "site-bucket/",
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const viewerRequest = new cloudfront.Function(this, "ViewerRequest", {
      comment: "Directory indexes, trailing slashes and / to the default locale",
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(viewerRequestCode()),
    });
    const { "content-security-policy": csp, ...otherHeaders } = siteSecurityHeaders({
      turnstile: props.turnstile ?? false,
      ...(props.staffLoginOrigin ? { staffLoginOrigin: props.staffLoginOrigin } : {}),
      ...(props.exportsOrigin ? { exportsOrigin: props.exportsOrigin } : {}),
    });
    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, "SecurityHeaders", {
      comment: "Athar site security headers (infra/security-headers.ts)",
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(63072000),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: "permissions-policy", value: otherHeaders["permissions-policy"], override: true },
        ],
      },
    });

    const apiOrigin = new origins.HttpOrigin(props.apiDomainName, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      // A dynamic reference: CloudFormation reads the secret at deploy time; the template never holds it.
      customHeaders: {
        [ORIGIN_VERIFY_HEADER]: props.originVerify.secretValueFromJson("current").unsafeUnwrap(),
      },
    });
    const apiOriginRequest = new cloudfront.OriginRequestPolicy(this, "ApiOriginRequest", {
      comment: "Athar /api/*: the headers the API reads, the viewer's address, every query string and cookie",
      headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList(...API_FORWARDED_HEADERS),
      queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.all(),
      cookieBehavior: cloudfront.OriginRequestCookieBehavior.all(),
    });
    const staffApi: cloudfront.BehaviorOptions = {
      origin: apiOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: new cloudfront.CachePolicy(this, "StaffApiCache", {
        comment:
          "Athar staff routes: the bearer token reaches the API (a cache key header); responses are no-store",
        // A policy whose TTLs are all zero may not name headers; the API's no-store keeps the edge empty.
        minTtl: Duration.seconds(0),
        defaultTtl: Duration.seconds(0),
        maxTtl: Duration.seconds(1),
        headerBehavior: cloudfront.CacheHeaderBehavior.allowList("Authorization"),
        queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      }),
      originRequestPolicy: apiOriginRequest,
      compress: true,
    };
    this.distribution = new cloudfront.Distribution(this, "Distribution", {
      comment: "Athar: site and /api/*",
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      defaultRootObject: "index.html",
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      domainNames: [props.domain.name],
      certificate: props.domain.certificate,
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      defaultBehavior: {
        // A key the bucket lacks is S3's 403 (without ListBucket) or 404: CloudFront then asks the API,
        // whose $default route answers with the site's 404 page and status 404. Distribution-wide error
        // responses would also rewrite the API's own JSON 403s and 404s, so there are none.
        origin: new origins.OriginGroup({
          primaryOrigin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
          fallbackOrigin: apiOrigin,
          fallbackStatusCodes: [403, 404],
        }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        responseHeadersPolicy: securityHeaders,
        functionAssociations: [
          { function: viewerRequest, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
        ],
      },
      additionalBehaviors: {
        // Public statistics are the same for everyone: cached at the edge for as long as the API says.
        "/api/stats": {
          origin: apiOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: new cloudfront.CachePolicy(this, "StatsCache", {
            comment: "Athar /api/stats: the API's Cache-Control decides, at most five minutes",
            minTtl: Duration.seconds(0),
            defaultTtl: Duration.seconds(0),
            maxTtl: Duration.minutes(5),
            enableAcceptEncodingBrotli: true,
            enableAcceptEncodingGzip: true,
          }),
          compress: true,
        },
        ...Object.fromEntries(STAFF_API_PATHS.map((path) => [path, staffApi])),
        "/api/*": {
          origin: apiOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: apiOriginRequest,
          compress: true,
        },
      },
    });
    acknowledgeFindings(this.distribution, {
      "AwsSolutions-CFR1":
        "Donors give from anywhere, the diaspora included; geo restrictions would turn them away.",
      // Acknowledged only while no web ACL is attached (`-c webAclArn=...`).
      ...(props.webAclArn
        ? {}
        : {
            "AwsSolutions-CFR2":
              "A CloudFront WAF web ACL must be created in us-east-1, outside this regional stack, and is " +
              "attached with `-c webAclArn=...`. Until then: API stage throttling, Stripe-signed webhook.",
          }),
      "AwsSolutions-CFR3":
        "Access logs use CloudFront's standard logging v2 (AtharEdgeLogsStack in us-east-1 delivers them to " +
        "the log bucket), which cdk-nag does not see on the distribution: legacy logging cannot reach me-central-1.",
    });

    const siteDir = props.siteDir ?? SITE_DIST;
    if (existsSync(siteDir)) this.deploySite(siteDir);
  }

  private deploySite(siteDir: string): void {
    new s3deploy.BucketDeployment(this, "Deploy", {
      sources: [s3deploy.Source.asset(siteDir)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ["/*"],
      prune: true,
      memoryLimit: 512,
    });
    // The upload runs in a Lambda that aws-cdk-lib provides once per stack (a singleton at stack level).
    const stack = Stack.of(this);
    const provider = stack.node.children.find((child) =>
      child.node.id.startsWith("Custom::CDKBucketDeployment"),
    );
    if (!provider) throw new Error("BucketDeployment's provider function was not found");
    // cdk-nag names the asset bucket as the synthesizer does: the stack's account and region when known
    // (a deploy with credentials sets CDK_DEFAULT_ACCOUNT), pseudo parameters when not.
    const known = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<${pseudo}>` : value);
    const [account, region] = [known(stack.account, "AWS::AccountId"), known(stack.region, "AWS::Region")];
    const assetBucket = `arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${account}-${region}/*`;
    const siteBucketArn = stack.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    const wildcardReason =
      "BucketDeployment (aws-cdk-lib) copies the site from the CDK asset bucket into the site bucket and " +
      "prunes old files: it needs these S3 object actions on those two buckets' objects, and CloudFront " +
      "invalidation, which has no resource-level permissions.";
    acknowledgeFindings(provider, {
      "AwsSolutions-L1":
        "BucketDeployment's provider runtime is chosen by aws-cdk-lib, which moves it forward on upgrades.",
      "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]":
        "BucketDeployment's provider only writes its own CloudWatch logs with this managed policy.",
      ...Object.fromEntries(
        [
          "Action::s3:GetObject*",
          "Action::s3:GetBucket*",
          "Action::s3:List*",
          "Action::s3:DeleteObject*",
          "Action::s3:Abort*",
          `Resource::${assetBucket}`,
          `Resource::<${siteBucketArn}.Arn>/*`,
          "Resource::*",
        ].map((finding) => [`AwsSolutions-IAM5[${finding}]`, wildcardReason]),
      ),
    });
  }
}
