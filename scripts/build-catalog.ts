/**
 * Writes the validated council and initiatives to functions/generated/catalog.json, which the Lambda bundles
 * import: the functions see exactly what the site was built from, without reading files at run time. Stories
 * are not in it: the site carries the ones dashboards link (content/story-refs.ts), so publishing a story
 * changes nothing the functions run (scripts/deploy/plan.ts deploys only the site for it).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { loadContent } from "../content/load.ts";

export const CATALOG_FILE = new URL("../functions/generated/catalog.json", import.meta.url).pathname;

export function buildCatalog(): void {
  const { council, initiatives } = loadContent();
  mkdirSync(dirname(CATALOG_FILE), { recursive: true });
  writeFileSync(CATALOG_FILE, `${JSON.stringify({ council, initiatives }, null, 2)}\n`);
}

if (import.meta.main) {
  buildCatalog();
  console.log(`catalog: ${CATALOG_FILE}`);
}
