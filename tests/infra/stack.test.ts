import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Match } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { TURNSTILE_ORIGIN } from "../../contract/origins.ts";
import { sessionKeysSchema } from "../../functions/auth/session.ts";
import { ORIGIN_VERIFY_HEADER } from "../../functions/http/origin-guard.ts";
import { HANDLER_GROUPS, ROUTES, routeKey, type StreamGroup } from "../../functions/routes.ts";
import { BUNDLED_FONT_DIRECTORY, STATEMENT_FONT_FILES } from "../../functions/statements/fonts.ts";
import { createTableInput, TTL_ATTRIBUTE } from "../../functions/table/definition.ts";
import { STAFF_API_PATHS } from "../../infra/lib/site.ts";
import {
  type CfnResource,
  functionsByGroup,
  resourcesOfType,
  roleStatements,
  synthesizeAthar,
} from "./synth.ts";

let synthesized: ReturnType<typeof synthesizeAthar>;
beforeAll(() => {
  // A stand-in for site/dist, so the test does not depend on `npm run build` having run.
  const siteDir = mkdtempSync(join(tmpdir(), "athar-site-"));
  writeFileSync(join(siteDir, "index.html"), "<!doctype html><title>Athar</title>");
  synthesized = synthesizeAthar({ siteDir });
});
const template = () => synthesized.template;

const athar = () => functionsByGroup(template());
const statementsOf = (fn: CfnResource) => roleStatements(template(), fn);

const asList = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

/** The logical id of the one secret whose description matches. */
function secretId(description: RegExp): string {
  const secrets = resourcesOfType(template(), "AWS::SecretsManager::Secret").filter(([, secret]) =>
    description.test(String(secret.Properties.Description)),
  );
  expect(secrets).toHaveLength(1);
  return (secrets[0] as [string, CfnResource])[0];
}

const readsSecret = (fn: CfnResource, id: string) =>
  statementsOf(fn).some(
    (statement) =>
      JSON.stringify(statement.Resource).includes(id) &&
      asList(statement.Action).includes("secretsmanager:GetSecretValue"),
  );

