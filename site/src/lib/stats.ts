import type { PublicStats } from "../../../contract/views/stats.ts";
import zeroStats from "../generated/zero-stats.json" with { type: "json" };

/**
 * Progress figures at build time. Pages show these without JavaScript; with ATHAR_STATS_URL set (the
 * deployed `/api/stats`), the build takes live figures, and falls back to zero progress when the API
 * cannot be reached, so a build never fails because the API is down.
 */
let cached: Promise<PublicStats> | undefined;

export function buildTimeStats(): Promise<PublicStats> {
  cached ??= fetchStats();
  return cached;
}

async function fetchStats(): Promise<PublicStats> {
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
  // No totals yet: the same shape the API gives for a table without donations (scripts/build-catalog.ts).
  return zeroStats as PublicStats;
}
