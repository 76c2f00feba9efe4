/**
 * Writes the validated council and initiatives to functions/generated/catalog.json, which the Lambda bundles
 * import: the functions see exactly what the site was built from, without reading files at run time. Stories
 * are not in it: the site carries the ones dashboards link (content/story-refs.ts), so publishing a story
 * changes nothing the functions run (scripts/deploy/plan.ts deploys only the site for it).
 *
 * It also writes site/src/generated/zero-stats.json, what `GET /api/stats` answers for a table without
 * donations: the site's fallback when the build cannot reach the API, computed by the API's own code so the
 * site (which imports only contract/ and content/) never repeats how units are counted.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { loadContent } from "../content/load.ts";
import { isPublished } from "../content/schema.ts";
import { publicStats } from "../functions/domain/stats.ts";

export const CATALOG_FILE = new URL("../functions/generated/catalog.json", import.meta.url).pathname;
export const ZERO_STATS_FILE = new URL("../site/src/generated/zero-stats.json", import.meta.url).pathname;

function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

export function buildCatalog(): void {
  const { council, initiatives } = loadContent();
  writeJson(CATALOG_FILE, { council, initiatives });
}

async function writeZeroStats(): Promise<void> {
  const published = loadContent().initiatives.filter(isPublished);
  const noTotals = {
    initiatives: [],
    generalFund: [],
    designations: [],
    currencies: [],
    inventories: new Map(),
  };
  writeJson(
    ZERO_STATS_FILE,
    await publicStats({
      catalog: { publishedInitiatives: () => published },
      stats: { allTotals: async () => noTotals },
      clock: { now: () => new Date() },
    }),
  );
}

if (import.meta.main) {
  buildCatalog();
  await writeZeroStats();
  console.log(`catalog: ${CATALOG_FILE}, ${ZERO_STATS_FILE}`);
}
