import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const REPO_ROOT = new URL("../..", import.meta.url).pathname;

describe("npx cdk synth", () => {
  it("runs offline with the project's CLI and writes the dev stage's three templates", () => {
    const outdir = mkdtempSync(join(tmpdir(), "athar-cli-"));
    // The CLI must read the cloud assembly schema aws-cdk-lib writes; a stale CLI fails here, not at deploy.
    const result = spawnSync(join(REPO_ROOT, "node_modules/.bin/cdk"), ["synth", "--quiet", "-o", outdir], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      env: { ...process.env, CDK_DISABLE_VERSION_CHECK: "1" },
    });
    expect(result.status, result.stderr).toBe(0);
    const template = (name: string) =>
      JSON.parse(readFileSync(join(outdir, `${name}.template.json`), "utf8"));
    expect(Object.keys(template("Athar-dev").Resources).length).toBeGreaterThan(20);
    expect(JSON.stringify(template("Athar-dev-Certificate").Resources)).toContain(
      "AWS::CertificateManager::Certificate",
    );
    expect(JSON.stringify(template("Athar-dev-EdgeLogs").Resources)).toContain("AWS::Logs::Delivery");
  });
});
