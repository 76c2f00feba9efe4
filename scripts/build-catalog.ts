/**
 * Writes the validated council and initiatives to functions/generated/catalog.json, which the Lambda bundles
 * import: the functions see exactly the content the site was built from, without reading files at run time.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { loadContent, storyLocales } from "../content/load.ts";
import { LOCALE_CODES } from "../content/locales.ts";
import type { Story } from "../content/schema-story.ts";
import type { StoryRef } from "../functions/domain/account-views.ts";

export const CATALOG_FILE = new URL("../functions/generated/catalog.json", import.meta.url).pathname;

/** Donors' dashboards show at most this many stories, so no initiative needs more in the catalog. */
export const STORIES_PER_INITIATIVE = 6;

/**
 * A story as the dashboard links it. A story written in one language only links there from both, with
 * its one title; the paths are the site's (site/src/pages/[lang]/stories/[id].astro).
 */
export function storyRef(story: Story): StoryRef {
  const written = storyLocales(story);
  const [fallback = "ar"] = written;
  const localeFor = (code: (typeof LOCALE_CODES)[number]) => (written.includes(code) ? code : fallback);
  return {
    initiativeId: story.initiative,
    slug: story.id,
    date: story.publishDate,
    title: Object.fromEntries(
      LOCALE_CODES.map((code) => [code, story.title[localeFor(code)] ?? ""]),
    ) as StoryRef["title"],
    url: Object.fromEntries(
      LOCALE_CODES.map((code) => [code, `/${localeFor(code)}/stories/${story.id}/`]),
    ) as StoryRef["url"],
  };
}

/** Each initiative's latest stories, newest first. */
export function latestStories(stories: Story[]): StoryRef[] {
  const newest = [...stories].sort(
    (a, b) => b.publishDate.localeCompare(a.publishDate) || a.id.localeCompare(b.id),
  );
  const kept = new Map<string, number>();
  return newest
    .filter((story) => {
      const count = kept.get(story.initiative) ?? 0;
      kept.set(story.initiative, count + 1);
      return count < STORIES_PER_INITIATIVE;
    })
    .map(storyRef);
}

export function buildCatalog(): void {
  const { council, initiatives, stories } = loadContent();
  mkdirSync(dirname(CATALOG_FILE), { recursive: true });
  writeFileSync(
    CATALOG_FILE,
    `${JSON.stringify({ council, initiatives, stories: latestStories(stories) }, null, 2)}\n`,
  );
}

if (import.meta.main) {
  buildCatalog();
  console.log(`catalog: ${CATALOG_FILE}`);
}
