/**
 * The last step of `npm run build`: fails the build when an output the site or the functions need is
 * missing or empty, instead of leaving a donor to find it (once, the search index's entry file was
 * written empty and every search spun forever). It checks:
 * - no file of site/dist is empty;
 * - every page each published initiative and story has, in each of its languages;
 * - every same-site link, script, style sheet and image a page names resolves to a file of site/dist;
 * - the search index: its entry file parses and names, for every language, a metadata file and a
 *   WebAssembly file that are there, and Pagefind's script;
 * - the functions' catalog (functions/generated/catalog.json) parses and holds the published initiatives.
 */

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { type LoadedContent, loadContent, storyLocales } from "../content/load.ts";
import { LOCALE_CODES } from "../content/locales.ts";
import { isPublished } from "../content/schema.ts";

export const DIST_DIR = new URL("../site/dist", import.meta.url).pathname;
export const CATALOG_PATH = new URL("../functions/generated/catalog.json", import.meta.url).pathname;

/** Paths the site serves that are not files of site/dist: the API and, locally, the emulators. */
const NOT_FILES = /^\/(api|local-stripe|local-auth)\//;

const filesOf = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((name) =>
    statSync(join(dir, name)).isFile(),
  );

/** The file a site path is served from, as CloudFront's viewer-request function maps it (`/x/` → `/x/index.html`). */
export const fileOfPath = (path: string) =>
  (path.endsWith("/") ? `${path}index.html` : path).replace(/^\//, "");

/** The same-site paths a page names in href, src and srcset, without fragment or query. */
export function pathsNamedBy(html: string): string[] {
  const named = [...html.matchAll(/\s(?:href|src)="(\/[^"]*)"/g)].map((match) => match[1] ?? "");
  const sources = [...html.matchAll(/\ssrcset="([^"]*)"/g)].flatMap((match) =>
    (match[1] ?? "").split(",").map((candidate) => candidate.trim().split(/\s+/)[0] ?? ""),
  );
  return [...named, ...sources]
    .filter((path) => path.startsWith("/") && !path.startsWith("//"))
    .map((path) => path.replace(/[?#].*$/, ""))
    .filter((path) => path !== "" && !NOT_FILES.test(path));
}

/** The pages content/ promises: each published initiative and each story, in each of its languages. */
export function promisedPages(content: LoadedContent): string[] {
  const published = content.initiatives.filter(isPublished);
  return [
    ...LOCALE_CODES.flatMap((locale) => [
      `/${locale}/`,
      `/${locale}/initiatives/`,
      `/${locale}/stories/`,
      `/${locale}/search/`,
      ...published.map((initiative) => `/${locale}/initiatives/${initiative.id}/`),
    ]),
    ...content.stories.flatMap((story) =>
      storyLocales(story).map((locale) => `/${locale}/stories/${story.id}/`),
    ),
  ];
}

function searchIndexProblems(dist: string): string[] {
  const dir = join(dist, "pagefind");
  const entryFile = join(dir, "pagefind-entry.json");
  const problems: string[] = [];
  if (!existsSync(join(dir, "pagefind.js"))) problems.push("pagefind/pagefind.js is missing");
  let entry: { languages?: Record<string, { hash?: string; wasm?: string | null; page_count?: number }> };
  try {
    entry = JSON.parse(readFileSync(entryFile, "utf8"));
  } catch (error) {
    return [...problems, `pagefind/pagefind-entry.json is not readable JSON: ${(error as Error).message}`];
  }
  for (const locale of LOCALE_CODES) {
    const language = entry.languages?.[locale];
    if (!language?.page_count) {
      problems.push(`the search index has no ${locale} pages`);
      continue;
    }
    const needed = [
      `pagefind.${language.hash}.pf_meta`,
      ...(language.wasm ? [`wasm.${language.wasm}.pagefind`] : []),
    ];
    for (const file of needed) {
      if (!existsSync(join(dir, file))) problems.push(`pagefind/${file} (the ${locale} index) is missing`);
    }
  }
  return problems;
}

function catalogProblems(catalogPath: string, content: LoadedContent): string[] {
  let catalog: { initiatives?: { id: string }[] };
  try {
    catalog = JSON.parse(readFileSync(catalogPath, "utf8"));
  } catch (error) {
    return [`functions/generated/catalog.json is not readable JSON: ${(error as Error).message}`];
  }
  const ids = new Set(catalog.initiatives?.map((initiative) => initiative.id));
  return content.initiatives
    .filter((initiative) => isPublished(initiative) && !ids.has(initiative.id))
    .map((initiative) => `functions/generated/catalog.json lacks the initiative ${initiative.id}`);
}

/** Everything wrong with a build, one line each; none when the site and the functions have what they need. */
export function buildProblems(
  dist = DIST_DIR,
  catalogPath = CATALOG_PATH,
  content: LoadedContent = loadContent(),
): string[] {
  if (!existsSync(dist)) return [`${dist} is missing: the site was not built`];
  const files = filesOf(dist);
  const present = new Set(files);
  const problems = files
    .filter((file) => statSync(join(dist, file)).size === 0)
    .map((file) => `${file} is empty`);
  for (const page of promisedPages(content)) {
    if (!present.has(fileOfPath(page))) problems.push(`the page ${page} was not built`);
  }
  for (const page of files.filter((file) => file.endsWith(".html"))) {
    const missing = new Set(
      pathsNamedBy(readFileSync(join(dist, page), "utf8")).filter((path) => !present.has(fileOfPath(path))),
    );
    for (const path of missing) problems.push(`${page} names ${path}, which is not in the build`);
  }
  return [...problems, ...searchIndexProblems(dist), ...catalogProblems(catalogPath, content)];
}

if (import.meta.main) {
  const problems = buildProblems();
  if (problems.length > 0) {
    console.error(
      `build: ${problems.length} problem(s) in what was built:\n${problems.map((p) => `- ${p}`).join("\n")}`,
    );
    process.exit(1);
  }
  console.log("build: every page, asset, the search index and the catalog are there");
}
