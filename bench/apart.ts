/**
 * What the bench's measurements against the local stack share. Handlers read their configuration once, at
 * import, so each measurement runs in a Node process of its own (measuredApart), on a fresh table in its
 * own DynamoDB Local (withBenchStack), in local payment mode.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { startDynamoDbLocal } from "../local/dynamodb-local.ts";
import { type LocalStack, startLocalStack } from "../local/stack.ts";

/** A count given on the command line: a non-negative integer (0 skips the measurement). */
export function parseCount(text: string, option: string, what: string): number {
  const count = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(count))
    throw new Error(`${option} must be a whole number of ${what} (0 skips), got "${text}"`);
  return count;
}

/** The environment the handlers read at their cold start in this process, as the integration tests set it. */
function settleEnvironment(endpoint: string, outboxDir: string, overrides: Record<string, string>): void {
  Object.assign(process.env, {
    ATHAR_ENV: "local",
    DYNAMODB_ENDPOINT: endpoint,
    TABLE_NAME: `athar-bench-${randomUUID().slice(0, 8)}`,
    OUTBOX_DIR: outboxDir,
    LOG_LEVEL: "WARN",
    ...overrides,
  });
  // Local payment mode, signed with the local secret, no bot check, URLs of this stack.
  for (const name of [
    "PUBLIC_BASE_URL",
    "STRIPE_SECRET_ARN",
    "STRIPE_SECRET_KEY",
    "STRIPE_WEBHOOK_SECRET",
    "STRIPE_API_BASE",
    "PUBLIC_TURNSTILE_SITE_KEY",
    "TURNSTILE_SECRET_KEY",
  ])
    delete process.env[name];
}

export interface BenchStack {
  url: string;
  stack: LocalStack;
  /** Where the outbox mailer writes the receipts' e-mails. */
  outboxDir: string;
}

/**
 * Runs `use` against the local stack on a fresh table of a DynamoDB Local of its own, with `environment`
 * over the defaults, and tears everything down after it, whatever happened.
 */
export async function withBenchStack<T>(
  environment: Record<string, string>,
  use: (bench: BenchStack) => Promise<T>,
): Promise<T> {
  const dynamo = await startDynamoDbLocal();
  const outboxDir = mkdtempSync(join(tmpdir(), "athar-bench-outbox-"));
  let stack: LocalStack | undefined;
  try {
    settleEnvironment(dynamo.endpoint, outboxDir, environment);
    stack = await startLocalStack({ port: 0 });
    return await use({ url: stack.url, stack, outboxDir });
  } finally {
    await stack?.stop();
    await dynamo.stop();
    rmSync(outboxDir, { recursive: true, force: true });
  }
}

/** A measurement's options: how many (events, attempts) per phase under `name`, and how many in flight. */
export type ApartOptions<Name extends string> = Record<Name | "concurrency", number>;

function spawnApart<T>(file: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(JSON.parse(stdout) as T);
      else reject(new Error(`bench/${basename(file)} exited with ${code}`));
    });
  });
}

/** The spawned side: reads the options (defaults where absent), measures, prints the figures and exits. */
async function answerApart<Name extends string, T>(
  name: Name,
  defaults: ApartOptions<Name>,
  measure: (options: ApartOptions<Name>, log: (line: string) => void) => Promise<T>,
): Promise<void> {
  const { values } = parseArgs({
    options: { [name]: { type: "string" }, concurrency: { type: "string" } },
    strict: true,
  });
  const optionOf = (key: Name | "concurrency", what: string) =>
    parseCount(String(values[key] ?? defaults[key]), `--${key}`, what);
  const options = {
    [name]: optionOf(name, name),
    concurrency: optionOf("concurrency", "requests in flight"),
  };
  const figures = await measure(options as ApartOptions<Name>, (line) => console.error(line));
  // Clients of the stopped stack may keep sockets open; the figures are all this process owes.
  process.stdout.write(JSON.stringify(figures), () => process.exit(0));
}

/**
 * `measure` in a fresh Node process, so the caller's handlers and environment stay as they are. Called at
 * the end of the measuring file with its import.meta: it returns the function that runs that file as
 * `node file --<name> N --concurrency C`; and when the file is the process's main module, it is that run.
 */
export function measuredApart<Name extends string, T>(
  meta: ImportMeta,
  name: Name,
  defaults: ApartOptions<Name>,
  measure: (options: ApartOptions<Name>, log: (line: string) => void) => Promise<T>,
): (options: ApartOptions<Name>) => Promise<T> {
  if (meta.main)
    answerApart(name, defaults, measure).catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  return (options) =>
    spawnApart(meta.filename, [
      `--${name}`,
      String(options[name]),
      "--concurrency",
      String(options.concurrency),
    ]);
}
