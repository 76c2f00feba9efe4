import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TOTP, URI } from "otpauth";
import { afterEach, describe, expect, it } from "vitest";
import { acceptTotpCode, openLocalAuthStore, passwordMatches } from "../../../local/auth/store.ts";
import { runStaffCreate } from "../../../scripts/staff-create.ts";
import { wrongTotpCode } from "../../support/totp.ts";

/** Where no Athar runs: a port just closed (so no test asks whatever runs on the default port). */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return String(port);
}
const closedUrl = async () => `http://localhost:${await closedPort()}`;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A running Athar as staff:create sees it: the local issuer's answer about where its staff are kept. */
async function runningStack(file: string | null): Promise<string> {
  const server = createServer((request, response) => {
    const known = request.url === "/local-auth/admin/store";
    response.writeHead(known ? 200 : 404, { "content-type": "application/json" });
    response.end(JSON.stringify(known ? { file } : { error: "not_found" }));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function capture() {
  const lines = { out: [] as string[], err: [] as string[] };
  return {
    lines,
    output: { out: (line: string) => lines.out.push(line), err: (line: string) => lines.err.push(line) },
  };
}

describe("npm run staff:create", () => {
  it("creates a user in the role with a working password and TOTP secret, kept in ATHAR_DATA_DIR", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "athar-staff-"));
    const { lines, output } = capture();
    const started = Date.now();
    const code = await runStaffCreate(
      ["--email", "Finance@Council.example", "--role", "finance", "--password", "Correct-horse-9"],
      { ATHAR_DATA_DIR: dataDir, PORT: await closedPort() },
      output,
    );
    const ended = Date.now();
    expect(code).toBe(0);
    const uri = lines.out.find((line) => line.startsWith("TOTP secret:"))?.split(/\s+/)[2] ?? "";
    const totp = URI.parse(uri) as TOTP;
    expect(totp).toBeInstanceOf(TOTP);
    // The code of the 30-second step the command ran in (it may have run across two).
    const printed = lines.out.find((line) => line.startsWith("Current code:"))?.split(/\s+/)[2];
    expect([started, ended].map((timestamp) => totp.generate({ timestamp }))).toContain(printed);

    const file = join(dataDir, "local-auth.json");
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(readFileSync(file, "utf8")).not.toContain("Correct-horse-9");
    const store = await openLocalAuthStore(file);
    const user = store.findUser("finance@council.example");
    expect(user?.groups).toEqual(["finance"]);
    expect(passwordMatches("Correct-horse-9", user?.passwordHash ?? "")).toBe(true);
    expect(passwordMatches("correct-horse-9", user?.passwordHash ?? "")).toBe(false);
    if (!user) throw new Error("the user was not saved");
    const now = Date.now();
    expect(acceptTotpCode(store, user, wrongTotpCode(totp, now), now)).toBe(false);
    expect(acceptTotpCode(store, user, "12345", now)).toBe(false);
    expect(acceptTotpCode(store, user, totp.generate({ timestamp: now }), now)).toBe(true);
    // A code is good once, and so is any earlier one (Cognito's rule too).
    const used = store.findUser(user.email) ?? user;
    expect(acceptTotpCode(store, used, totp.generate({ timestamp: now }), now)).toBe(false);
    expect(acceptTotpCode(store, used, totp.generate({ timestamp: now - 30_000 }), now)).toBe(false);
    expect(acceptTotpCode(store, used, totp.generate({ timestamp: now + 30_000 }), now + 30_000)).toBe(true);
  });

  it("generates a password that meets the policy when none is given", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "athar-staff-"));
    const { lines, output } = capture();
    expect(
      await runStaffCreate(
        ["--email", "ed@council.example", "--role", "editor"],
        { ATHAR_DATA_DIR: dataDir, PORT: await closedPort() },
        output,
      ),
    ).toBe(0);
    const password = lines.out.find((line) => line.startsWith("Password:"))?.split(/\s+/)[1] ?? "";
    const user = (await openLocalAuthStore(join(dataDir, "local-auth.json"))).findUser("ed@council.example");
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(passwordMatches(password, user?.passwordHash ?? "")).toBe(true);
  });

  it.each([
    [["--role", "finance"], "--email and --role are required"],
    [["--email", "a@council.example", "--role", "treasurer"], "unknown role treasurer"],
    [["--email", "not-an-address", "--role", "finance"], "not an e-mail address"],
    [["--email", "a@council.example", "--role", "finance", "--password", "short"], "at least 12 characters"],
    [
      ["--email", "a@council.example", "--role", "admin", "--password", "alllowercase-123"],
      "upper and lower case",
    ],
    [["--email", "a@council.example", "--role", "finance", "--colour", "red"], "Unknown option"],
  ])("exits 1 with a message on bad input %j", async (argv, message) => {
    const dataDir = mkdtempSync(join(tmpdir(), "athar-staff-"));
    const { lines, output } = capture();
    expect(await runStaffCreate(argv, { ATHAR_DATA_DIR: dataDir, PORT: await closedPort() }, output)).toBe(1);
    expect(lines.err.join("\n")).toContain(message);
  });
});

