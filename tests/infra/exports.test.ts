import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { HANDLER_GROUPS, type HandlerGroup } from "../../functions/routes.ts";
import { EXPORT_FILE_DAYS } from "../../infra/lib/exports.ts";
import { type CfnResource, resourcesOfType, synthesizeAthar } from "./synth.ts";

let synthesized: ReturnType<typeof synthesizeAthar>;
beforeAll(() => {
  const siteDir = mkdtempSync(join(tmpdir(), "athar-site-"));
  writeFileSync(join(siteDir, "index.html"), "<!doctype html><title>Athar</title>");
  synthesized = synthesizeAthar({ siteDir });
});
const template = () => synthesized.template;

/** The exports bucket: the one whose objects expire after EXPORT_FILE_DAYS. */
function exportsBucket(): [string, CfnResource] {
  const buckets = resourcesOfType(template(), "AWS::S3::Bucket").filter(([, bucket]) =>
    JSON.stringify(bucket.Properties.LifecycleConfiguration ?? {}).includes(
      `"ExpirationInDays":${EXPORT_FILE_DAYS}`,
    ),
  );
  expect(buckets).toHaveLength(1);
  return buckets[0] as [string, CfnResource];
}

function functionOf(group: HandlerGroup): CfnResource {
  const found = resourcesOfType(template(), "AWS::Lambda::Function").find(
    ([, fn]) => fn.Properties.Description === `Athar: ${HANDLER_GROUPS[group].description}`,
  );
  if (!found) throw new Error(`no function for ${group}`);
  return found[1];
}

/** The S3 actions a function's role may take on the exports bucket. */
function s3ActionsOn(fn: CfnResource, bucketId: string): string[] {
  const roleRef = (fn.Properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
  return resourcesOfType(template(), "AWS::IAM::Policy")
    .filter(([, policy]) =>
      (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleRef),
    )
    .flatMap(
      ([, policy]) =>
        (
          policy.Properties.PolicyDocument as {
            Statement: { Action: string | string[]; Resource: unknown }[];
          }
        ).Statement,
    )
    .filter((statement) => JSON.stringify(statement.Resource).includes(bucketId))
    .flatMap((statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]))
    .sort();
}

describe("the exports bucket", () => {
  it("is private, encrypted, TLS only, and expires its files after a week", () => {
    const [id, bucket] = exportsBucket();
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(JSON.stringify(bucket.Properties.BucketEncryption)).toContain('"SSEAlgorithm":"AES256"');
    // Only the site's own origin may read a file the download route redirected to, and only with GET.
    expect(bucket.Properties.CorsConfiguration).toMatchObject({
      CorsRules: [{ AllowedMethods: ["GET"], AllowedOrigins: ["https://give.example.org"] }],
    });
    expect(bucket.Properties.LifecycleConfiguration).toMatchObject({
      Rules: [{ ExpirationInDays: 7, Status: "Enabled" }],
    });
    const policies = resourcesOfType(template(), "AWS::S3::BucketPolicy").filter(([, policy]) =>
      JSON.stringify(policy.Properties.Bucket).includes(id),
    );
    expect(policies).toHaveLength(1);
    const [[, policy]] = policies as [[string, CfnResource]];
    const { Statement: statements } = policy.Properties.PolicyDocument as {
      Statement: Record<string, unknown>[];
    };
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: "Deny",
        Action: "s3:*",
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      }),
    );
  });

  it("may be written only by the export worker and read only by the finance API, which both get its name", () => {
    const [id] = exportsBucket();
    const granted = Object.fromEntries(
      (Object.keys(HANDLER_GROUPS) as HandlerGroup[])
        .map((group) => [group, s3ActionsOn(functionOf(group), id)] as const)
        .filter(([, actions]) => actions.length > 0),
    );
    expect(granted).toEqual({
      finance: ["s3:GetObject", "s3:ListBucket"],
      financeExports: ["s3:PutObject"],
    });
    for (const group of ["finance", "financeExports"] as const) {
      const variables = (functionOf(group).Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
      expect(variables.EXPORTS_BUCKET).toEqual({ Ref: id });
    }
    const others = (Object.keys(HANDLER_GROUPS) as HandlerGroup[]).filter(
      (group) => group !== "finance" && group !== "financeExports",
    );
    for (const group of others) {
      const variables = (functionOf(group).Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
      expect("EXPORTS_BUCKET" in variables, group).toBe(false);
    }
  });
});
