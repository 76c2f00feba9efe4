import { loadConfig } from "../config.ts";
import { publicStats } from "../domain/stats.ts";
import { createHttpHandler } from "../http/handler.ts";
import { logger } from "../http/logger.ts";
import { notFoundRoute } from "../http/not-found.ts";
import { json } from "../http/responses.ts";
import { createCatalog, sitePages, statsStore, systemClock } from "./wiring.ts";

const config = loadConfig();
const deps = {
  catalog: createCatalog(),
  stats: statsStore(config, (rows) => logger.warn("totals did not fit in one Query page", { rows })),
  clock: systemClock,
};

/** Progress changes a little at a time: a minute in CloudFront spares the table and stays fresh enough. */
const STATS_CACHE = "public, max-age=60, s-maxage=60, stale-while-revalidate=300";

export const handler = createHttpHandler(
  "public",
  {
    "GET /api/health": async () => json(200, { ok: true }),
    "GET /api/stats": async () => json(200, await publicStats(deps), { "cache-control": STATS_CACHE }),
    $default: notFoundRoute(sitePages(config)),
  },
  config,
);