const environmentOf = (fn: CfnResource) =>
  (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;

/** The groups whose role may read the secret, and whose environment names it in `variable`. */
const secretReaders = (secret: string, variable: string) =>
  [...athar()]
    .filter(([group, [, fn]]) => {
      const named = JSON.stringify(environmentOf(fn)[variable] ?? null).includes(secret);
      expect(named, `${group}: ${variable} and the grant go together`).toBe(readsSecret(fn, secret));
      return named;
    })
    .map(([group]) => group)
    .sort();

/** Headers the functions read with `header(event, "...")`: CloudFront must forward each to the API. */
function headersTheFunctionsRead(): string[] {
  const root = new URL("../../functions/", import.meta.url).pathname;
  return readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .flatMap((file) => [...readFileSync(`${root}${file}`, "utf8").matchAll(/header\(event, "([^"]+)"\)/g)])
    .map((match) => String(match[1]).toLowerCase());
}

describe("the synthesised stack", () => {
  it("has one arm64 nodejs24.x function per handler group, configured for AWS", () => {
    const functions = athar();
    expect([...functions.keys()].sort()).toEqual(Object.keys(HANDLER_GROUPS).sort());
    for (const [group, [, fn]] of functions) {
      expect(fn.Properties.Runtime, group).toBe("nodejs24.x");
      expect(fn.Properties.Architectures, group).toEqual(["arm64"]);
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables.ATHAR_ENV).toBe("aws");
      expect(variables.PUBLIC_BASE_URL).toBe("https://give.example.org");
      // Keys come from Secrets Manager at run time, never from the template.
      for (const value of Object.values(variables))
        expect(JSON.stringify(value)).not.toMatch(/sk_(test|live)_|whsec_/);
    }
  });

  it("ships the statement PDF's fonts beside the bundle of the groups that print it, and only there", () => {
    for (const [group, [, fn]] of athar()) {
      // The code asset's zip is named by its hash; the cloud assembly keeps the bundle in `asset.<hash>`.
      const key = String((fn.Properties.Code as { S3Key: string }).S3Key).replace(/\.zip$/, "");
      const fonts = join(synthesized.assembly.directory, `asset.${key}`, BUNDLED_FONT_DIRECTORY);
      expect(existsSync(join(synthesized.assembly.directory, `asset.${key}`, "index.mjs")), group).toBe(true);
      const prints = "bundlesStatementFonts" in HANDLER_GROUPS[group];
      expect(existsSync(fonts), group).toBe(prints);
      if (!prints) continue;
      for (const file of Object.values(STATEMENT_FONT_FILES)) {
        // A real WOFF font, not an empty copy.
        expect(readFileSync(join(fonts, file)).subarray(0, 4).toString("latin1"), file).toBe("wOFF");
      }
    }
    expect([...athar().keys()]).toContain("papers");
  });

  it("builds the table from functions/table/definition.ts, with PITR, deletion protection and TTL", () => {
    const tables = resourcesOfType(template(), "AWS::DynamoDB::Table");
    expect(tables).toHaveLength(1);
    const [[, table]] = tables as [[string, CfnResource]];
    const expected = createTableInput("any");
    const props = table.Properties as Record<string, unknown>;
    expect(props.KeySchema).toEqual(expected.KeySchema);
    expect(new Set(props.AttributeDefinitions as unknown[])).toEqual(new Set(expected.AttributeDefinitions));
    const indexes = [...(props.GlobalSecondaryIndexes as { IndexName: string }[])];
    expect(indexes.sort((a, b) => a.IndexName.localeCompare(b.IndexName))).toEqual(
      expected.GlobalSecondaryIndexes,
    );
    expect(props.BillingMode).toBe(expected.BillingMode);
    expect(props.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(props.DeletionProtectionEnabled).toBe(true);
    expect(props.TimeToLiveSpecification).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
    template().hasResource("AWS::DynamoDB::Table", {
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
    });
  });

  it("grants each function exactly its declared table actions, never a wildcard or a Scan", () => {
    const tableId = Object.keys(template().findResources("AWS::DynamoDB::Table"))[0] as string;
    const touchesTable = (resource: unknown) => JSON.stringify(resource).includes(`"${tableId}"`);
    const onStream = (resource: unknown) => JSON.stringify(resource).includes("StreamArn");
    const onIndex = (resource: unknown) => JSON.stringify(resource).includes("/index/");
    for (const [group, [, fn]] of athar()) {
      const statements = statementsOf(fn).filter(
        (statement) => touchesTable(statement.Resource) && !onIndex(statement.Resource),
      );
      const actions = statements
        .filter((statement) => !onStream(statement.Resource))
        .flatMap((statement) => asList(statement.Action));
      expect(actions.sort(), group).toEqual([...HANDLER_GROUPS[group].tableActions].sort());
      // Only stream-triggered groups read the stream, and only what the event source mapping needs.
      const streamActions = statements
        .filter((statement) => onStream(statement.Resource))
        .flatMap((s) => asList(s.Action));
      // The stream has one reader, the router.
      expect(streamActions.sort(), group).toEqual(
        group === "streamRouter"
          ? ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"]
          : [],
      );
    }
    for (const [, policy] of resourcesOfType(template(), "AWS::IAM::Policy")) {
      const statements = (
        policy.Properties.PolicyDocument as { Statement: { Action: string; Resource: unknown }[] }
      ).Statement;
      for (const statement of statements.filter((s) => touchesTable(s.Resource))) {
        for (const action of asList(statement.Action)) {
          expect(action).not.toContain("*");
          expect(action).not.toBe("dynamodb:Scan");
        }
      }
    }
  });

  it("grants Query on exactly the indexes each group reads, on the index's own ARN", () => {
    const tableId = Object.keys(template().findResources("AWS::DynamoDB::Table"))[0] as string;
    const indexesOf = (fn: CfnResource) =>
      statementsOf(fn)
        .filter((statement) => JSON.stringify(statement.Resource).includes("/index/"))
        .flatMap((statement) => {
          expect(asList(statement.Action)).toEqual(["dynamodb:Query"]);
          const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
          return resources.map((resource) => {
            // { "Fn::Join": ["", [{ "Fn::GetAtt": [table, "Arn"] }, "/index/gsi1"]] }
            const [, parts] = (resource as { "Fn::Join": [string, unknown[]] })["Fn::Join"];
            expect(parts[0]).toEqual({ "Fn::GetAtt": [tableId, "Arn"] });
            return String(parts[1]).replace("/index/", "");
          });
        })
        .sort();
    const granted = Object.fromEntries(
      [...athar()]
        .map(([group, [, fn]]) => [group, indexesOf(fn)] as const)
        .filter(([, indexes]) => indexes.length > 0),
    );
    expect(granted).toEqual({
      erasure: ["gsi1", "gsi2"],
      finance: ["gsi1"],
      financeBooks: ["gsi1"],
      financeExports: ["gsi1", "gsi2"],
      financeImports: ["gsi1", "gsi2"],
      holds: ["gsi1"],
      receipts: ["gsi2"],
    });
  });

  it("reads the table's stream once, with the router, which queues each worker's records", () => {
    const [[, table]] = resourcesOfType(template(), "AWS::DynamoDB::Table") as [[string, CfnResource]];
    expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: "NEW_AND_OLD_IMAGES" });
    const mappings = resourcesOfType(template(), "AWS::Lambda::EventSourceMapping");
    const onStream = mappings.filter(([, mapping]) =>
      JSON.stringify(mapping.Properties.EventSourceArn).includes("StreamArn"),
    );
    expect(onStream).toHaveLength(1);
    const [routerId, router] = athar().get("streamRouter") as [string, CfnResource];
    const [, routing] = onStream[0] as [string, CfnResource];
    expect(JSON.stringify(routing.Properties.FunctionName)).toContain(routerId);
    const workers: StreamGroup[] = [
      "erasure",
      "financeExports",
      "financeImports",
      "holds",
      "receipts",
      "signInMail",
    ];
    // Only records some worker wants: the workers' filters, those that differ only in the entity merged
    // (Lambda takes five filters per mapping by default).
    expect(
      (routing.Properties.FilterCriteria as { Filters: { Pattern: string }[] }).Filters.map((f) =>
        JSON.parse(f.Pattern),
      ),
    ).toEqual([
      {
        eventName: ["REMOVE"],
        userIdentity: { type: ["Service"], principalId: ["dynamodb.amazonaws.com"] },
        dynamodb: { OldImage: { entity: { S: ["hold"] } } },
      },
      {
        eventName: ["INSERT"],
        dynamodb: {
          NewImage: { entity: { S: ["receiptRequest", "financeExport", "reconImport", "signInRequest"] } },
        },
      },
      { dynamodb: { NewImage: { entity: { S: ["erasureRequest"] }, status: { S: ["scheduled"] } } } },
    ]);
    const routerDeadLetters = resourcesOfType(template(), "AWS::SQS::Queue").find(([id]) =>
      id.includes("RouterDeadLetters"),
    );
    expect(routing.Properties).toMatchObject({
      StartingPosition: "TRIM_HORIZON",
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 21_600,
      DestinationConfig: { OnFailure: { Destination: { "Fn::GetAtt": [routerDeadLetters?.[0], "Arn"] } } },
    });
    // {"holds":"<Ref of its queue>",...}, put together from CloudFormation's Join.
    const [, parts] = (environmentOf(router).WORKER_QUEUE_URLS as { "Fn::Join": [string, unknown[]] })[
      "Fn::Join"
    ];
    const queueUrls = JSON.parse(
      parts.map((part) => (typeof part === "string" ? part : `<${(part as { Ref: string }).Ref}>`)).join(""),
    ) as Record<string, string>;
    expect(Object.keys(queueUrls).sort()).toEqual(workers);
    const sendsTo = statementsOf(router)
      .filter((statement) => asList(statement.Action).includes("sqs:SendMessage"))
      .map((statement) => JSON.stringify(statement.Resource));
    // The workers' queues, and the router's own dead-letter queue (the mapping's failure destination).
    expect(sendsTo).toHaveLength(workers.length + 1);
    expect(sendsTo.some((resource) => resource.includes(String(routerDeadLetters?.[0])))).toBe(true);

    // Sign-in links have no catch-up: a link is worth 15 minutes, and the queue's retries come first.
    const catchUps: Partial<Record<StreamGroup, string>> = {
      erasure: "rate(15 minutes)",
      financeExports: "rate(5 minutes)",
      financeImports: "rate(5 minutes)",
      holds: "rate(1 minute)",
      receipts: "rate(5 minutes)",
    };
    for (const group of workers) {
      const definition = HANDLER_GROUPS[group];
      const [functionId, fn] = athar().get(group) as [string, CfnResource];
      const [queueId, queue] = resourcesOfType(template(), "AWS::SQS::Queue").find(([id]) =>
        id.startsWith(`Workers${group}Queue`),
      ) as [string, CfnResource];
      const mapping = mappings.find(([, candidate]) =>
        JSON.stringify(candidate.Properties.FunctionName).includes(functionId),
      );
      expect(mapping?.[1].Properties, group).toMatchObject({
        EventSourceArn: { "Fn::GetAtt": [queueId, "Arn"] },
        BatchSize: definition.stream.batchSize,
        FunctionResponseTypes: ["ReportBatchItemFailures"],
      });
      const [deadLettersId, deadLetters] = resourcesOfType(template(), "AWS::SQS::Queue").find(([id]) =>
        id.startsWith(`Workers${group}DeadLetters`),
      ) as [string, CfnResource];
      expect(queue.Properties.RedrivePolicy, group).toEqual({
        deadLetterTargetArn: { "Fn::GetAtt": [deadLettersId, "Arn"] },
        maxReceiveCount: 5,
      });
      expect(deadLetters.Properties.MessageRetentionPeriod, group).toBe(1_209_600);
      expect(queue.Properties.VisibilityTimeout, group).toBe(6 * Number(fn.Properties.Timeout));
      expect(queueUrls[group], group).toBe(`<${queueId}>`);
      expect(
        sendsTo.some((resource) => resource.includes(queueId)),
        group,
      ).toBe(true);
      const schedules = resourcesOfType(template(), "AWS::Events::Rule")
        .filter(([, rule]) => JSON.stringify(rule.Properties.Targets).includes(`"${functionId}"`))
        .map(([, rule]) => rule.Properties.ScheduleExpression);
      expect(schedules, group).toEqual(catchUps[group] ? [catchUps[group]] : []);
      expect(fn.Properties.Timeout, group).toBe(
        "timeoutSeconds" in definition ? definition.timeoutSeconds : 10,
      );
    }
    const [, receipts] = athar().get("receipts") as [string, CfnResource];
    expect(receipts.Properties.Environment).toMatchObject({
      Variables: { MAIL_FROM: "receipts@give.example.org" },
    });
  });

  it("lets only the groups that e-mail (receipts, sign-in links) send through SES, from the site's own domain", () => {
    template().hasResourceProperties("AWS::SES::EmailIdentity", { EmailIdentity: "give.example.org" });
    const senders = [...athar()]
      .filter(([, [, fn]]) =>
        statementsOf(fn).some((statement) => asList(statement.Action).includes("ses:SendEmail")),
      )
      .map(([group]) => group)
      .sort();
    expect(senders).toEqual(["receipts", "signInMail"]);
  });

  it("lets exactly the groups that call Stripe read the Stripe secret", () => {
    // And the health probe, which checks the secret holds real keys.
    expect(secretReaders(secretId(/Stripe keys/), "STRIPE_SECRET_ARN")).toEqual([
      "adoptions",
      "donations",
      "erasure",
      "financeBooks",
      "financeImports",
      "healthProbe",
      "papers",
      "stripeWebhook",
    ]);
  });

  it("generates the rate-limit salt and gives it to exactly the groups that count requests", () => {
    const salt = secretId(/salt for hashing/);
    const [, saltSecret] = resourcesOfType(template(), "AWS::SecretsManager::Secret").find(
      ([id]) => id === salt,
    ) as [string, CfnResource];
    expect(saltSecret.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 48 });
    // Gifts and adoptions (the checkout guard) and sign-in links: every group that builds a rate limiter.
    expect(secretReaders(salt, "RATE_LIMIT_SALT_ARN")).toEqual(["adoptions", "auth", "donations"]);
    // No Turnstile site key given: no bot check.
    for (const [group, [, fn]] of athar())
      expect(environmentOf(fn).PUBLIC_TURNSTILE_SITE_KEY, group).toBeUndefined();
  });

  it("keeps the donor-id key apart from the salt, retained, and gives it to exactly the groups that derive donor ids", () => {
    const key = secretId(/key of donors' ids/);
    expect(key).not.toBe(secretId(/salt for hashing/));
    template().hasResource("AWS::SecretsManager::Secret", {
      Properties: Match.objectLike({ Description: Match.stringLikeRegexp("key of donors' ids") }),
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
    });
    // Checkouts (gifts, adoptions), sign-in mail (a link is sent only to an address that gave), offline gifts.
    expect(secretReaders(key, "DONOR_ID_KEY_ARN")).toEqual([
      "adoptions",
      "donations",
      "financeBooks",
      "signInMail",
    ]);
  });

  it("generates the session keys as one {kid, secret} and lets only the groups that read sessions read them", () => {
    const sessionKeys = secretId(/session cookies/);
    const [, secret] = resourcesOfType(template(), "AWS::SecretsManager::Secret").find(
      ([id]) => id === sessionKeys,
    ) as [string, CfnResource];
    expect(secret.Properties.GenerateSecretString).toMatchObject({
      SecretStringTemplate: JSON.stringify({ kid: "k1" }),
      GenerateStringKey: "secret",
      PasswordLength: 48,
    });
    // What Secrets Manager generates is what the functions accept.
    expect(sessionKeysSchema.parse({ kid: "k1", secret: "x".repeat(48) })).toHaveLength(1);
    expect(secretReaders(sessionKeys, "SESSION_KEYS_ARN")).toEqual([
      "account",
      "auth",
      "dataRights",
      "papers",
    ]);
  });

  it("has CloudFront prove every API request came through it, and every HTTP function check so", () => {
    const secret = secretId(/header value CloudFront adds/);
    expect(secretReaders(secret, "ORIGIN_VERIFY_SECRET_ARN")).toEqual([
      "account",
      "adoptions",
      "auth",
      "dataRights",
      "donations",
      "finance",
      "financeBooks",
      "papers",
      "public",
      "staff",
      "stripeWebhook",
    ]);
    const [[, distribution]] = resourcesOfType(template(), "AWS::CloudFront::Distribution") as [
      [string, CfnResource],
    ];
    const origins = (distribution.Properties.DistributionConfig as { Origins: Record<string, unknown>[] })
      .Origins;
    const api = origins.find((origin) => JSON.stringify(origin.DomainName).includes("execute-api"));
    const headers = api?.OriginCustomHeaders as { HeaderName: string; HeaderValue: unknown }[];
    expect(headers.map((h) => h.HeaderName)).toEqual([ORIGIN_VERIFY_HEADER]);
    // A dynamic reference to the secret's `current` key, resolved by CloudFormation at deploy time.
    const value = JSON.stringify(headers[0]?.HeaderValue);
    expect(value).toContain("{{resolve:secretsmanager:");
    expect(value).toContain(secret);
    expect(value).toContain(":SecretString:current::}}");
  });

  it("forwards the viewer's address and every header the functions read to the API, never Host", () => {
    const [[, distribution]] = resourcesOfType(template(), "AWS::CloudFront::Distribution") as [
      [string, CfnResource],
    ];
    const config = distribution.Properties.DistributionConfig as {
      CacheBehaviors: Record<string, unknown>[];
    };
    const api = config.CacheBehaviors.find((behavior) => behavior.PathPattern === "/api/*");
    const policyRef = (api?.OriginRequestPolicyId as { Ref?: string } | undefined)?.Ref;
    expect(policyRef).toBeDefined();
    const [, policy] = resourcesOfType(template(), "AWS::CloudFront::OriginRequestPolicy").find(
      ([id]) => id === policyRef,
    ) as [string, CfnResource];
    const headersConfig = (
      policy.Properties.OriginRequestPolicyConfig as {
        HeadersConfig: { HeaderBehavior: string; Headers: string[] };
      }
    ).HeadersConfig;
    expect(headersConfig.HeaderBehavior).toBe("whitelist");
    const forwarded = headersConfig.Headers.map((name) => name.toLowerCase());
    expect(forwarded).toContain("cloudfront-viewer-address");
    expect(forwarded).not.toContain("host");
    const read = headersTheFunctionsRead();
    expect(read).toEqual(
      expect.arrayContaining(["cloudfront-viewer-address", "stripe-signature", "authorization"]),
    );
    // Staff bearer tokens reach only the staff paths, through their cache policy (the only way CloudFront
    // forwards Authorization); those paths forward the same other headers.
    for (const name of read) if (name !== "authorization") expect(forwarded, name).toContain(name);
    for (const pattern of STAFF_API_PATHS) {
      const staff = config.CacheBehaviors.find((behavior) => behavior.PathPattern === pattern);
      expect((staff?.OriginRequestPolicyId as { Ref?: string } | undefined)?.Ref, pattern).toBe(policyRef);
      const cacheRef = (staff?.CachePolicyId as { Ref?: string } | undefined)?.Ref;
      const [, cachePolicy] = resourcesOfType(template(), "AWS::CloudFront::CachePolicy").find(
        ([id]) => id === cacheRef,
      ) as [string, CfnResource];
      const cacheConfig = cachePolicy.Properties.CachePolicyConfig as {
        ParametersInCacheKeyAndForwardedToOrigin: { HeadersConfig: { Headers: string[] } };
      };
      expect(cacheConfig.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig.Headers).toEqual([
        "Authorization",
      ]);
    }
    expect(config.CacheBehaviors.findIndex((behavior) => behavior.PathPattern === "/api/*")).toBeGreaterThan(
      Math.max(...STAFF_API_PATHS.map((p) => config.CacheBehaviors.findIndex((b) => b.PathPattern === p))),
    );
  });

  it("routes every API route to its group's function through the HTTP API", () => {
    const routes = resourcesOfType(template(), "AWS::ApiGatewayV2::Route").map(
      ([, r]) => r.Properties.RouteKey,
    );
    expect(routes.sort()).toEqual([...ROUTES.map(routeKey), "$default"].sort());
    template().hasResourceProperties("AWS::ApiGatewayV2::Api", { ProtocolType: "HTTP" });
    template().resourceCountIs(
      "AWS::ApiGatewayV2::Integration",
      new Set(ROUTES.map((route) => route.group)).size,
    );
    template().hasResourceProperties("AWS::ApiGatewayV2::Integration", { PayloadFormatVersion: "2.0" });
    template().hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      AccessLogSettings: Match.objectLike({ Format: Match.stringLikeRegexp("requestId") }),
    });
  });

  it("serves the site from a private bucket through CloudFront with origin access control", () => {
    template().hasResourceProperties("AWS::S3::Bucket", {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: "Enabled" },
    });
    template().resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
    const [[, distribution]] = resourcesOfType(template(), "AWS::CloudFront::Distribution") as [
      [string, CfnResource],
    ];
    const config = distribution.Properties.DistributionConfig as Record<string, unknown>;
    const origins = config.Origins as unknown as {
      Id: string;
      OriginAccessControlId?: unknown;
      S3OriginConfig?: unknown;
    }[];
    expect(origins.filter((origin) => origin.OriginAccessControlId)).toHaveLength(1);
    const api = (
      config.CacheBehaviors as { PathPattern: string; TargetOriginId: string; AllowedMethods: string[] }[]
    ).find((behavior) => behavior.PathPattern === "/api/*");
    expect(api?.AllowedMethods).toContain("POST");
    const stats = (
      config.CacheBehaviors as unknown as { PathPattern: string; TargetOriginId: string }[]
    ).find((behavior) => behavior.PathPattern === "/api/stats");
    expect(stats?.TargetOriginId).toBe(api?.TargetOriginId);
    const apiOrigin = origins.find((origin) => origin.Id === api?.TargetOriginId) as Record<string, unknown>;
    expect(JSON.stringify(apiOrigin.DomainName)).toContain("execute-api");
    expect(apiOrigin.OriginAccessControlId).toBeUndefined();
    // No distribution-wide error responses: they would rewrite the API's JSON 403s and 404s too. A page the
    // bucket lacks falls back, through an origin group, to the API's $default route (the 404 page).
    expect(config.CustomErrorResponses).toBeUndefined();
    const groups = (config.OriginGroups as { Items: Record<string, unknown>[] }).Items;
    expect(groups).toHaveLength(1);
    const group = groups[0] as {
      Id: string;
      FailoverCriteria: { StatusCodes: { Items: number[] } };
      Members: { Items: { OriginId: string }[] };
    };
    expect(group.FailoverCriteria.StatusCodes.Items.sort()).toEqual([403, 404]);
    const [primary, fallback] = group.Members.Items.map((member) =>
      origins.find((o) => o.Id === member.OriginId),
    );
    expect(primary?.OriginAccessControlId).toBeDefined();
    expect(fallback?.Id).toBe(apiOrigin.Id);
    expect((config.DefaultCacheBehavior as { TargetOriginId: string }).TargetOriginId).toBe(group.Id);
    template().hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: Match.objectLike({
            ContentSecurityPolicy: Match.stringLikeRegexp("script-src 'self'"),
          }),
        }),
      }),
    });
    // Without a Turnstile site key, Cloudflare is not allowed anywhere.
    const [[, headersPolicy]] = resourcesOfType(template(), "AWS::CloudFront::ResponseHeadersPolicy") as [
      [string, CfnResource],
    ];
    expect(JSON.stringify(headersPolicy.Properties)).not.toContain(TURNSTILE_ORIGIN);
    expect(JSON.stringify(headersPolicy.Properties)).not.toContain("frame-src");
  });

  it("routes $default to the public group, which alone reads the site's bucket, and only its 404.html", () => {
    const [publicId] = athar().get("public") as [string, CfnResource];
    const defaultRoute = resourcesOfType(template(), "AWS::ApiGatewayV2::Route").find(
      ([, route]) => route.Properties.RouteKey === "$default",
    );
    const target = JSON.stringify(defaultRoute?.[1].Properties.Target);
    const [integrationId] = resourcesOfType(template(), "AWS::ApiGatewayV2::Integration").find(
      ([, integration]) => JSON.stringify(integration.Properties.IntegrationUri).includes(publicId),
    ) as [string, CfnResource];
    expect(target).toContain(integrationId);
    // The site's own bucket (not its log bucket): CDK names it Site<hash>.
    const bucketId = Object.keys(template().findResources("AWS::S3::Bucket")).find((id) =>
      /^Site[0-9A-F]{8}$/.test(id),
    );
    const siteReaders = [...athar()]
      .filter(([, [, fn]]) =>
        statementsOf(fn).some((statement) => JSON.stringify(statement.Resource).includes(`"${bucketId}"`)),
      )
      .map(([group]) => group);
    expect(siteReaders).toEqual(["public"]);
    const [, publicFn] = athar().get("public") as [string, CfnResource];
    expect(environmentOf(publicFn).SITE_BUCKET).toEqual({ Ref: bucketId });
    const grants = statementsOf(publicFn).filter((statement) =>
      JSON.stringify(statement.Resource).includes(`"${bucketId}"`),
    );
    expect(grants).toEqual([
      {
        Action: "s3:GetObject",
        Effect: "Allow",
        Resource: { "Fn::Join": ["", [{ "Fn::GetAtt": [bucketId, "Arn"] }, "/404.html"]] },
      },
    ]);
  });

  it("deploys the built site when there is one", () => {
    template().resourceCountIs("Custom::CDKBucketDeployment", 1);
  });
});
