import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../../../", import.meta.url).pathname;
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

/** The user guides (docs/guide/), each written in Arabic and in English with the same sections. */
const GUIDES = ["finance", "donors"] as const;

/** Markdown without its fenced code blocks and inline code, where `#` and `[x](y)` are not markup. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/`[^`\n]*`/g, "");
}

/** How many headings of each level (`##`, `###`) the document has. */
function headingCounts(markdown: string): { h2: number; h3: number } {
  const text = prose(markdown);
  return { h2: text.match(/^## \S/gm)?.length ?? 0, h3: text.match(/^### \S/gm)?.length ?? 0 };
}

/**
 * تبنّي is for a donor taking on a whole initiative only; orphans and families are sponsored (كفالة).
 * These are the only phrases the Arabic guides may use it in.
 */
const ALLOWED_TABANNI = ["تبنّي مبادرة كاملة", "تبني مبادرة كاملة"];
/** Arabic diacritics (tanwin to sukun, superscript alef) and the tatweel, which do not change a word. */
const bare = (text: string) => text.replace(/[\u064B-\u0652\u0670\u0640]/g, "");

/**
 * Words built on تبنّى (تبني، تبنّي، يتبنى، التبنّي، تبنّاها، متبنٍّ…) outside the allowed phrases: تبن with
 * only prefixes before it (ال، و، ف، ب، ل، س and the present tense's أ ت ن ي, م), so كتبنا or رتبنا pass.
 */
function forbiddenTabanni(arabic: string): string[] {
  let text = bare(arabic);
  for (const phrase of ALLOWED_TABANNI) text = text.replaceAll(bare(phrase), " ");
  const words = text.match(/[\u0621-\u064A]*تبن[\u0621-\u064A]*/g) ?? [];
  return words.filter((word) => /^[الوفبلسأتنيم]*تبن/.test(word));
}

/** Relative link targets of a markdown document: inline `[text](target)` and reference `[id]: target`. */
function relativeLinks(markdown: string): string[] {
  const text = prose(markdown);
  const targets = [
    ...[...text.matchAll(/\]\(\s*(?:<([^>\n]+)>|([^)\s]+))(?:\s+["'(][^)]*)?\)/g)].map(
      (match) => match[1] ?? match[2] ?? "",
    ),
    ...[...text.matchAll(/^ {0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((match) => match[1] ?? ""),
  ];
  return targets.filter((target) => target !== "" && !/^([a-z][a-z\d+.-]*:|#)/i.test(target));
}

/** Where a link leads in the repository: anchors and queries dropped, `/…` from the root as GitHub reads it. */
function linkedPath(file: string, target: string): string {
  const path = decodeURIComponent(target.replace(/[#?].*$/, ""));
  return path.startsWith("/") ? join(ROOT, path) : resolve(ROOT, dirname(file), path);
}

/** Every markdown file under docs/, and the repository's README and CONTRIBUTING. */
function documents(): string[] {
  const docs = readdirSync(join(ROOT, "docs"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".md"))
    .map((file) => join("docs", file));
  return ["README.md", "CONTRIBUTING.md", ...docs].sort();
}

describe("the checks themselves", () => {
  it("count headings outside code", () => {
    expect(headingCounts("# T\n## A\n### a\n```sh\n## not\n```\n## B\n#### d\n")).toEqual({ h2: 2, h3: 1 });
  });

  it("find تبنّي in any spelling, except in the allowed phrase", () => {
    expect(forbiddenTabanni("تَبَنّي الأيتام، يتبنى، التبنّي، تبنّاها، تبنٍّ")).toEqual([
      "تبني",
      "يتبنى",
      "التبني",
      "تبناها",
      "تبن",
    ]);
    expect(forbiddenTabanni("### تبنّي مبادرة كاملة\nكفالة يتيم، والكفيل يكفل أسرة، كما كتبنا")).toEqual([]);
  });

  it("list relative links, not web addresses, anchors or code", () => {
    expect(
      relativeLinks(
        '[a](b.md#x) [c](https://x.org) [d](#top) `[e](f.md)` [g](../h.md "title") [i](<j k.md>)\n[r]: ref.md\n',
      ),
    ).toEqual(["b.md#x", "../h.md", "j k.md", "ref.md"]);
    expect(linkedPath("docs/a.md", "guide/en/finance.md#top")).toBe(join(ROOT, "docs/guide/en/finance.md"));
    expect(linkedPath("docs/a.md", "/README.md")).toBe(join(ROOT, "README.md"));
  });
});

describe("user guides", () => {
  for (const guide of GUIDES) {
    const arabic = `docs/guide/ar/${guide}.md`;
    const english = `docs/guide/en/${guide}.md`;

    it(`${guide}: Arabic and English have the same sections (## and ###)`, () => {
      const ar = headingCounts(read(arabic));
      expect(ar.h2).toBeGreaterThan(0);
      expect(ar).toEqual(headingCounts(read(english)));
    });

    it(`${guide}: the Arabic says كفالة, and تبنّي only for a whole initiative`, () => {
      expect(forbiddenTabanni(read(arabic))).toEqual([]);
    });
  }

  it("the index links all four guides", () => {
    const links = relativeLinks(read("docs/guide/README.md"));
    for (const guide of GUIDES)
      expect(links).toEqual(expect.arrayContaining([`ar/${guide}.md`, `en/${guide}.md`]));
  });
});

describe("documentation links", () => {
  it("every relative link in README.md, CONTRIBUTING.md and docs/ leads to a file that exists", () => {
    const broken = documents().flatMap((file) =>
      relativeLinks(read(file))
        .filter((target) => !existsSync(linkedPath(file, target)))
        .map((target) => `${file}: ${target} (${relative(ROOT, linkedPath(file, target))})`),
    );
    expect(broken).toEqual([]);
  });
});
