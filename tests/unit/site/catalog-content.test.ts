import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CATALOG_FILE } from "../../../scripts/build-catalog.ts";

describe("the functions' catalog", () => {
  it("holds the council and its initiatives, and no story: publishing one changes nothing the functions run", () => {
    // As `npm test` (and test:unit) built it before the tests: read, never rewritten under other tests.
    const catalog = JSON.parse(readFileSync(CATALOG_FILE, "utf8")) as Record<string, unknown>;
    expect(Object.keys(catalog).sort()).toEqual(["council", "initiatives"]);
    expect(readFileSync(CATALOG_FILE, "utf8")).not.toContain("/stories/");
  });
});
