import { createHash } from "node:crypto";
import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as nodejs from "aws-cdk-lib/aws-lambda-nodejs";
import * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { HANDLER_GROUPS, type HandlerGroup } from "../../functions/routes.ts";
import { acknowledgeFindings } from "./nag.ts";

/** How long an export file is kept: long enough to download, short enough that donors' data does not pile up. */
export const EXPORT_FILE_DAYS = 7;

/**
 * Finance exports (CSV, XLSX holding donors' names and e-mails): a private, encrypted, TLS-only bucket
 * whose files expire after a week. Only the export worker writes to it and only the finance API reads it
 * (HANDLER_GROUPS' `exportFiles`); downloads are presigned GETs the API issues after its role check.
 */
export class AtharExports extends Construct {
  readonly bucket: s3.Bucket;
  /** The bucket's regional endpoint, where presigned downloads point (the site's CSP must allow it). */
  readonly origin: string;

  constructor(scope: Construct, id: string, props: { publicBaseUrl: string }) {
    super(scope, id);
    // Named (from the site's host, as the staff sign-in domain is) so the CSP can name its endpoint in
    // plain text rather than through a CloudFormation reference.
    const { region } = Stack.of(this);
    const hostHash = createHash("sha256")
      .update(new URL(props.publicBaseUrl).host)
      .digest("hex")
      .slice(0, 10);
    const bucketName = `athar-exports-${hostHash}-${region}`;
    this.origin = `https://${bucketName}.s3.${region}.amazonaws.com`;
    this.bucket = new s3.Bucket(this, "Bucket", {
      bucketName,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        {
          expiration: Duration.days(EXPORT_FILE_DAYS),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      // The console fetches the download route, whose 303 leads here: the browser reads the file
      // cross-origin (fetch drops the bearer token on the cross-origin redirect; the URL is signed).
      cors: [
        {
          allowedMethods: [s3.HttpMethods.GET],
          allowedOrigins: [new URL(props.publicBaseUrl).origin],
          exposedHeaders: ["content-disposition"],
          maxAge: 3600,
        },
      ],
      // Files are copies made from the table on request, gone within a week anyway.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledgeFindings(this.bucket, {
      "AwsSolutions-S1":
        "Every export is recorded in the finance audit log (who, when, which kind and period), and files are " +
        "fetched only through presigned URLs the API issues to finance staff after its role check; access " +
        "logs would repeat that for files that expire after a week.",
    });
  }

  /** Write access for the groups that build exports, read for those that serve them; both get the name. */
  grantTo(functions: Record<HandlerGroup, nodejs.NodejsFunction>): void {
    const objects = this.bucket.arnForObjects("*");
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    for (const [group, definition] of Object.entries(HANDLER_GROUPS) as [
      HandlerGroup,
      (typeof HANDLER_GROUPS)[HandlerGroup],
    ][]) {
      if (!("exportFiles" in definition)) continue;
      const fn = functions[group];
      fn.addEnvironment("EXPORTS_BUCKET", this.bucket.bucketName);
      if (definition.exportFiles === "write") {
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ["s3:PutObject"], resources: [objects] }));
      } else {
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: [objects] }));
        // Without it S3 answers a missing (expired) file with 403 instead of 404.
        fn.addToRolePolicy(
          new iam.PolicyStatement({ actions: ["s3:ListBucket"], resources: [this.bucket.bucketArn] }),
        );
      }
      acknowledgeFindings(fn, {
        [`AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`]:
          "Export files are named by their job id when the worker builds them, so the grant covers the " +
          "exports bucket's objects (that bucket only, one action).",
      });
    }
  }
}
