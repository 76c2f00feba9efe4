import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

describe("toolchain", () => {
  it("runs the project's scripts on Node 24, whatever Node the machine has", () => {
    expect(Number(process.versions.node.split(".")[0])).toBe(24);
  });

  it("lists every environment variable the functions read in .env.example", () => {
    const config = readFileSync(new URL("../../functions/config.ts", import.meta.url), "utf8");
    const example = readFileSync(new URL("../../.env.example", import.meta.url), "utf8");
    const read = [...config.matchAll(/^\s{2,4}([A-Z][A-Z0-9_]+): z\b/gm)].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(5);
    for (const name of [...read, "PORT", "ATHAR_DATA_DIR"])
      expect(example, name).toMatch(new RegExp(`^#? ?${name}=`, "m"));
  });

  it("lists in .env.example every variable any script, site build, bench or local tool reads", () => {
    const root = new URL("../..", import.meta.url).pathname;
    const example = readFileSync(join(root, ".env.example"), "utf8");
    const sources = ["site/src", "bench", "scripts", "local", "content", "functions", "infra"].flatMap(
      (dir) =>
        readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })
          .filter((file) => /\.(ts|mjs|astro)$/.test(file))
          .map((file) => readFileSync(join(root, dir, file), "utf8")),
    );
    // Set by the operating system or by the CDK CLI, not by whoever runs Athar.
    const external = new Set(["HOME", "PATH", "CDK_DEFAULT_ACCOUNT", "CDK_DEFAULT_REGION"]);
    const read = new Set(
      sources.flatMap((text) =>
        [...text.matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1] ?? ""),
      ),
    );
    const missing = [...read].filter(
      (name) => !external.has(name) && !new RegExp(`^#? ?${name}=`, "m").test(example),
    );
    expect(read.size).toBeGreaterThan(8);
    expect(missing).toEqual([]);
  });
});
