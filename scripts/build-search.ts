/**
 * Writes the site's search index (Pagefind) into site/dist/pagefind after `astro build`: one record per
 * initiative and story in each of its languages, built from content/ (drafts left out). Arabic text is
 * indexed in its folded form (content/arabic-normalize.ts), as the search page folds queries, so hamza,
 * alef and ta marbuta spellings all match; results show the original title and summary from `meta`.
 */

import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as pagefind from "pagefind";
import { normalizeArabic } from "../content/arabic-normalize.ts";
import { loadContent, storyLocales } from "../content/load.ts";
import { LOCALE_CODES, type Locale } from "../content/locales.ts";
import { isPublished } from "../content/schema.ts";

export const SEARCH_OUTPUT = new URL("../site/dist/pagefind", import.meta.url).pathname;

export interface SearchRecord {
  url: string;
  language: Locale;
  content: string;
  meta: { title: string; summary: string; kind: "initiative" | "story" };
}

/** Markdown to plain words: headings, emphasis and list markers carry no meaning for search. */
const plain = (markdown: string) => markdown.replace(/[#*_>`[\]()-]/g, " ");

export function searchRecords(content = loadContent()): SearchRecord[] {
  const fold = (locale: Locale, text: string) => (locale === "ar" ? normalizeArabic(text) : text);
  const record = (
    kind: "initiative" | "story",
    url: string,
    language: Locale,
    title: string,
    summary: string,
    body: string,
  ): SearchRecord => ({
    url,
    language,
    content: fold(language, [title, summary, plain(body)].join("\n")),
    meta: { title, summary, kind },
  });
  const initiatives = content.initiatives
    .filter(isPublished)
    .flatMap((initiative) =>
      LOCALE_CODES.map((locale) =>
        record(
          "initiative",
          `/${locale}/initiatives/${initiative.id}/`,
          locale,
          initiative.title[locale],
          initiative.summary[locale],
          content.bodies.get(`initiatives/${initiative.id}/${locale}`) ?? "",
        ),
      ),
    );
  const stories = content.stories.flatMap((story) =>
    storyLocales(story).map((locale) =>
      record(
        "story",
        `/${locale}/stories/${story.id}/`,
        locale,
        story.title[locale] ?? "",
        story.summary[locale] ?? "",
        content.bodies.get(`stories/${story.id}/${locale}`) ?? "",
      ),
    ),
  );
  return [...initiatives, ...stories];
}

/**
 * Pagefind's own `writeFiles` answers before its last writes have reached the disk (its service writes
 * through tokio files it never flushes), and `close()` then kills the service: a first build once left
 * pagefind-entry.json empty and every search spinning. So the index is taken in memory (`getFiles`) and
 * written here, each write finished before this resolves. The folder is emptied first: hashed files of an
 * earlier build would otherwise pile up beside the new ones.
 */
export async function buildSearchIndex(outputPath = SEARCH_OUTPUT): Promise<number> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind could not start: ${errors.join("; ")}`);
  try {
    const records = searchRecords();
    for (const { meta, ...rest } of records) {
      const added = await index.addCustomRecord({ ...rest, meta: { ...meta } });
      if (added.errors.length > 0)
        throw new Error(`pagefind refused ${rest.url}: ${added.errors.join("; ")}`);
    }
    const built = await index.getFiles();
    if (built.errors.length > 0) throw new Error(`pagefind could not build: ${built.errors.join("; ")}`);
    rmSync(outputPath, { recursive: true, force: true });
    for (const file of built.files) {
      const target = join(outputPath, file.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.content);
    }
    return records.length;
  } finally {
    await pagefind.close();
  }
}

if (import.meta.main) {
  const count = await buildSearchIndex();
  console.log(`search: ${count} records in ${join("site", "dist", "pagefind")}`);
}
