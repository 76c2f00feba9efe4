import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { buildAtharApp } from "../../infra/lib/app.ts";

/**
 * Synthesises the CDK app as `npx cdk synth` does (cdk.json's context, cdk-nag's AwsSolutions checks),
 * into a temporary cloud assembly. `app.synth()` throws if any finding is unacknowledged.
 */
export function synthesizeAthar(
  options: { siteDir?: string; context?: Record<string, string>; bundle?: boolean } = {},
) {
  const app = new App({
    outdir: mkdtempSync(join(tmpdir(), "athar-cdk-")),
    context: {
      publicBaseUrl: "https://give.example.org",
      region: "me-central-1",
      // Without bundling (seconds instead of a minute), for tests that read only the template.
      ...(options.bundle === false ? { "aws:cdk:bundling-stacks": [] } : {}),
      ...options.context,
    },
  });
  const { stack } = buildAtharApp({ app, ...(options.siteDir ? { siteDir: options.siteDir } : {}) });
  const assembly = app.synth();
  return { app, stack, assembly, template: Template.fromStack(stack) };
}

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
