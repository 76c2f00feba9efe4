import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import * as apigw from "aws-cdk-lib/aws-apigateway";
import * as apigwv2 from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as nodejs from "aws-cdk-lib/aws-lambda-nodejs";
import * as logs from "aws-cdk-lib/aws-logs";
import type * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import {
  DEFAULT_ROUTE,
  HANDLER_GROUPS,
  type HandlerGroup,
  type HandlerGroupDefinition,
  type HttpGroup,
  ROUTES,
  servesHttp,
} from "../../functions/routes.ts";
import { BUNDLED_FONT_DIRECTORY, STATEMENT_FONT_FILES } from "../../functions/statements/fonts.ts";
import { LAMBDA_BUNDLING } from "../lambda-bundling.ts";
import { acknowledgeFindings } from "./nag.ts";
import { REPO_ROOT } from "./paths.ts";

export interface AtharApiProps {
  table: dynamodb.ITable;
  stripeSecret: secretsmanager.ISecret;
  /** Keys the hashed identifiers of the rate limits. */
  rateLimitSalt: secretsmanager.ISecret;
  /** Keys donors' ids; retained, as every donor's history hangs on it. */
  donorIdKey: secretsmanager.ISecret;
  /** What CloudFront sends in x-athar-origin-verify: HTTP functions refuse requests without it. */
  originVerify: secretsmanager.ISecret;
  /** Signs and verifies donors' session cookies. */
  sessionKeys: secretsmanager.ISecret;
  publicBaseUrl: string;
  /** Variables only some groups need (e.g. the mail sender for groups that send e-mail). */
  extraEnvironment?: (group: HandlerGroup) => Record<string, string>;
  /** Cloudflare Turnstile's public site key; set, checkout creation requires a Turnstile token. */
  turnstileSiteKey?: string | undefined;
}

/** What a group declares it needs (functions/routes.ts): the stack grants that and nothing more. */
const declares = (
  group: HandlerGroup,
  capability: "rateLimited" | "keysDonorIds" | "checksBots" | "readsSessions",
) => (HANDLER_GROUPS[group] as HandlerGroupDefinition)[capability] === true;

/**
 * esbuild bundles code, not the font files the statement PDF reads at run time: they are copied beside the
 * bundle, where functions/statements/fonts.ts looks first.
 */
const statementFontHooks: nodejs.ICommandHooks = {
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (inputDir, outputDir) => [
    `mkdir -p "${outputDir}/${BUNDLED_FONT_DIRECTORY}"`,
    ...Object.values(STATEMENT_FONT_FILES).map(
      (file) =>
        `cp "${inputDir}/node_modules/@fontsource/tajawal/files/${file}" "${outputDir}/${BUNDLED_FONT_DIRECTORY}/"`,
    ),
  ],
};

/** One Lambda per handler group (functions/routes.ts) behind one HTTP API with a route per ROUTES entry. */
export class AtharApi extends Construct {
  readonly httpApi: apigwv2.HttpApi;
  readonly functions: Record<HandlerGroup, nodejs.NodejsFunction>;

