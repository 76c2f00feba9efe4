/**
 * Lighthouse (mobile, its default simulated throttling) against the product served as `npm start` serves
 * it, in Debian's Chromium: performance, accessibility, best practices and SEO of the home page, an
 * initiative and a story, in both languages.
 */
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { loadContent, storyLocales } from "../content/load.ts";
import { LOCALE_CODES } from "../content/locales.ts";
import { startLocalStack } from "../local/stack.ts";

export const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
export type Category = (typeof CATEGORIES)[number];

export interface LighthouseFigures {
  page: string;
  /** 0–100 per category. */
  scores: Record<Category, number>;
  /** Audits that did not pass, for the report's notes. */
  failing: string[];
}

/** Home, the first initiative and a bilingual story, in every locale. */
export function lighthousePages(): string[] {
  const content = loadContent();
  const initiative = content.initiatives.find((candidate) => candidate.status !== "draft");
  // A bilingual story, one with a photo when there is one: the heaviest kind of story page.
  const bilingual = content.stories.filter(
    (candidate) => storyLocales(candidate).length === LOCALE_CODES.length,
  );
  const story =
    bilingual.find((candidate) => candidate.images.some((image) => !image.src.endsWith(".svg"))) ??
    bilingual[0];
  return LOCALE_CODES.flatMap((locale) => [
    `/${locale}/`,
    ...(initiative ? [`/${locale}/initiatives/${initiative.id}/`] : []),
    ...(story ? [`/${locale}/stories/${story.id}/`] : []),
  ]);
}

export async function measureLighthouse(
  pages: string[],
  chromePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
): Promise<LighthouseFigures[]> {
  const stack = await startLocalStack({ port: 0 });
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    const figures: LighthouseFigures[] = [];
    for (const page of pages) {
      const result = await lighthouse(`${stack.url}${page}`, {
        port: chrome.port,
        logLevel: "error",
        onlyCategories: [...CATEGORIES],
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${page}`);
      const { categories, audits } = result.lhr;
      figures.push({
        page,
        scores: Object.fromEntries(
          CATEGORIES.map((id) => [id, Math.round((categories[id]?.score ?? 0) * 100)]),
        ) as Record<Category, number>,
        failing: Object.values(audits)
          .filter((audit) => audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode === "binary")
          .map((audit) => audit.id),
      });
    }
    return figures;
  } finally {
    chrome.kill();
    await stack.stop();
  }
}
