/**
 * The stories a donor's dashboard links: each initiative's latest, as the site is built (the account page
 * carries them), so a new story reaches dashboards with the site alone, without the functions' catalog.
 * Browser-safe: the account page's script picks the ones for the initiatives the donor funded.
 */
import { LOCALE_CODES, type Locale } from "./locales.ts";
import type { Story } from "./schema-story.ts";

export interface StoryRef {
  initiativeId: string;
  slug: string;
  title: Record<Locale, string>;
  date: string;
  /** Site paths per locale, e.g. `/ar/stories/<slug>/`. */
  url: Record<Locale, string>;
}

/** Donors' dashboards show at most this many stories, so no initiative needs more on the page. */
export const STORIES_PER_INITIATIVE = 6;
/** The dashboard shows this many stories, of every initiative the donor funded together. */
export const STORIES_SHOWN = 6;

/** The locales a story is written in (its title's). */
export function storyLocales(story: Story): Locale[] {
  return LOCALE_CODES.filter((code) => story.title[code]);
}

/**
 * A story as the dashboard links it. A story written in one language only links there from both, with
 * its one title; the paths are the site's (site/src/pages/[lang]/stories/[id].astro).
 */
export function storyRef(story: Story): StoryRef {
  const written = storyLocales(story);
  const [fallback = "ar"] = written;
  const localeFor = (code: Locale) => (written.includes(code) ? code : fallback);
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

const newestFirst = (a: StoryRef, b: StoryRef) =>
  b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug);

/** Each initiative's latest stories, newest first. */
export function latestStories(stories: Story[]): StoryRef[] {
  const kept = new Map<string, number>();
  return stories
    .map(storyRef)
    .sort(newestFirst)
    .filter((story) => {
      const count = kept.get(story.initiativeId) ?? 0;
      kept.set(story.initiativeId, count + 1);
      return count < STORIES_PER_INITIATIVE;
    });
}

/** The latest stories of the initiatives a donor funded, newest first, at most STORIES_SHOWN. */
export function storiesFor(latest: readonly StoryRef[], initiativeIds: readonly string[]): StoryRef[] {
  const funded = new Set(initiativeIds);
  return latest
    .filter((story) => funded.has(story.initiativeId))
    .sort(newestFirst)
    .slice(0, STORIES_SHOWN);
}
