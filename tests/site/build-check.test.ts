/**
 * The build's last step (scripts/check-build.ts) fails a build that lacks what the site needs: tried on
 * the real build, then on copies of it with one thing broken at a time.
 */
import { cpSync, mkdtempSync, rmSync, truncateSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildProblems, CATALOG_PATH, DIST_DIR, pathsNamedBy } from "../../scripts/check-build.ts";

let copies: string[] = [];
afterEach(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  copies = [];
});

/** A copy of the build (site and catalog) to break. */
function copyOfBuild() {
  const dir = mkdtempSync(join(tmpdir(), "athar-build-"));
  copies.push(dir);
  const dist = join(dir, "dist");
  const catalog = join(dir, "catalog.json");
  cpSync(DIST_DIR, dist, { recursive: true });
  cpSync(CATALOG_PATH, catalog);
  return { dist, catalog };
}

describe("the build check", () => {
  it("finds nothing wrong with the real build", () => {
    expect(buildProblems()).toEqual([]);
  });

  it("fails an empty search entry file, the fault that once left every search spinning", () => {
    const { dist, catalog } = copyOfBuild();
    truncateSync(join(dist, "pagefind", "pagefind-entry.json"));
    const problems = buildProblems(dist, catalog);
    expect(problems).toContain("pagefind/pagefind-entry.json is empty");
    expect(problems.join("\n")).toMatch(/pagefind-entry\.json is not readable JSON/);
  });

  it("fails a language's search index that is not there", () => {
    const { dist, catalog } = copyOfBuild();
    const entryFile = join(dist, "pagefind", "pagefind-entry.json");
    writeFileSync(
      entryFile,
      JSON.stringify({ version: "1", languages: { ar: { hash: "ar_gone", wasm: "ar", page_count: 3 } } }),
    );
    expect(buildProblems(dist, catalog)).toEqual([
      "pagefind/pagefind.ar_gone.pf_meta (the ar index) is missing",
      "the search index has no en pages",
    ]);
  });

  it("fails a missing page, and a missing asset a page names", () => {
    const { dist, catalog } = copyOfBuild();
    unlinkSync(join(dist, "en", "stories", "index.html"));
    const problems = buildProblems(dist, catalog);
    expect(problems).toContain("the page /en/stories/ was not built");
    expect(problems).toContain("en/index.html names /en/stories/, which is not in the build");
  });

  it("fails a catalog the functions cannot read", () => {
    const { dist, catalog } = copyOfBuild();
    writeFileSync(catalog, "");
    expect(buildProblems(dist, catalog)).toEqual([
      expect.stringMatching(/^functions\/generated\/catalog\.json is not readable JSON/),
    ]);
  });

  it("reads the paths a page names in href, src and srcset, and leaves out the API and other sites", () => {
    const html = `<a href="/ar/initiatives/?q=x#top">x</a><img src="/_astro/a.jpg" srcset="/_astro/a-400.avif 400w, /_astro/a-800.avif 800w">
<a href="/api/me/statement/pdf">pdf</a><a href="https://example.org/x">o</a><link href="//cdn.example/x.css"><a href="#main">m</a>`;
    expect(pathsNamedBy(html)).toEqual([
      "/ar/initiatives/",
      "/_astro/a.jpg",
      "/_astro/a-400.avif",
      "/_astro/a-800.avif",
    ]);
  });
});
