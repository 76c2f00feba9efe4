/**
 * The pipeline: the GitHub Actions workflow (tests, synthesis, staging, its smoke test, production after an
 * approval, with OIDC and no stored key), the role it assumes, and scripts/deploy/stage.sh choosing a
 * content-only deploy (run here with stand-ins for the aws, npm and npx commands that record their calls).
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CATALOG_FILE } from "../../scripts/build-catalog.ts";
import { catalogHash } from "../../scripts/deploy/plan.ts";
import {
  type CfnResource,
  COUNCIL_STAGE,
  resourcesOfType,
  standInSiteDir,
  synthesizeAthar,
} from "./synth.ts";

const WORKFLOW = readFileSync(new URL("../../.github/workflows/deploy.yml", import.meta.url), "utf8");
interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string;
  environment?: { name: string };
  permissions?: Record<string, string>;
  steps: Step[];
}
const workflow = parse(WORKFLOW) as {
  on: Record<string, unknown>;
  permissions: unknown;
  jobs: Record<string, Job>;
};

describe("the deploy workflow", () => {
  it("tests, synthesises, deploys staging, smoke-tests it, then production in its approved environment", () => {
    expect(Object.keys(workflow.on)).toEqual(["push", "workflow_dispatch"]);
    expect(workflow.on.push).toEqual({ branches: ["main"] });
    expect(Object.entries(workflow.jobs).map(([name, job]) => [name, job.needs])).toEqual([
      ["test", undefined],
      ["synth", "test"],
      ["staging", "synth"],
      ["production", "staging"],
    ]);
    expect(workflow.jobs.test?.steps.map((step) => step.run).filter(Boolean)).toEqual(["bash .ci/run"]);
    expect(workflow.jobs.synth?.steps.map((step) => step.run).filter(Boolean)).toEqual([
      "npm ci --no-audit --no-fund",
      "npm run build",
      "npx cdk synth --quiet -c stage=staging",
      "npx cdk synth --quiet -c stage=production",
    ]);
    for (const stage of ["staging", "production"]) {
      const job = workflow.jobs[stage] as Job;
      expect(job.environment?.name).toBe(stage);
      const runs = job.steps.map((step) => step.run ?? "");
      const deploy = runs.findIndex((run) => run.startsWith(`bash scripts/deploy/stage.sh ${stage}`));
      const smoke = runs.findIndex((run) => run.startsWith("npm run smoke --"));
      expect(deploy, stage).toBeGreaterThan(-1);
      expect(smoke, stage).toBeGreaterThan(deploy);
    }
  });

  it("reaches AWS only with GitHub's OIDC token and the environment's role, never a stored key", () => {
    expect(workflow.permissions).toEqual({ contents: "read" });
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const credentials = job.steps.filter((step) =>
        step.uses?.startsWith("aws-actions/configure-aws-credentials"),
      );
      if (name === "staging" || name === "production") {
        expect(job.permissions).toEqual({ contents: "read", "id-token": "write" });
        expect(credentials).toHaveLength(1);
        expect(Object.keys(credentials[0]?.with ?? {}).sort()).toEqual(["aws-region", "role-to-assume"]);
        expect(credentials[0]?.with?.["role-to-assume"]).toBe(`\${{ vars.AWS_DEPLOY_ROLE_ARN }}`);
      } else {
        expect(job.permissions, name).toBeUndefined();
        expect(credentials, name).toEqual([]);
      }
    }
    expect(WORKFLOW).not.toMatch(/secrets\.|aws-access-key-id|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY/);
  });
});

describe("the role the workflow assumes", () => {
  let synthesized: ReturnType<typeof synthesizeAthar>;
  beforeAll(() => {
    synthesized = synthesizeAthar({ siteDir: standInSiteDir(), bundle: false, stage: COUNCIL_STAGE });
  });

  it("trusts only this repository's jobs in the stage's GitHub environment, through GitHub's OIDC provider", () => {
    const roles = resourcesOfType(synthesized.template, "AWS::IAM::Role").filter(
      ([, role]) => role.Properties.RoleName === "athar-production-deploy",
    );
    expect(roles).toHaveLength(1);
    const [roleId, role] = roles[0] as [string, CfnResource];
    const trust = (role.Properties.AssumeRolePolicyDocument as { Statement: unknown[] }).Statement;
    expect(trust).toEqual([
      {
        Action: "sts:AssumeRoleWithWebIdentity",
        Effect: "Allow",
        Condition: {
          StringEquals: {
            "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
            "token.actions.githubusercontent.com:sub": "repo:madinah-charities/athar:environment:production",
          },
        },
        Principal: {
          Federated: {
            "Fn::Join": [
              "",
              [
                "arn:",
                { Ref: "AWS::Partition" },
                ":iam::",
                { Ref: "AWS::AccountId" },
                ":oidc-provider/token.actions.githubusercontent.com",
              ],
            ],
          },
        },
      },
    ]);
    const statements = resourcesOfType(synthesized.template, "AWS::IAM::Policy")
      .filter(([, policy]) => JSON.stringify(policy.Properties.Roles).includes(roleId))
      .flatMap(
        ([, policy]) => (policy.Properties.PolicyDocument as { Statement: { Action: unknown }[] }).Statement,
      );
    expect(statements.map((statement) => statement.Action)).toEqual([
      "sts:AssumeRole",
      "cloudformation:DescribeStacks",
      [
        "s3:GetObject*",
        "s3:GetBucket*",
        "s3:List*",
        "s3:DeleteObject*",
        "s3:PutObject",
        "s3:PutObjectLegalHold",
        "s3:PutObjectRetention",
        "s3:PutObjectTagging",
        "s3:PutObjectVersionTagging",
        "s3:Abort*",
      ],
      "s3:DeleteObject*",
      "cloudfront:CreateInvalidation",
    ]);
    expect(Object.keys(synthesized.template.findOutputs("DeployRoleArn"))).toEqual(["DeployRoleArn"]);
  });

  it("is not made for a stage without a repository", () => {
    const dev = synthesizeAthar({ siteDir: standInSiteDir(), bundle: false });
    expect(Object.keys(dev.template.findOutputs("DeployRoleArn"))).toEqual([]);
  });
});

describe("scripts/deploy/stage.sh", () => {
  /** Runs the script with stand-ins; returns every call they recorded and the last line it printed. */
  function deploy(options: { deployedCommit?: string; deployedCatalog?: string; force?: string }) {
    const bin = mkdtempSync(join(tmpdir(), "athar-deploy-bin-"));
    const log = join(bin, "calls.log");
    const recorder = (answer: string) =>
      `#!/usr/bin/env bash\necho "$(basename "$0") $*" >> "${log}"\n${answer}\n`;
    const aws = recorder(`case "$*" in
  *"OutputKey=='SiteBucketName'"*) echo athar-production-sitebucket-abc ;;
  *"OutputKey=='DistributionId'"*) echo E2EXAMPLE ;;
  *"OutputKey=='CatalogHash'"*) echo "\${FAKE_CATALOG:-None}" ;;
  *"s3 cp s3://"*) [ -n "\${FAKE_COMMIT:-}" ] && echo "{\\"commit\\":\\"\${FAKE_COMMIT}\\"}" || exit 1 ;;
  *"s3 cp - "*) echo "uploaded $(cat)" >> "${log}" ;;
esac`);
    for (const [name, body] of [
      ["aws", aws],
      ["npm", recorder("")],
      ["npx", recorder("")],
    ] as const) {
      writeFileSync(join(bin, name), body);
      chmodSync(join(bin, name), 0o755);
    }
    const output = execFileSync("bash", ["scripts/deploy/stage.sh", "production", options.force ?? ""], {
      encoding: "utf8",
      env: {
        ...process.env,
        PATH: `${bin}:${process.env.PATH}`,
        FAKE_COMMIT: options.deployedCommit ?? "",
        FAKE_CATALOG: options.deployedCatalog ?? "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    return { calls: readFileSync(log, "utf8").trim().split("\n"), said: output.trim().split("\n").at(-1) };
  }
  const head = execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" }).trim();
  const builtCatalog = () => catalogHash(readFileSync(CATALOG_FILE, "utf8"));

  it("syncs only the site and invalidates CloudFront when nothing the functions run changed", () => {
    const { calls, said } = deploy({ deployedCommit: head, deployedCatalog: builtCatalog() });
    expect(calls.filter((call) => !call.startsWith("aws cloudformation describe-stacks"))).toEqual([
      "aws s3 cp s3://athar-production-sitebucket-abc/_athar/deployed.json -",
      "npm run build",
      "aws s3 sync site/dist s3://athar-production-sitebucket-abc --delete --exclude _athar/* --region me-central-1",
      "aws cloudfront create-invalidation --distribution-id E2EXAMPLE --paths /*",
      "aws s3 cp - s3://athar-production-sitebucket-abc/_athar/deployed.json --content-type application/json --region me-central-1",
      `uploaded {"commit":"${head}","kind":"site"}`,
    ]);
    expect(said).toBe(`deployed production (site) at ${head.slice(0, 7)}`);
  });

  it("deploys the stacks when the catalog differs, nothing is recorded yet, or a full deploy is asked for", () => {
    for (const options of [
      { deployedCommit: head, deployedCatalog: "0".repeat(64) },
      { deployedCatalog: builtCatalog() },
      { deployedCommit: "f".repeat(40), deployedCatalog: builtCatalog() },
      { deployedCommit: head, deployedCatalog: builtCatalog(), force: "full" },
    ]) {
      const { calls } = deploy(options);
      expect(calls, JSON.stringify(options)).toContain(
        "npx cdk deploy --all -c stage=production --require-approval never",
      );
      expect(calls.some((call) => call.startsWith("aws s3 sync"))).toBe(false);
      expect(calls.at(-1)).toBe(`uploaded {"commit":"${head}","kind":"full"}`);
    }
  });
});
