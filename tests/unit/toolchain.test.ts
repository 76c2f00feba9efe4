import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("toolchain", () => {
  it("runs the project's scripts on Node 24, whatever Node the machine has", () => {
    expect(Number(process.versions.node.split(".")[0])).toBe(24);
  });

  it("lists every environment variable the functions read in .env.example", () => {
    const config = readFileSync(new URL("../../functions/config.ts", import.meta.url), "utf8");
    const example = readFileSync(new URL("../../.env.example", import.meta.url), "utf8");
    const read = [...config.matchAll(/^\s{4}([A-Z][A-Z0-9_]+): z\./gm)].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(5);
    for (const name of [...read, "PORT", "ATHAR_DATA_DIR"])
      expect(example, name).toMatch(new RegExp(`^#? ?${name}=`, "m"));
  });
});