  constructor(scope: Construct, id: string, props: AtharApiProps) {
    super(scope, id);
    const groups = Object.keys(HANDLER_GROUPS) as HandlerGroup[];
    this.functions = Object.fromEntries(
      groups.map((group) => [group, this.handlerFunction(group, props)]),
    ) as Record<HandlerGroup, nodejs.NodejsFunction>;

    const accessLogs = new logs.LogGroup(this, "AccessLogs", {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.httpApi = new apigwv2.HttpApi(this, "HttpApi", {
      description: "Athar API, reached through CloudFront at /api/*",
      createDefaultStage: false,
    });
    new apigwv2.HttpStage(this, "DefaultStage", {
      httpApi: this.httpApi,
      stageName: "$default",
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: apigw.AccessLogFormat.custom(
          JSON.stringify({
            requestId: "$context.requestId",
            time: "$context.requestTime",
            ip: "$context.identity.sourceIp",
            routeKey: "$context.routeKey",
            status: "$context.status",
            latencyMs: "$context.responseLatency",
            integrationLatencyMs: "$context.integrationLatency",
            integrationError: "$context.integrationErrorMessage",
            responseLength: "$context.responseLength",
            userAgent: "$context.identity.userAgent",
          }),
        ),
      },
    });

    const httpGroups = [...new Set(ROUTES.map((route) => route.group))];
    const integrations = new Map<HttpGroup, HttpLambdaIntegration>(
      httpGroups.map((group) => [
        group,
        new HttpLambdaIntegration(`${group}Integration`, this.functions[group]),
      ]),
    );
    for (const route of ROUTES) {
      this.httpApi.addRoutes({
        path: route.path,
        methods: [apigwv2.HttpMethod[route.method]],
        integration: integrations.get(route.group) as HttpLambdaIntegration,
      });
    }
    // What no route matches: an unknown API path, or CloudFront's fallback for a page the site lacks.
    const defaultRoute = new apigwv2.HttpRoute(this, "DefaultRoute", {
      httpApi: this.httpApi,
      routeKey: apigwv2.HttpRouteKey.DEFAULT,
      integration: integrations.get(DEFAULT_ROUTE.group) as HttpLambdaIntegration,
    });
    acknowledgeFindings(defaultRoute, {
      "AwsSolutions-APIG4":
        "The $default route answers only 404s: a JSON one for an unknown API path, the site's public 404 " +
        "page for a missing page; there is nothing behind it to authorise.",
    });
    acknowledgeFindings(this.httpApi, {
      "AwsSolutions-APIG4":
        "A public donation API: donors give without an account. The Stripe webhook route is authenticated " +
        "by Stripe's signature, checked in the handler on the raw body.",
    });
  }

  /** `/api/*` is reached through CloudFront; this is the origin's host name for it. */
  get originDomainName(): string {
    return `${this.httpApi.apiId}.execute-api.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`;
  }

  private handlerFunction(group: HandlerGroup, props: AtharApiProps): nodejs.NodejsFunction {
    const definition = HANDLER_GROUPS[group];
    const http = servesHttp(definition);
    const logGroup = new logs.LogGroup(this, `${group}Logs`, {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const fn = new nodejs.NodejsFunction(this, `${group}Function`, {
      entry: `${REPO_ROOT}/${definition.entry}`,
      handler: "handler",
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}/package-lock.json`,
      description: `Athar: ${definition.description}`,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(
        "timeoutSeconds" in definition ? definition.timeoutSeconds : group === "stripeWebhook" ? 15 : 10,
      ),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: {
        ATHAR_ENV: "aws",
        TABLE_NAME: props.table.tableName,
        PUBLIC_BASE_URL: props.publicBaseUrl,
        LOG_LEVEL: "INFO",
        NODE_OPTIONS: "--enable-source-maps",
        ...(definition.usesStripe ? { STRIPE_SECRET_ARN: props.stripeSecret.secretArn } : {}),
        ...props.extraEnvironment?.(group),
        ...(declares(group, "rateLimited") ? { RATE_LIMIT_SALT_ARN: props.rateLimitSalt.secretArn } : {}),
        ...(declares(group, "keysDonorIds") ? { DONOR_ID_KEY_ARN: props.donorIdKey.secretArn } : {}),
        ...(declares(group, "checksBots") && props.turnstileSiteKey
          ? { PUBLIC_TURNSTILE_SITE_KEY: props.turnstileSiteKey }
          : {}),
        ...(declares(group, "readsSessions") ? { SESSION_KEYS_ARN: props.sessionKeys.secretArn } : {}),
        ...(http ? { ORIGIN_VERIFY_SECRET_ARN: props.originVerify.secretArn } : {}),
      },
      bundling: {
        minify: LAMBDA_BUNDLING.minify,
        target: LAMBDA_BUNDLING.target,
        format: nodejs.OutputFormat.ESM,
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        banner: LAMBDA_BUNDLING.banner,
        externalModules: [...LAMBDA_BUNDLING.external],
        sourceMap: true,
        ...("bundlesStatementFonts" in definition && definition.bundlesStatementFonts
          ? { commandHooks: statementFontHooks }
          : {}),
      },
    });
    // Exactly the actions the group's code uses, and Query on exactly the indexes it reads, which IAM
    // authorises on the index's own ARN (both proved by tests/integration/table-grants.test.ts).
    if (definition.tableActions.length > 0) {
      fn.addToRolePolicy(
        new iam.PolicyStatement({ actions: [...definition.tableActions], resources: [props.table.tableArn] }),
      );
    }
    const indexes: readonly string[] = "tableIndexes" in definition ? definition.tableIndexes : [];
    if (indexes.length > 0) {
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ["dynamodb:Query"],
          resources: indexes.map((index) => `${props.table.tableArn}/index/${index}`),
        }),
      );
    }
    if (definition.usesStripe) props.stripeSecret.grantRead(fn);
    if (declares(group, "rateLimited")) props.rateLimitSalt.grantRead(fn);
    if (declares(group, "keysDonorIds")) props.donorIdKey.grantRead(fn);
    if (declares(group, "readsSessions")) props.sessionKeys.grantRead(fn);
    if (http) props.originVerify.grantRead(fn);
    acknowledgeFindings(fn, {
      "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]":
        "AWSLambdaBasicExecutionRole only lets the function write its own CloudWatch logs; CDK attaches it " +
        "to every function role.",
      "AwsSolutions-IAM5[Resource::*]":
        "X-Ray tracing (PutTraceSegments, PutTelemetryRecords) has no resource-level permissions, so AWS " +
        "requires Resource '*' for it" +
        ("routesStream" in definition
          ? "; so does dynamodb:ListStreams, which the stream event source mapping needs."
          : "."),
    });
    return fn;
  }
}
