import { defineCollection } from "astro:content";
import type { Loader } from "astro/loaders";
import { type LoadedContent, loadContent } from "../../content/load.ts";
import { initiativeSchema } from "../../content/schema.ts";
import { charitySchema, councilSchema } from "../../content/schema-org.ts";
import { storySchema } from "../../content/schema-story.ts";

/**
 * Every collection comes from content/load.ts, the loader the functions' catalog uses too: one validation
 * (schemas and cross-references) for the site and the API, failing the build with the file and field named.
 */
let loaded: LoadedContent | undefined;
const content = () => {
  loaded ??= loadContent();
  return loaded;
};

function contentLoader(
  name: string,
  entries: (content: LoadedContent) => { id: string; data: object }[],
): Loader {
  return {
    name: `athar-${name}`,
    load: async ({ store, parseData }) => {
      store.clear();
      for (const entry of entries(content())) {
        store.set({ id: entry.id, data: await parseData({ id: entry.id, data: { ...entry.data } }) });
      }
    },
  };
}

/** Markdown bodies, one entry per `<initiative or story id>/<locale>`, rendered at build time. */
function bodiesLoader(kind: "initiatives" | "stories"): Loader {
  return {
    name: `athar-${kind}-bodies`,
    load: async ({ store, renderMarkdown }) => {
      store.clear();
      for (const [key, markdown] of content().bodies) {
        if (!key.startsWith(`${kind}/`)) continue;
        const id = key.slice(kind.length + 1);
        store.set({ id, data: {}, body: markdown, rendered: await renderMarkdown(markdown) });
      }
    },
  };
}

export const collections = {
  council: defineCollection({
    loader: contentLoader("council", (c) => [{ id: "council", data: c.council }]),
    schema: councilSchema,
  }),
  charities: defineCollection({
    loader: contentLoader("charities", (c) => c.charities.map((data) => ({ id: data.id, data }))),
    schema: charitySchema,
  }),
  initiatives: defineCollection({
    loader: contentLoader("initiatives", (c) => c.initiatives.map((data) => ({ id: data.id, data }))),
    schema: initiativeSchema,
  }),
  initiativeBodies: defineCollection({ loader: bodiesLoader("initiatives") }),
  stories: defineCollection({
    loader: contentLoader("stories", (c) => c.stories.map((data) => ({ id: data.id, data }))),
    schema: storySchema,
  }),
  storyBodies: defineCollection({ loader: bodiesLoader("stories") }),
};
