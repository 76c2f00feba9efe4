import type { Initiative } from "../../../content/schema.ts";
import { type PublicStats, publicStats } from "../../../functions/domain/stats.ts";

/**
 * Progress figures at build time. Pages show these without JavaScript; with ATHAR_STATS_URL set (the
 * deployed `/api/stats`), the build takes live figures, and falls back to zero progress when the API
 * cannot be reached, so a build never fails because the API is down.
 */
let cached: Promise<PublicStats> | undefined;

export function buildTimeStats(initiatives: Initiative[]): Promise<PublicStats> {
  cached ??= fetchStats(initiatives);
  return cached;
}

async function fetchStats(initiatives: Initiative[]): Promise<PublicStats> {
  const url = process.env.ATHAR_STATS_URL;
  if (url) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (response.ok) return (await response.json()) as PublicStats;
      console.warn(`stats: ${url} answered ${response.status}; using zero progress`);
    } catch (error) {
      console.warn(`stats: ${url} unreachable (${(error as Error).message}); using zero progress`);
    }
  }
  // No totals yet: the same shape the API gives for a table without donations.
  return publicStats({
    catalog: { publishedInitiatives: () => initiatives },
    stats: {
      allTotals: async () => ({
        initiatives: [],
        generalFund: [],
        designations: [],
        currencies: [],
        inventories: new Map(),
      }),
    },
    clock: { now: () => new Date() },
  });
}
