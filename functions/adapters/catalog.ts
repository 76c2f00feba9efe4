import { initiativeSchema } from "../../content/schema.ts";
import type { Catalog } from "../domain/ports.ts";
import generated from "../generated/catalog.json" with { type: "json" };

/**
 * The initiatives the site was built from (functions/generated/catalog.json, written by
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
  return { findInitiative: (id) => initiatives.get(id), publishedInitiatives: () => published };
}
