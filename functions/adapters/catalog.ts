import { initiativeSchema, isPublished } from "../../content/schema.ts";
import { councilSchema } from "../../content/schema-org.ts";
import type { Catalog } from "../domain/ports.ts";
import generated from "../generated/catalog.json" with { type: "json" };

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
  const published = [...initiatives.values()].filter(isPublished);
  const council = councilSchema.parse(generated.council);
  return {
    council: () => council,
    findInitiative: (id) => initiatives.get(id),
    publishedInitiatives: () => published,
  };
}
