import { App, CfnRule, Fn, type Stack, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { buildCatalog } from "../../scripts/build-catalog.ts";
import { checkStage, loadStage, type Stage } from "../stages.ts";
import { AtharStack } from "./athar-stack.ts";
import { AtharCertificateStack } from "./certificate-stack.ts";
import { AtharEdgeLogsStack, cloudFrontDeliverySourceName } from "./edge-logs-stack.ts";
import { retainEveryFunctionsLogs } from "./log-retention.ts";

/** CloudFront's region: its certificate and its log delivery live there, whatever the stage's region. */
const CLOUDFRONT_REGION = "us-east-1";

/**
 * The dev stage's templates cannot be deployed: a rule whose assertion never holds makes CloudFormation
 * refuse the stack before it creates anything.
 */
function refuseDeployment(stack: Stack): void {
  new CfnRule(stack, "DevStageIsNotDeployable", {
    assertions: [
      {
        assert: Fn.conditionEquals("dev", "deployable"),
        assertDescription:
          "The dev stage only synthesises (tests, a look at the template): deploy -c stage=staging or production.",
      },
    ],
  });
}

/**
 * The CDK app for one stage (`-c stage=staging|production`, infra/stages/<stage>.json; dev without it):
 * the certificate in us-east-1, then everything Athar runs on in the stage's region, then CloudFront's log
 * delivery in us-east-1. The catalog the functions bundle is written first, and cdk-nag's AwsSolutions
 * pack checks every construct at synth. `npx cdk synth` and tests/infra both build the app here.
 */
export function buildAtharApp(options: { app?: App; siteDir?: string; stage?: Stage } = {}) {
  buildCatalog();
  const app = options.app ?? new App();
  // S3 server access logs reach the log bucket through its policy, not an ACL: the bucket enforces
  // ownership, as CloudFront's v2 log delivery wants. Set here so tests' apps and the CLI's alike get it.
  app.node.setContext("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true);
  const stage = checkStage(options.stage ?? loadStage(app.node.tryGetContext("stage")));
  const account = stage.account ?? process.env.CDK_DEFAULT_ACCOUNT;
  const name = `Athar-${stage.name}`;
  const certificate = new AtharCertificateStack(app, `${name}-Certificate`, {
    description: `Athar (${stage.name}): the site's certificate for CloudFront`,
    env: { account, region: CLOUDFRONT_REGION },
    stage,
  });
  const turnstileSiteKey = stage.turnstileSiteKey ?? process.env.PUBLIC_TURNSTILE_SITE_KEY;
  const stack = new AtharStack(app, name, {
    description: `Athar (${stage.name}): donations and impact reporting for a council of charities`,
    env: { account, region: stage.region },
    crossRegionReferences: true,
    stage,
    certificate: certificate.certificate,
    logDeliverySource: cloudFrontDeliverySourceName(stage),
    ...(options.siteDir ? { siteDir: options.siteDir } : {}),
    ...(turnstileSiteKey ? { turnstileSiteKey } : {}),
  });
  const logs = new AtharEdgeLogsStack(app, `${name}-EdgeLogs`, {
    description: `Athar (${stage.name}): CloudFront's access logs, delivered to the log bucket in ${stage.region}`,
    env: { account, region: CLOUDFRONT_REGION },
    crossRegionReferences: true,
    stage,
    distributionArn: stack.site.distribution.distributionArn,
    logBucketArn: stack.site.logBucket.bucketArn,
  });

  for (const each of [certificate, stack, logs]) {
    if (stage.name === "dev") refuseDeployment(each);
    retainEveryFunctionsLogs(each);
  }
  // Any unacknowledged finding stops synthesis; acknowledgements are written into the template's Metadata.
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }),
  );
  return { app, stage, certificate, stack, logs };
}
