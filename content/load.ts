import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";
import type { z } from "zod";
import { LOCALE_CODES } from "./locales.ts";
import { type Initiative, initiativeSchema } from "./schema.ts";
import { type Charity, type Council, charitySchema, councilSchema } from "./schema-org.ts";
import { type Story, storySchema } from "./schema-story.ts";

/** content/, or ATHAR_CONTENT_DIR (the bench builds a generated corpus of thousands of entries with it). */
export const CONTENT_DIR = process.env.ATHAR_CONTENT_DIR ?? new URL(".", import.meta.url).pathname;
/**
 * Content refers to images as /images/...: vector images are served as they are from site/public, photos
 * live in site/src/assets (same path below it) so the build can make AVIF and WebP sizes of them.
 */
const PUBLIC_DIR = new URL("../site/public/", import.meta.url).pathname;
const ASSETS_DIR = new URL("../site/src/assets/", import.meta.url).pathname;

export interface ContentIssue {
  path: PropertyKey[];
  message: string;
}

/** Content that fails its schema or refers to something missing; the message names each file and field. */
export class ContentError extends Error {
  readonly problems: { file: string; issues: ContentIssue[] }[];

  constructor(problems: { file: string; issues: ContentIssue[] }[]) {
    const lines = problems.flatMap(({ file, issues }) => [
      `${file} is invalid:`,
      ...issues.map((issue) => `  - ${issue.path.join(".") || "(root)"}: ${issue.message}`),
    ]);
    super(lines.join("\n"));
    this.name = "ContentError";
    this.problems = problems;
  }
}

export interface LoadedContent {
  council: Council;
  charities: Charity[];
  initiatives: Initiative[];
  stories: Story[];
  /** Markdown bodies by `initiatives/<id>/<locale>` and `stories/<id>/<locale>`. */
  bodies: Map<string, string>;
}

/** Collects every problem in the corpus before failing, so an editor fixes them in one pass. */
class Problems {
  private readonly byFile = new Map<string, ContentIssue[]>();
  private readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  add(file: string, path: PropertyKey[], message: string): void {
    const name = relative(this.root, file);
    this.byFile.set(name, [...(this.byFile.get(name) ?? []), { path, message }]);
  }

  parse<T extends z.ZodType>(
    schema: T,
    file: string,
    extra: Record<string, unknown> = {},
  ): z.infer<T> | undefined {
    let raw: unknown;
    try {
      raw = parse(readFileSync(file, "utf8"));
    } catch (error) {
      this.add(file, [], `not valid YAML: ${(error as Error).message.split("\n")[0]}`);
      return undefined;
    }
    const result = schema.safeParse({ ...(raw as object), ...extra });
    if (result.success) return result.data;
    for (const issue of result.error.issues) this.add(file, issue.path, issue.message);
    return undefined;
  }

  throwIfAny(): void {
    if (this.byFile.size > 0) {
      throw new ContentError([...this.byFile].map(([file, issues]) => ({ file, issues })));
    }
  }
}

const folders = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];

const yamlFiles = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith(".yaml"))
        .sort()
    : [];

function checkImage(
  problems: Problems,
  file: string,
  path: PropertyKey[],
  src: string,
  publicDir: string,
): void {
  if (existsSync(join(publicDir, src)) || existsSync(join(ASSETS_DIR, src))) return;
  problems.add(file, path, `${src} is in neither site/public nor site/src/assets`);
}

/**
 * Reads and validates everything in content/: the council, member charities, initiatives and stories,
 * each against its schema and against each other (charities, initiatives and metrics referred to must exist,
 * every image must exist, every language a story is written in must have its text).
 */
export function loadContent(contentDir = CONTENT_DIR, publicDir = PUBLIC_DIR): LoadedContent {
  const problems = new Problems(contentDir);
  const bodies = new Map<string, string>();

  const councilFile = join(contentDir, "council.yaml");
  const council = problems.parse(councilSchema, councilFile);
  if (council) checkImage(problems, councilFile, ["logo", "src"], council.logo.src, publicDir);

  const charities = yamlFiles(join(contentDir, "charities")).flatMap((name) => {
    const file = join(contentDir, "charities", name);
    const charity = problems.parse(charitySchema, file, { id: name.replace(/\.yaml$/, "") });
    if (charity) checkImage(problems, file, ["logo", "src"], charity.logo.src, publicDir);
    return charity ? [charity] : [];
  });
  const charityIds = new Set(charities.map((charity) => charity.id));

  const initiatives = folders(join(contentDir, "initiatives")).flatMap((id) => {
    const folder = join(contentDir, "initiatives", id);
    const file = join(folder, "initiative.yaml");
    const initiative = problems.parse(initiativeSchema, file, { id });
    if (!initiative) return [];
    checkImage(problems, file, ["cover", "src"], initiative.cover.src, publicDir);
    initiative.charities.forEach((charity, index) => {
      if (!charityIds.has(charity))
        problems.add(file, ["charities", index], `no charity "${charity}" in charities/`);
    });
    for (const locale of LOCALE_CODES) {
      const body = join(folder, `${locale}.md`);
      if (existsSync(body)) bodies.set(`initiatives/${id}/${locale}`, readFileSync(body, "utf8"));
      else problems.add(file, ["body", locale], `${locale}.md is missing beside initiative.yaml`);
    }
    return [initiative];
  });
  const initiativesById = new Map(initiatives.map((initiative) => [initiative.id, initiative]));

  const stories = folders(join(contentDir, "stories")).flatMap((id) => {
    const folder = join(contentDir, "stories", id);
    const file = join(folder, "story.yaml");
    const story = problems.parse(storySchema, file, { id });
    if (!story) return [];
    const initiative = initiativesById.get(story.initiative);
    if (!initiative)
      problems.add(file, ["initiative"], `no initiative "${story.initiative}" in initiatives/`);
    const metricIds = new Set(initiative?.metrics.map((metric) => metric.id));
    story.metrics.forEach((reported, index) => {
      if (initiative && !metricIds.has(reported.metric)) {
        problems.add(
          file,
          ["metrics", index, "metric"],
          `"${reported.metric}" is not a metric of ${initiative.id}`,
        );
      }
    });
    story.images.forEach((image, index) => {
      checkImage(problems, file, ["images", index, "src"], image.src, publicDir);
    });
    for (const locale of LOCALE_CODES) {
      const body = join(folder, `${locale}.md`);
      const hasBody = existsSync(body);
      if (hasBody) bodies.set(`stories/${id}/${locale}`, readFileSync(body, "utf8"));
      if (hasBody !== Boolean(story.title[locale])) {
        problems.add(
          file,
          ["title", locale],
          hasBody ? `${locale}.md exists but has no title` : `${locale}.md is missing`,
        );
      }
    }
    return [story];
  });

  problems.throwIfAny();
  return { council: council as Council, charities, initiatives, stories, bodies };
}

/** The story languages: those it has a title in. */
export { storyLocales } from "./story-refs.ts";
