import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadContent, storyLocales } from "../../content/load.ts";
import { LOCALE_CODES } from "../../content/locales.ts";

/** The sitemap and feeds of the built site (site/dist, built by `npm test` before the tests run). */
const DIST = new URL("../../site/dist/", import.meta.url).pathname;
const read = (file: string) => (existsSync(DIST + file) ? readFileSync(DIST + file, "utf8") : "");
const content = loadContent();
const published = content.initiatives.filter((initiative) => initiative.status !== "draft");

describe("the sitemap", () => {
  const sitemap = read("sitemap-0.xml");
  const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1] ?? "").pathname);

  it("lists every initiative page in both languages, with hreflang alternates", () => {
    for (const initiative of published) {
      for (const locale of LOCALE_CODES) expect(locs).toContain(`/${locale}/initiatives/${initiative.id}/`);
    }
    expect(sitemap).toMatch(new RegExp(`hreflang="en" href="[^"]*/en/initiatives/${published[0]?.id}/"`));
  });

  it("leaves out pages that only follow an action or an e-mailed link, the search page and drafts", () => {
    expect(locs.filter((path) => /\/(thanks|canceled|search|receipt)\/$/.test(path) || path === "/")).toEqual(
      [],
    );
    for (const draft of content.initiatives.filter((initiative) => initiative.status === "draft")) {
      expect(locs.filter((path) => path.includes(`/initiatives/${draft.id}/`))).toEqual([]);
    }
  });
});

describe("the stories feeds", () => {
  it.each(LOCALE_CODES)("/%s/rss.xml has one item per story written in that language", (locale) => {
    const feed = read(`${locale}/rss.xml`);
    expect(feed).toContain(`<language>${locale}</language>`);
    const expected = content.stories.filter((story) => storyLocales(story).includes(locale));
    expect(feed.match(/<item>/g)?.length ?? 0).toBe(expected.length);
    for (const story of expected) expect(feed).toContain(`/${locale}/stories/${story.id}/</link>`);
  });
});
