import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TOTP, URI } from "otpauth";
import { describe, expect, it } from "vitest";
import { acceptTotpCode, openLocalAuthStore, passwordMatches } from "../../local/auth/store.ts";
import { runStaffCreate } from "../../scripts/staff-create.ts";

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
    const code = await runStaffCreate(
      ["--email", "Finance@Council.example", "--role", "finance", "--password", "Correct-horse-9"],
      { ATHAR_DATA_DIR: dataDir },
      output,
    );
    expect(code).toBe(0);
    const uri = lines.out.find((line) => line.startsWith("TOTP secret:"))?.split(/\s+/)[2] ?? "";
    const totp = URI.parse(uri) as TOTP;
    expect(totp).toBeInstanceOf(TOTP);
    expect(lines.out.join("\n")).toContain(`Current code:  ${totp.generate()}`);

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
    const wrong = String((Number(totp.generate({ timestamp: now })) + 1) % 1_000_000).padStart(6, "0");
    expect(acceptTotpCode(store, user, wrong, now)).toBe(false);
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
        { ATHAR_DATA_DIR: dataDir },
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
    expect(await runStaffCreate(argv, { ATHAR_DATA_DIR: dataDir }, output)).toBe(1);
    expect(lines.err.join("\n")).toContain(message);
  });
});
