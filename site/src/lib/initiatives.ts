import { getCollection, getEntry } from "astro:content";
import { LOCALE_CODES, type Locale } from "../../../content/locales.ts";
import { isPublished } from "../../../content/schema.ts";

/** Initiatives donors may see: drafts stay in content/ until an editor marks them open. */
export async function publishedInitiatives() {
  const entries = await getCollection("initiatives", (entry) => isPublished(entry.data));
  return entries.map((entry) => entry.data).sort((a, b) => b.startDate.localeCompare(a.startDate));
}

/** Stories in one language, newest first, optionally of one initiative. */
export async function storiesIn(locale: Locale, initiativeId?: string) {
  const entries = await getCollection(
    "stories",
    (entry) => Boolean(entry.data.title[locale]) && (!initiativeId || entry.data.initiative === initiativeId),
  );
  return entries.map((entry) => entry.data).sort((a, b) => b.publishDate.localeCompare(a.publishDate));
}

export async function charitiesById() {
  const entries = await getCollection("charities");
  return new Map(entries.map((entry) => [entry.data.id, entry.data]));
}

export async function renderedBody(kind: "initiativeBodies" | "storyBodies", id: string, locale: Locale) {
  const entry = await getEntry(kind, `${id}/${locale}`);
  if (!entry)
    throw new Error(
      `content/${kind === "storyBodies" ? "stories" : "initiatives"}/${id}/${locale}.md is missing`,
    );
  return entry;
}

export type PublishedInitiative = Awaited<ReturnType<typeof publishedInitiatives>>[number];

/** getStaticPaths of the per-initiative pages: every published initiative in every locale. */
export async function initiativePaths() {
  const initiatives = await publishedInitiatives();
  return LOCALE_CODES.flatMap((lang) =>
    initiatives.map((initiative) => ({ params: { lang, id: initiative.id }, props: { initiative } })),
  );
}
