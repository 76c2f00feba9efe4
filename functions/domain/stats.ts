import type { Catalog, StatsStore } from "./ports.ts";

export interface InitiativeStats {
  id: string;
  /** Amount received so far per currency, in minor units. */
  raised: Record<string, number>;
  donations: number;
  /** Only for unit initiatives: how many units exist, are adopted, held by an open checkout, or free. */
  units?: { total: number; adopted: number; held: number; free: number };
}

export interface PublicStats {
  initiatives: InitiativeStats[];
  generatedAt: string;
}

/** Progress of every published initiative, for the site's progress bars and the transparency page. */
export async function publicStats(deps: {
  catalog: Catalog;
  stats: StatsStore;
  clock: { now(): Date };
}): Promise<PublicStats> {
  const rows = await deps.stats.allInitiativeTotals();
  const initiatives = deps.catalog.publishedInitiatives().map((initiative): InitiativeStats => {
    const own = rows.filter((row) => row.initiativeId === initiative.id);
    const stats: InitiativeStats = {
      id: initiative.id,
      raised: Object.fromEntries(own.map((row) => [row.currency, row.raised])),
      donations: own.reduce((sum, row) => sum + row.donations, 0),
    };
    if (initiative.funding.model === "units") {
      const total = initiative.funding.unitsTotal;
      const adopted = own.reduce((sum, row) => sum + (row.unitsAdopted ?? 0), 0);
      const held = own.reduce((sum, row) => sum + (row.unitsHeld ?? 0), 0);
      stats.units = { total, adopted, held, free: Math.max(0, total - adopted - held) };
    }
    return stats;
  });
  return { initiatives, generatedAt: deps.clock.now().toISOString() };
}
