import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { buildCatalog } from "../../scripts/build-catalog.ts";
import { AtharStack } from "./athar-stack.ts";

export const DEFAULT_PUBLIC_BASE_URL = "https://give.example.org";
/** UAE: the AWS region nearest the Gulf councils Athar is first built for. */
export const DEFAULT_REGION = "me-central-1";

/**
 * The CDK app: the catalog the functions bundle is written first, and cdk-nag's AwsSolutions pack checks
 * every construct at synth. `npx cdk synth` and tests/infra both build the app here.
 */
export function buildAtharApp(options: { app?: App; siteDir?: string } = {}) {
  buildCatalog();
  const app = options.app ?? new App();
  const publicBaseUrl = String(app.node.tryGetContext("publicBaseUrl") ?? DEFAULT_PUBLIC_BASE_URL);
  // A WAF web ACL for CloudFront is created in us-east-1 (outside this stack) and attached by its ARN.
  const webAclArn: unknown = app.node.tryGetContext("webAclArn");
  // The site key the site is built with (`npm run build` reads the same variable), or `-c turnstileSiteKey=`.
  const turnstileSiteKey: unknown =
    app.node.tryGetContext("turnstileSiteKey") ?? process.env.PUBLIC_TURNSTILE_SITE_KEY;
  const stack = new AtharStack(app, "Athar", {
    description: "Athar: donations and impact reporting for a council of charities",
    publicBaseUrl,
    ...(options.siteDir ? { siteDir: options.siteDir } : {}),
    ...(webAclArn ? { webAclArn: String(webAclArn) } : {}),
    ...(turnstileSiteKey ? { turnstileSiteKey: String(turnstileSiteKey) } : {}),
    // The region is the project's choice (cdk.json context `region`), not whatever the CLI defaults to.
    env: {
      account: process.env.CDK_DEFAULT_ACCOUNT,
      region: String(app.node.tryGetContext("region") ?? DEFAULT_REGION),
    },
  });
  // Any unacknowledged finding stops synthesis; acknowledgements are written into the template's Metadata.
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }),
  );
  return { app, stack };
}
