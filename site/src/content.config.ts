import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { initiativeSchema } from "../../content/schema.ts";

const CONTENT_ROOT = new URL("../../content/", import.meta.url);

/** `initiatives/<id>/initiative.yaml`: the facts of an initiative, validated by the shared schema. */
const initiatives = defineCollection({
  loader: glob({
    pattern: "initiatives/*/initiative.yaml",
    base: CONTENT_ROOT,
    generateId: ({ entry }) => entry.split("/")[1] ?? entry,
  }),
  schema: initiativeSchema,
});

/** `initiatives/<id>/<locale>.md`: the story of an initiative in each language; id `<initiative>/<locale>`. */
const initiativeBodies = defineCollection({
  loader: glob({
    pattern: "initiatives/*/*.md",
    base: CONTENT_ROOT,
    generateId: ({ entry }) => entry.replace(/^initiatives\//, "").replace(/\.md$/, ""),
  }),
});

export const collections = { initiatives, initiativeBodies };
