import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONTENT_DIR, ContentError, loadInitiatives } from "../../content/load.ts";

function contentCopy(edit: (yaml: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "athar-content-"));
  cpSync(join(CONTENT_DIR, "initiatives"), join(dir, "initiatives"), { recursive: true });
  const file = join(dir, "initiatives", "orphans-and-productive-families", "initiative.yaml");
  writeFileSync(file, edit(readFileSync(file, "utf8")));
  return dir;
}

describe("content", () => {
  it("loads the initiatives with their bilingual texts", () => {
    const [first] = loadInitiatives();
    expect(first?.id).toBe("orphans-and-productive-families");
    expect(first?.title.ar).toMatch(/[\u0600-\u06FF]/);
    expect(first?.funding).toMatchObject({ model: "open" });
  });

  it.each([
    ["a missing English alt text", (y: string) => y.replace(/\n {4}en: A mother.*\n/, "\n"), "cover.alt.en"],
    [
      "a unit price that is not a whole minor amount",
      (y: string) => y.replace("goal: 75000000", "goal: 750.5"),
      "funding.goal",
    ],
    ["an unknown currency", (y: string) => y.replace("currency: SAR", "currency: XYZ"), "currency"],
  ])("fails on %s, naming the file and the field", (_name, edit, field) => {
    const dir = contentCopy(edit);
    expect(() => loadInitiatives(dir)).toThrow(ContentError);
    try {
      loadInitiatives(dir);
    } catch (error) {
      expect((error as Error).message).toContain("orphans-and-productive-families/initiative.yaml");
      expect((error as Error).message).toContain(`${field}:`);
    }
  });
});