describe("where npm run staff:create saves the user", () => {
  const create = (url: string, env: NodeJS.ProcessEnv, cwd: string) => {
    const { lines, output } = capture();
    const run = runStaffCreate(
      ["--email", "where@council.example", "--role", "finance", "--url", url],
      env,
      output,
      cwd,
    );
    return run.then((code) => ({ code, ...lines }));
  };
  const savedIn = async (file: string) => (await openLocalAuthStore(file)).findUser("where@council.example");

  it("in the running stack's data when ATHAR_DATA_DIR is not set, and says so", async () => {
    const stackFile = join(mkdtempSync(join(tmpdir(), "athar-stack-")), "local-auth.json");
    const cwd = mkdtempSync(join(tmpdir(), "athar-cwd-"));
    const url = await runningStack(stackFile);
    const result = await create(url, {}, cwd);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`Found Athar running at ${url}; saving the user in its data.`);
    expect(result.out.join("\n")).toContain(`saved in ${stackFile}`);
    expect(await savedIn(stackFile)).toBeDefined();
    expect(existsSync(join(cwd, ".data"))).toBe(false);
  });

  it("in ATHAR_DATA_DIR when it is set, with a warning when the running stack reads another directory", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "athar-staff-"));
    const stackFile = join(mkdtempSync(join(tmpdir(), "athar-stack-")), "local-auth.json");
    const url = await runningStack(stackFile);
    const result = await create(url, { ATHAR_DATA_DIR: dataDir }, tmpdir());
    expect(result.code).toBe(0);
    expect(await savedIn(join(dataDir, "local-auth.json"))).toBeDefined();
    expect(result.err).toEqual([
      `Warning: The Athar running at ${url} reads its staff from ${stackFile}, not from this ATHAR_DATA_DIR: it will not see this user.`,
    ]);
    expect(existsSync(stackFile)).toBe(false);
  });

  it("in ATHAR_DATA_DIR without a warning when the running stack reads that very directory", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "athar-staff-"));
    const url = await runningStack(join(dataDir, "local-auth.json"));
    const result = await create(url, { ATHAR_DATA_DIR: dataDir }, tmpdir());
    expect(result.code).toBe(0);
    expect(result.err).toEqual([]);
  });

  it("in the default .data when no stack answers, saying that none did and where it wrote", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "athar-cwd-"));
    const url = await closedUrl();
    const result = await create(url, {}, cwd);
    expect(result.code).toBe(0);
    expect(result.out.slice(0, 2)).toEqual([
      `No Athar answered at ${url}.`,
      "Saving in the default data directory; `npm start` without ATHAR_DATA_DIR uses it.",
    ]);
    expect(result.out.join("\n")).toContain(`saved in ${join(cwd, ".data", "local-auth.json")}`);
    expect(await savedIn(join(cwd, ".data", "local-auth.json"))).toBeDefined();
  });

  it("in the default .data when the running stack keeps its staff in memory, saying why", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "athar-cwd-"));
    const url = await runningStack(null);
    const result = await create(url, {}, cwd);
    expect(result.out[0]).toBe(
      `The Athar running at ${url} keeps its staff in memory (it was started without a data directory).`,
    );
    expect(await savedIn(join(cwd, ".data", "local-auth.json"))).toBeDefined();
  });
});
