import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as backup from "aws-cdk-lib/aws-backup";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as events from "aws-cdk-lib/aws-events";
import * as kms from "aws-cdk-lib/aws-kms";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import {
  GLOBAL_INDEXES,
  STREAM_VIEW_TYPE,
  TABLE_KEY_ATTRIBUTES,
  TTL_ATTRIBUTE,
} from "../../functions/table/definition.ts";
import { acknowledgeFindings } from "./nag.ts";

const stringKey = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });

/**
 * The one table (from functions/table/definition.ts, as local bootstrap uses it), the Stripe secret, the
 * generated salt of the rate limits, the generated key of donors' ids and the keys of donors' sessions.
 */
export class AtharData extends Construct {
  readonly table: dynamodb.Table;
  readonly backupPlan: backup.BackupPlan;
  readonly stripeSecret: secretsmanager.Secret;
  readonly rateLimitSalt: secretsmanager.Secret;
  readonly donorIdKey: secretsmanager.Secret;
  readonly originVerify: secretsmanager.Secret;
  readonly sessionKeys: secretsmanager.Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new dynamodb.Table(this, "Table", {
      partitionKey: stringKey(TABLE_KEY_ATTRIBUTES.partitionKey),
      sortKey: stringKey(TABLE_KEY_ATTRIBUTES.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      stream: dynamodb.StreamViewType[STREAM_VIEW_TYPE],
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      // Donations and the ledger are financial records: never deleted with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.backupPlan = this.backUp(this.table);
    for (const index of GLOBAL_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    // Created empty (a random placeholder); operators put the real keys in after the first deploy.
    this.stripeSecret = new secretsmanager.Secret(this, "StripeSecret", {
      description:
        'Stripe keys for Athar as JSON: {"secretKey":"sk_live_...","webhookSecret":"whsec_..."}. Set after deploy.',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Keys the hashes of client addresses and e-mails in the rate-limit items: without it, hashed IPv4
    // addresses could be reversed by trying all of them. Generated once; nobody needs to know it. Losing it
    // only restarts the rate-limit windows, so it goes with the stack.
    this.rateLimitSalt = new secretsmanager.Secret(this, "RateLimitSalt", {
      description: "Athar: salt for hashing client addresses and e-mails in rate limits (generated)",
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledgeFindings(this.rateLimitSalt, {
      "AwsSolutions-SMG4":
        "Rotating the salt would only restart the checkout rate-limit windows: the hashes it keys expire " +
        "with their windows (an hour by default), so a rotation schedule would protect nothing.",
    });
    // Keys every donor's id, the hash of their e-mail that holds their gifts, dashboard and statements
    // together. Replacing it would orphan every donor's history, so it is retained with the table and never
    // rotated; it is apart from the rate-limit salt, which may come and go.
    this.donorIdKey = new secretsmanager.Secret(this, "DonorIdKey", {
      description:
        "Athar: key of donors' ids, hashes of their e-mail addresses (generated; never replace it)",
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledgeFindings(this.donorIdKey, {
      "AwsSolutions-SMG4":
        "Every donor's history is keyed by this value: a rotated key would orphan all of them. It is " +
        "read only by the groups that derive donor ids, and kept (retained) with the table.",
    });
    // The value CloudFront sends the API in x-athar-origin-verify, so the API can refuse callers that go
    // around CloudFront (functions/http/origin-guard.ts). Rotated by hand (README): put a new `current`
    // and the old value as `previous`, deploy, then drop `previous`.
    this.originVerify = new secretsmanager.Secret(this, "OriginVerify", {
      description: "Athar: the header value CloudFront adds to every API request (generated)",
      generateSecretString: {
        secretStringTemplate: JSON.stringify({}),
        generateStringKey: "current",
        passwordLength: 48,
        excludePunctuation: true,
      },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledgeFindings(this.originVerify, {
      "AwsSolutions-SMG4":
        "CloudFront reads the value at deploy time, so a rotation Lambda would break the API until the next " +
        "deploy; it is rotated with a deploy instead (a previous value stays accepted meanwhile).",
    });
    // Signs donors' session cookies: `{"kid":"k1","secret":"<generated>"}`, the single-key form the
    // functions accept. Rotating means putting a list (new key first, old one kept until its sessions end).
    this.sessionKeys = new secretsmanager.Secret(this, "SessionKeys", {
      description: "Athar: keys that sign donors' session cookies (generated)",
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ kid: "k1" }),
        generateStringKey: "secret",
        passwordLength: 48,
        excludePunctuation: true,
      },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledgeFindings(this.sessionKeys, {
      "AwsSolutions-SMG4":
        "A rotation Lambda would replace the only key and sign every donor out; keys are rotated by hand " +
        "as a list (new key first, the old one kept for the session lifetime), as docs/accounts.md describes.",
    });
    acknowledgeFindings(this.stripeSecret, {
      "AwsSolutions-SMG4":
        "Stripe API keys are issued and rolled in Stripe's dashboard, not by a Secrets Manager rotation " +
        "Lambda; operators roll them there and put the new values in this secret.",
    });
  }

  /**
   * On top of point-in-time recovery (any second of the last 35 days), AWS Backup keeps the finance
   * records longer: a daily backup for 35 days and a monthly one for ten years, the retention accounts
   * need, in a vault of their own, encrypted with a key of their own and kept if the stack goes.
   */
  private backUp(table: dynamodb.Table): backup.BackupPlan {
    const key = new kms.Key(this, "BackupKey", {
      description: "Athar: encrypts the table's backups",
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const vault = new backup.BackupVault(this, "BackupVault", {
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const plan = new backup.BackupPlan(this, "BackupPlan", {
      backupVault: vault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: "Daily",
          scheduleExpression: events.Schedule.cron({ hour: "1", minute: "0" }),
          deleteAfter: Duration.days(35),
        }),
        new backup.BackupPlanRule({
          ruleName: "MonthlyForTenYears",
          scheduleExpression: events.Schedule.cron({ day: "1", hour: "2", minute: "0" }),
          deleteAfter: Duration.days(3653),
        }),
      ],
    });
    const selection = plan.addSelection("Table", {
      resources: [backup.BackupResource.fromDynamoDbTable(table)],
    });
    acknowledgeFindings(selection, {
      "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]":
        "AWS Backup's own service role policy, which AWS keeps in step with what backing up each service needs; " +
        "the selection limits it to this one table.",
    });
    return plan;
  }
}
