import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { HANDLER_GROUPS, type HandlerGroup } from "../../functions/routes.ts";
import { buildAtharApp } from "../../infra/lib/app.ts";
import { DEV_STAGE, type Stage } from "../../infra/stages.ts";

/**
 * Synthesises the CDK app as `npx cdk synth` does (cdk-nag's AwsSolutions checks included), for the dev
 * stage or the one given, into a temporary cloud assembly. `app.synth()` throws if any finding is
 * unacknowledged. `template` is the main stack's; the two us-east-1 stacks' are beside it.
 */
export function synthesizeAthar(
  options: { siteDir?: string; stage?: Partial<Stage>; bundle?: boolean } = {},
) {
  const app = new App({
    outdir: mkdtempSync(join(tmpdir(), "athar-cdk-")),
    // Without bundling (seconds instead of a minute), for tests that read only the templates.
    context: options.bundle === false ? { "aws:cdk:bundling-stacks": [] } : {},
  });
  const built = buildAtharApp({
    app,
    stage: { ...DEV_STAGE, ...options.stage },
    ...(options.siteDir ? { siteDir: options.siteDir } : {}),
  });
  const assembly = app.synth();
  return {
    ...built,
    assembly,
    template: Template.fromStack(built.stack),
    certificateTemplate: Template.fromStack(built.certificate),
    logsTemplate: Template.fromStack(built.logs),
  };
}

/** A stage as a council would configure it: its own domain in its own Route 53 zone. */
export const COUNCIL_STAGE = {
  name: "production",
  region: "me-central-1",
  domain: "give.madinah-charities.org.sa",
  alarmEmail: "it@madinah-charities.org.sa",
  hostedZone: { id: "Z0123456789ABCDEFGHIJ", name: "madinah-charities.org.sa" },
  githubRepository: "madinah-charities/athar",
} as const;

/** A stand-in for site/dist, so a test does not depend on `npm run build` having run. */
export function standInSiteDir(): string {
  const siteDir = mkdtempSync(join(tmpdir(), "athar-site-"));
  writeFileSync(join(siteDir, "index.html"), "<!doctype html><title>Athar</title>");
  return siteDir;
}

export type CfnResource = {
  Type: string;
  Properties: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
};

export function resourcesOfType(template: Template, type: string): [string, CfnResource][] {
  return Object.entries(template.findResources(type)) as [string, CfnResource][];
}

/** Our handler functions (not CDK's helpers), by handler group. */
export function functionsByGroup(template: Template): Map<HandlerGroup, [string, CfnResource]> {
  const byGroup = new Map<HandlerGroup, [string, CfnResource]>();
  for (const [id, fn] of resourcesOfType(template, "AWS::Lambda::Function")) {
    const group = (Object.keys(HANDLER_GROUPS) as HandlerGroup[]).find(
      (name) => fn.Properties.Description === `Athar: ${HANDLER_GROUPS[name].description}`,
    );
    if (group) byGroup.set(group, [id, fn]);
  }
  return byGroup;
}

/** The policy statements attached to a function's role. */
export function roleStatements(
  template: Template,
  functionResource: CfnResource,
): { Action: string | string[]; Resource: unknown }[] {
  const roleRef = (functionResource.Properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
  return resourcesOfType(template, "AWS::IAM::Policy")
    .filter(([, policy]) =>
      (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleRef),
    )
    .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: never[] }).Statement);
}
