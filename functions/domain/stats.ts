import type { Catalog, Designation, StatsStore } from "./ports.ts";

export interface InitiativeStats {
  id: string;
  /** Amount received so far per currency, in minor units. */
  raised: Record<string, number>;
  donations: number;
  /** Only for unit initiatives: how many units exist, are adopted, held by an open checkout, or free. */
  units?: { total: number; adopted: number; held: number; free: number };
}

export interface DesignationStats {
  designation: Designation;
  raised: Record<string, number>;
  donations: number;
}

export interface PublicStats {
  initiatives: InitiativeStats[];
  /** Every designation, zero when nothing was given as it yet. */
  designations: DesignationStats[];
  generatedAt: string;
}

const DESIGNATIONS: Designation[] = ["zakat", "sadaqah", "general"];

/** Progress of every published initiative, for the site's progress bars and the transparency page. */
export async function publicStats(deps: {
  catalog: Catalog;
  stats: StatsStore;
  clock: { now(): Date };
}): Promise<PublicStats> {
  const totals = await deps.stats.allTotals();
  const rows = totals.initiatives;
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
  const designations = DESIGNATIONS.map((designation): DesignationStats => {
    const own = totals.designations.filter((row) => row.designation === designation);
    return {
      designation,
      raised: Object.fromEntries(own.map((row) => [row.currency, row.raised])),
      donations: own.reduce((sum, row) => sum + row.donations, 0),
    };
  });
  return { initiatives, designations, generatedAt: deps.clock.now().toISOString() };
}
