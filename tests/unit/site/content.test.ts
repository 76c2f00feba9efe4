import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONTENT_DIR, ContentError, loadContent } from "../../../content/load.ts";

const INITIATIVE = "initiatives/orphans-and-productive-families/initiative.yaml";

/** A copy of content/ with one story of our own, edited by the test. */
function corpus(edits: Record<string, (text: string) => string | undefined> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "athar-content-"));
  cpSync(CONTENT_DIR, dir, { recursive: true, filter: (source) => !source.endsWith(".ts") });
  rmSync(join(dir, "stories"), { recursive: true, force: true });
  mkdirSync(join(dir, "stories", "first-kitchen"), { recursive: true });
  writeFileSync(
    join(dir, "stories", "first-kitchen", "story.yaml"),
    `initiative: orphans-and-productive-families
publishDate: "2026-10-15"
title: { ar: أول مطبخ منزلي, en: The first home kitchen }
summary: { ar: بدأت اثنتا عشرة أسرة مشاريعها., en: Twelve families started their businesses. }
images:
  - src: /images/initiatives/orphans-and-productive-families.svg
    alt: { ar: طاولة معجنات في سوق الحي, en: A pastry table at a neighbourhood market }
metrics:
  - { metric: families-started-business, value: 12 }
people: { identifiable: false }
`,
  );
  writeFileSync(join(dir, "stories", "first-kitchen", "ar.md"), "بدأت الأسر العمل.\n");
  writeFileSync(join(dir, "stories", "first-kitchen", "en.md"), "The families started work.\n");
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, file);
    const edited = edit(readFileSync(path, "utf8"));
    if (edited === undefined) rmSync(path);
    else writeFileSync(path, edited);
  }
  return dir;
}

function problemsOf(dir: string): string {
  try {
    loadContent(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as Error).message;
  }
  throw new Error("expected the content to be refused");
}

const STORY = "stories/first-kitchen/story.yaml";

describe("content", () => {
  it("loads the council, charities, initiatives and stories with their bodies", () => {
    const content = loadContent(corpus());
    expect(content.council.name.ar).toMatch(/[\u0600-\u06FF]/);
    expect(content.charities.map((charity) => charity.id)).toContain("al-birr-madinah");
    const initiative = content.initiatives.find((i) => i.id === "orphans-and-productive-families");
    expect(initiative?.metrics.map((metric) => metric.id)).toContain("orphan-months");
    expect(content.stories).toHaveLength(1);
    expect(content.bodies.get("stories/first-kitchen/en")).toContain("The families");
    expect(content.bodies.get("initiatives/orphans-and-productive-families/ar")).toMatch(/[\u0600-\u06FF]/);
  });

  it("accepts the repository's own content", () => {
    expect(() => loadContent()).not.toThrow();
  });

  it.each([
    [
      "a missing English alt text",
      INITIATIVE,
      (y: string) => y.replace(/\n {4}en: A mother.*\n/, "\n"),
      "cover.alt.en",
    ],
    [
      "a story image without alt text in one of its languages",
      STORY,
      (y: string) => y.replace(", en: A pastry table at a neighbourhood market", ""),
      "images.0.alt.en",
    ],
    [
      "a story about an unknown initiative",
      STORY,
      (y: string) =>
        y.replace("initiative: orphans-and-productive-families", "initiative: no-such-initiative"),
      "initiative",
    ],
    [
      "an identifiable person without consent",
      STORY,
      (y: string) => y.replace("identifiable: false", "identifiable: true"),
      "people.consent",
    ],
    [
      "a unit price that is not a whole minor amount",
      INITIATIVE,
      (y: string) =>
        y.replace(
          /funding:\n {2}model: open\n {2}goal: 75000000/,
          "funding:\n  model: units\n  unitPrice: 300.5\n  unitsTotal: 10\n  interval: month",
        ),
      "funding.unitPrice",
    ],
    [
      "a unit price that is not positive",
      INITIATIVE,
      (y: string) =>
        y.replace(
          /funding:\n {2}model: open\n {2}goal: 75000000/,
          "funding:\n  model: units\n  unitPrice: 0\n  unitsTotal: 10\n  interval: once",
        ),
      "funding.unitPrice",
    ],
    [
      "an unknown currency",
      INITIATIVE,
      (y: string) => y.replace("currency: SAR", "currency: XYZ"),
      "currency",
    ],
    [
      "an unknown implementing charity",
      INITIATIVE,
      (y: string) => y.replace("  - al-birr-madinah", "  - no-such-charity"),
      "charities.0",
    ],
    [
      "a metric the initiative does not have",
      STORY,
      (y: string) => y.replace("metric: families-started-business", "metric: wells-dug"),
      "metrics.0.metric",
    ],
    [
      "a missing cover image",
      INITIATIVE,
      (y: string) => y.replace("orphans-and-productive-families.svg", "missing.svg"),
      "cover.src",
    ],
  ])("fails on %s, naming the file and the field", (_name, file, edit, field) => {
    const message = problemsOf(corpus({ [file]: edit }));
    expect(message).toContain(`${file} is invalid:`);
    expect(message).toContain(`- ${field}:`);
  });

  it("requires a body for every language a story is titled in, and a title for every body", () => {
    const missingBody = problemsOf(corpus({ "stories/first-kitchen/en.md": () => undefined }));
    expect(missingBody).toContain("- title.en: en.md is missing");
    const arabicOnly = corpus({
      [STORY]: (y) =>
        y
          .replace(", en: The first home kitchen", "")
          .replace(", en: Twelve families started their businesses.", "")
          .replace(", en: A pastry table at a neighbourhood market", ""),
      "stories/first-kitchen/en.md": () => undefined,
    });
    expect(loadContent(arabicOnly).stories[0]?.title).toEqual({ ar: "أول مطبخ منزلي" });
  });

  it("reports every problem of the corpus at once", () => {
    const message = problemsOf(
      corpus({
        [STORY]: (y) => y.replace("identifiable: false", "identifiable: true"),
        [INITIATIVE]: (y) => y.replace("currency: SAR", "currency: XYZ"),
      }),
    );
    expect(message).toContain("people.consent");
    expect(message).toContain("currency");
  });
});
