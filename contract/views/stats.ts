import type { Designation } from "../vocabulary.ts";

/** `GET /api/stats`: the progress the site's pages show, and the transparency page's totals. */

export interface InitiativeStats {
  id: string;
  /** Amount received so far per currency, in minor units. */
  raised: Record<string, number>;
  donations: number;
  /**
   * Only for initiatives adopted by units (a whole one is one unit): how many exist, are adopted, held by a
   * checkout in progress, or free; shared units with one share taken count in none of these.
   */
  units?: { total: number; adopted: number; held: number; free: number };
}

export interface DesignationStats {
  designation: Designation;
  raised: Record<string, number>;
  donations: number;
}

export interface TotalsStats {
  raised: Record<string, number>;
  donations: number;
}

export interface PublicStats {
  initiatives: InitiativeStats[];
  /** Gifts to the council's general fund rather than to one initiative. */
  generalFund: TotalsStats;
  /** Everything received, per currency. */
  currencies: TotalsStats;
  /** Every designation, zero when nothing was given as it yet. */
  designations: DesignationStats[];
  generatedAt: string;
}
