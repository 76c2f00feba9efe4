import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Stack, Validations } from "aws-cdk-lib";
import * as s3 from "aws-cdk-lib/aws-s3";
import { AwsSolutionsChecks } from "cdk-nag";
import { describe, expect, it } from "vitest";
import { synthesizeAthar } from "./synth.ts";

describe("cdk-nag's AwsSolutions pack", () => {
  it("passes the Athar app with no unacknowledged finding, and a reason for every acknowledgement", () => {
    const { template } = synthesizeAthar();
    const acknowledged = Object.entries(
      template.toJSON().Resources as Record<string, { Metadata?: Record<string, unknown> }>,
    )
      .flatMap(([id, resource]) =>
        (
          (resource.Metadata?.cdk_nag as { rules_to_suppress?: { id: string; reason: string }[] } | undefined)
            ?.rules_to_suppress ?? []
        ).map((rule) => ({ resource: id, ...rule })),
      )
      .filter((rule) => rule.id.startsWith("AwsSolutions-"));
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const rule of acknowledged)
      expect(rule.reason.length, `${rule.resource} ${rule.id}`).toBeGreaterThan(40);
  });

  it("stops synthesis on a finding nobody acknowledged (the check is live)", () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), "athar-nag-")) });
    const stack = new Stack(app, "Careless");
    new s3.Bucket(stack, "Unlogged");
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/S3 Bucket has server access logs disabled/);
  });

  it("passes with a concrete account too, as `cdk deploy` with credentials synthesises it", () => {
    // The CLI sets CDK_DEFAULT_ACCOUNT from the credentials: findings then name the account itself.
    const previous = process.env.CDK_DEFAULT_ACCOUNT;
    process.env.CDK_DEFAULT_ACCOUNT = "123456789012";
    try {
      const { stack } = synthesizeAthar();
      expect(stack.account).toBe("123456789012");
    } finally {
      if (previous === undefined) delete process.env.CDK_DEFAULT_ACCOUNT;
      else process.env.CDK_DEFAULT_ACCOUNT = previous;
    }
  });

  it("attaches the stage's WAF web ACL, and then acknowledges no missing WAF", () => {
    const webAclArn =
      "arn:aws:wafv2:us-east-1:123456789012:global/webacl/athar/0123abcd-45ef-6789-abcd-ef0123456789";
    const { template } = synthesizeAthar({ stage: { webAclArn } });
    const [distribution] = Object.values(template.findResources("AWS::CloudFront::Distribution")) as {
      Properties: { DistributionConfig: { WebACLId?: string } };
      Metadata?: { cdk_nag?: { rules_to_suppress?: { id: string }[] } };
    }[];
    expect(distribution?.Properties.DistributionConfig.WebACLId).toBe(webAclArn);
    const acknowledged = distribution?.Metadata?.cdk_nag?.rules_to_suppress?.map((rule) => rule.id) ?? [];
    expect(acknowledged).toContain("AwsSolutions-CFR1");
    expect(acknowledged).not.toContain("AwsSolutions-CFR2");
    expect(() =>
      synthesizeAthar({ stage: { webAclArn: "arn:aws:wafv2:me-central-1:1:regional/webacl/x/y" } }),
    ).toThrow(/us-east-1/);
  });

  it("synthesises without the built site too (before npm run build)", () => {
    const { template } = synthesizeAthar({ siteDir: join(tmpdir(), "athar-no-such-site") });
    template.resourceCountIs("Custom::CDKBucketDeployment", 0);
    template.resourceCountIs("AWS::CloudFront::Distribution", 1);
  });
});
