import rss from "@astrojs/rss";
import type { APIRoute } from "astro";
import { type Locale, localePath, localeStaticPaths, t } from "../../i18n/index.ts";
import { storiesIn } from "../../lib/initiatives.ts";

export const getStaticPaths = localeStaticPaths;

/** The impact stories of one language as an RSS feed (/ar/rss.xml, /en/rss.xml). */
export const GET: APIRoute = async ({ params, site }) => {
  const locale = params.lang as Locale;
  const stories = await storiesIn(locale);
  return rss({
    title: `${t(locale, "site.name")}: ${t(locale, "stories.title")}`,
    description: t(locale, "stories.lead"),
    site: site ?? "http://localhost:8787",
    customData: `<language>${locale}</language>`,
    trailingSlash: true,
    items: stories.map((story) => ({
      title: story.title[locale] ?? story.id,
      description: story.summary[locale] ?? "",
      link: localePath(locale, `stories/${story.id}/`),
      pubDate: new Date(`${story.publishDate}T00:00:00Z`),
    })),
  });
};
