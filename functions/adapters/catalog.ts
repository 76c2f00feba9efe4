import { z } from "zod";
import { LOCALE_CODES } from "../../content/locales.ts";
import { initiativeSchema, localizedText, slug } from "../../content/schema.ts";
import { councilSchema } from "../../content/schema-org.ts";
import type { StoryRef } from "../domain/account-views.ts";
import type { Catalog } from "../domain/ports.ts";
import generated from "../generated/catalog.json" with { type: "json" };

const localizedPath = z.object(
  Object.fromEntries(LOCALE_CODES.map((code) => [code, z.string().startsWith("/")])) as Record<
    (typeof LOCALE_CODES)[number],
    z.ZodString
  >,
);
const storyRefSchema = z.object({
  initiativeId: slug,
  slug,
  title: localizedText,
  date: z.iso.date(),
  url: localizedPath,
});

/**
 * The council and the initiatives the site was built from (functions/generated/catalog.json, written by
 * scripts/build-catalog.ts and bundled into each Lambda). Validated again at cold start.
 */
export function createCatalog(): Catalog {
  const initiatives = new Map(
    initiativeSchema
      .array()
      .parse(generated.initiatives)
      .map((initiative) => [initiative.id, initiative]),
  );
  const published = [...initiatives.values()].filter((initiative) => initiative.status !== "draft");
  const council = councilSchema.parse(generated.council);
  const stories = new Map<string, StoryRef[]>();
  for (const story of storyRefSchema.array().parse(generated.stories ?? [])) {
    stories.set(story.initiativeId, [...(stories.get(story.initiativeId) ?? []), story]);
  }
  return {
    council: () => council,
    latestStories: (initiativeId) => stories.get(initiativeId) ?? [],
    findInitiative: (id) => initiatives.get(id),
    publishedInitiatives: () => published,
  };
}
