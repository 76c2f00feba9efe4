import type { Initiative } from "../../../content/schema.ts";
import type { AdoptionDetails, InventorySnapshot } from "../model.ts";

/** Units or the whole of an initiative: what a unit is and costs. */
export interface AdoptionTerms {
  model: "units" | "whole";
  interval: "once" | "month";
  unitPrice: number;
  total: number;
  shareSizes: number[];
}

export function adoptionTerms(initiative: Initiative): AdoptionTerms | undefined {
  const { funding } = initiative;
  if (funding.model === "units") {
    return {
      model: "units",
      interval: funding.interval,
      unitPrice: funding.unitPrice,
      total: funding.unitsTotal,
      shareSizes: funding.shareSizes ?? [],
    };
  }
  if (funding.model === "whole") {
    return { model: "whole", interval: "once", unitPrice: funding.amount, total: 1, shareSizes: [] };
  }
  return undefined;
}

/** Before anyone adopts, everything is free. */
export function emptyInventory(total: number): InventorySnapshot {
  return { total, free: total, held: 0, adopted: 0, started: {}, adopters: {} };
}

const remainingOf = (unit: { a: number; h: number }, price: number) => price - unit.a - unit.h;

/** The started unit a share completes, oldest first; undefined when a new unit must be opened. */
export function unitCompletedBy(
  snapshot: InventorySnapshot,
  price: number,
  share: number,
): string | undefined {
  return Object.keys(snapshot.started)
    .sort()
    .find((id) => remainingOf(snapshot.started[id] as { a: number; h: number }, price) === share);
}

/** Counted in units, as people read them: a unit is adopted when paid in full, held while any part of it is. */
export function unitCounts(snapshot: InventorySnapshot, price: number) {
  let adopted = snapshot.adopted;
  let held = snapshot.held;
  const partly = new Map<number, number>();
  for (const unit of Object.values(snapshot.started)) {
    const remaining = remainingOf(unit, price);
    if (remaining > 0) partly.set(remaining, (partly.get(remaining) ?? 0) + 1);
    else if (unit.h > 0) held += 1;
    else adopted += 1;
  }
  const partlyCovered = [...partly]
    .sort(([a], [b]) => a - b)
    .map(([remaining, count]) => ({ remaining, count }));
  return { total: snapshot.total, adopted, held, free: snapshot.free, partlyCovered };
}

/** Units held for a checkout: enough to give them back without reading the donation. */
export interface HoldRecord {
  donationId: string;
  adoption: AdoptionDetails;
  expiresAt: Date;
}

export type HoldOutcome =
  | { held: true; unitId?: string }
  | { held: false; free: number; contended?: boolean };

/** Who the initiative page thanks for an adoption: the name only with consent. */
export interface AdopterEntry {
  name: string | null;
  units: number;
  since: string;
}

/** The inventory as the domain uses it; functions/table/adoption/inventory-store.ts implements it on DynamoDB. */
export interface InventoryPort {
  read(initiativeId: string, total: number): Promise<InventorySnapshot>;
  holdUnits(hold: HoldRecord, total: number): Promise<HoldOutcome>;
  holdShare(
    hold: HoldRecord,
    total: number,
    completes: (snapshot: InventorySnapshot) => string | undefined,
  ): Promise<HoldOutcome>;
  /** False when there is no hold any more (given back already, or paid). */
  releaseHold(donationId: string, adoption: AdoptionDetails): Promise<boolean>;
  convertHold(donationId: string, adoption: AdoptionDetails, adopter: AdopterEntry): Promise<boolean>;
  /** Keeps a hold while a delayed payment (a bank transfer) settles. */
  extendHold(donationId: string, until: Date): Promise<void>;
  /** A monthly sponsorship that stopped: its units go back to the pool at the end of the paid period. */
  scheduleEnd(donationId: string, endsAt: string): Promise<void>;
  /** Ends a scheduled adoption (units back to free, the name off the page); false when ended already. */
  endAdoption(donationId: string, adoption: AdoptionDetails): Promise<boolean>;
  /** Gives back the units of a hold the table's TTL deleted (once, however often the stream says so). */
  returnExpiredHold(donationId: string, adoption: AdoptionDetails): Promise<boolean>;
  /** Holds past their time and adoptions past their end, oldest first. */
  dueHolds(now: Date, limit: number): Promise<{ donationId: string; adoption: AdoptionDetails }[]>;
  dueEnds(now: Date, limit: number): Promise<{ donationId: string; adoption: AdoptionDetails }[]>;
}
