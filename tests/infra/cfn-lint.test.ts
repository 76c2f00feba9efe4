/**
 * AWS's CloudFormation linter (cfn-lint, a Python tool: `pipx install cfn-lint`; `.ci/run` checks it is
 * there) on every synthesised template: what CloudFormation itself would refuse or warn of, for the
 * region the stack deploys to. It is never skipped: a machine without it fails here, saying how to get it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COUNCIL_STAGE, standInSiteDir, synthesizeAthar } from "./synth.ts";

/**
 * Rules left out, each for a reason: W3005 reports the DependsOn that aws-cdk-lib writes beside a GetAtt
 * on every function's role (redundant, and harmless; not ours to change).
 */
const IGNORED_RULES = ["W3005"];

interface LintMatch {
  Rule: { Id: string };
  Message: string;
  Location: { Path: (string | number)[] };
}

function lint(template: unknown, region: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), "athar-cfn-lint-"));
  const file = join(dir, "template.json");
  writeFileSync(file, JSON.stringify(template));
  const run = spawnSync(
    "cfn-lint",
    ["--format", "json", "--regions", region, "--ignore-checks", ...IGNORED_RULES, "--", file],
    { encoding: "utf8", maxBuffer: 32 * 1024 * 1024 },
  );
  if (run.error) {
    throw new Error(
      `cfn-lint did not run (${run.error.message}): install it with \`pipx install cfn-lint\` or \`pip install cfn-lint\``,
    );
  }
  const matches = JSON.parse(run.stdout || "[]") as LintMatch[];
  return matches.map((match) => `${match.Rule.Id} at ${match.Location.Path.join("/")}: ${match.Message}`);
}

describe("cfn-lint", () => {
  it("finds nothing in a deployable stage's three templates, each for its region", () => {
    const synthesized = synthesizeAthar({ siteDir: standInSiteDir(), bundle: false, stage: COUNCIL_STAGE });
    expect(lint(synthesized.template.toJSON(), "me-central-1")).toEqual([]);
    expect(lint(synthesized.certificateTemplate.toJSON(), "us-east-1")).toEqual([]);
    expect(lint(synthesized.logsTemplate.toJSON(), "us-east-1")).toEqual([]);
  }, 180_000);

  it("finds a property CloudFormation does not know (it is really linting)", () => {
    const broken = {
      AWSTemplateFormatVersion: "2010-09-09",
      Resources: { Table: { Type: "AWS::DynamoDB::Table", Properties: { BillingMod: "PAY_PER_REQUEST" } } },
    };
    expect(lint(broken, "me-central-1").join("\n")).toMatch(/E3002.*BillingMod/);
  }, 60_000);
});
