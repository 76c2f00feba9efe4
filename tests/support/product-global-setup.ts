/**
 * Runs the product the way `npm start` does (scripts/start.ts in its own Node process) on a free port,
 * against the run's DynamoDB Local, for the end-to-end tests. The product, the test files and their
 * Chromium pages share one clock that starts at TEST_CLOCK_START (tests/support/test-clock.ts).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { freePort } from "../../local/dynamodb-local.ts";
import { CLOCK_OFFSET_ENV, realDate, TEST_CLOCK_START } from "./test-clock.ts";

const REPO_ROOT = new URL("../..", import.meta.url).pathname;

export default async function setup(project: TestProject) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "athar-e2e-"));
  const clockOffsetMs = new (realDate())(TEST_CLOCK_START).getTime() - realDate().now();
  const preload = join(REPO_ROOT, "tests", "support", "test-clock-preload.ts");
  const child: ChildProcess = spawn(process.execPath, ["--import", preload, "scripts/start.ts"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      [CLOCK_OFFSET_ENV]: String(clockOffsetMs),
      PORT: String(port),
      ATHAR_DATA_DIR: dataDir,
      DYNAMODB_ENDPOINT: process.env.ATHAR_TEST_DYNAMODB_ENDPOINT,
      TABLE_NAME: "athar-e2e",
      LOG_LEVEL: "WARN",
      // The browser tests donate many times from one address with one e-mail.
      CHECKOUT_LIMIT_PER_IP: "1000",
      CHECKOUT_LIMIT_PER_EMAIL: "1000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the product exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`the product did not answer /api/health:\n${output}`);
    const healthy = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  project.provide("productUrl", url);
  project.provide("clockOffsetMs", clockOffsetMs);
  project.provide("outboxDir", join(dataDir, "outbox"));
  project.provide("productDataDir", dataDir);
  return async () => {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    rmSync(dataDir, { recursive: true, force: true });
  };
}
