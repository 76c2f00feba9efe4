import type { DesignationStats, InitiativeStats, PublicStats } from "../../contract/views/stats.ts";
import type { Designation } from "../../contract/vocabulary.ts";
import { adoptionTerms, emptyInventory, unitCounts } from "./adoption/inventory.ts";
import type { Catalog, StatsStore, TotalsRow } from "./ports.ts";

function summed(rows: TotalsRow[]): { raised: Record<string, number>; donations: number } {
  return {
    raised: Object.fromEntries(rows.map((row) => [row.currency, row.raised])),
    donations: rows.reduce((sum, row) => sum + row.donations, 0),
  };
}

const DESIGNATIONS: Designation[] = ["zakat", "sadaqah", "general"];

/** Progress of every published initiative, for the site's progress bars and the transparency page. */
export async function publicStats(deps: {
  catalog: Pick<Catalog, "publishedInitiatives">;
  stats: StatsStore;
  clock: { now(): Date };
}): Promise<PublicStats> {
  const totals = await deps.stats.allTotals();
  const rows = totals.initiatives;
  const initiatives = deps.catalog.publishedInitiatives().map((initiative): InitiativeStats => {
    const own = rows.filter((row) => row.initiativeId === initiative.id);
    const stats: InitiativeStats = { id: initiative.id, ...summed(own) };
    const terms = adoptionTerms(initiative);
    if (terms) {
      const snapshot = totals.inventories.get(initiative.id) ?? emptyInventory(terms.total);
      const { total, adopted, held, free } = unitCounts(snapshot, terms.unitPrice);
      stats.units = { total, adopted, held, free };
    }
    return stats;
  });
  const designations = DESIGNATIONS.map((designation): DesignationStats => {
    const own = totals.designations.filter((row) => row.designation === designation);
    return { designation, ...summed(own) };
  });
  return {
    initiatives,
    generalFund: summed(totals.generalFund),
    designations,
    currencies: summed(totals.currencies),
    generatedAt: deps.clock.now().toISOString(),
  };
}
