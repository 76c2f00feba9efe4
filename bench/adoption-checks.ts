/**
 * What the adoption bench checks after each phase, on the initiative's inventory item as stored: exactly as
 * many units (or shares) held as were answered 201, nothing adopted (nobody paid), no unit over-covered,
 * and every unit accounted for. Throws on the first difference, so no figure is reported for wrong
 * behaviour.
 */
import type { Money } from "../contract/money.ts";
import { keys } from "../functions/table/keys.ts";
import type { tableReader } from "../tests/support/table-reader.ts";
import type { AttemptAnswer } from "./adoption-phases.ts";

/** The counters of an initiative's inventory item (see functions/domain/adoption/inventory.ts). */
export interface StoredInventory {
  total: number;
  free: number;
  held: number;
  adopted: number;
  /** Shared units with a share taken: amounts adopted (`a`) and held (`h`) of the unit's price. */
  started: Record<string, { a: number; h: number }>;
}

export interface WholeUnitsCheck {
  total: number;
  held: number;
  free: number;
}

export interface SharedUnitsCheck {
  total: number;
  free: number;
  /** Units with a share held; those covered in full by two shares; the sum held in shares. */
  startedUnits: number;
  completedUnits: number;
  heldInShares: Money;
}

export interface AdoptionChecks {
  lastUnits: WholeUnitsCheck;
  plentyOfUnits: WholeUnitsCheck;
  sharedUnits: SharedUnitsCheck;
}

function fail(initiativeId: string, message: string): never {
  throw new Error(`adoption bench: ${initiativeId}: ${message}`);
}

export async function storedInventory(
  table: ReturnType<typeof tableReader>,
  initiativeId: string,
): Promise<StoredInventory> {
  const item = await table.row(keys.inventory(initiativeId));
  if (!item) fail(initiativeId, "no inventory item");
  return {
    total: Number(item.total),
    free: Number(item.free),
    held: Number(item.held),
    adopted: Number(item.adopted),
    started: (item.started as StoredInventory["started"] | undefined) ?? {},
  };
}

/**
 * One unit asked per attempt: min(attempts, total) got one, every other attempt was told none is free,
 * and the inventory holds exactly those units.
 */
export function checkWholeUnits(
  initiativeId: string,
  inventory: StoredInventory,
  answers: readonly AttemptAnswer[],
): WholeUnitsCheck {
  const { total } = inventory;
  const expected = Math.min(answers.length, total);
  const succeeded = answers.filter((answer) => answer.status === 201).length;
  if (succeeded !== expected)
    fail(initiativeId, `${succeeded} attempts got a unit, expected ${expected} of ${total}`);
  const toldFree = answers.filter((answer) => answer.status === 409 && answer.free !== 0);
  if (toldFree.length > 0)
    fail(initiativeId, `${toldFree.length} refusals said units were free (${toldFree[0]?.free})`);
  const held = { total, held: expected, free: total - expected };
  const found = { total, held: inventory.held, free: inventory.free };
  if (
    JSON.stringify(found) !== JSON.stringify(held) ||
    inventory.adopted !== 0 ||
    Object.keys(inventory.started).length > 0
  )
    fail(initiativeId, `inventory ${JSON.stringify(inventory)}, expected ${JSON.stringify(held)}`);
  return held;
}

/**
 * Shares held: no started unit covered beyond its price, the units add up (adopted + held + free + started
 * = total), and the amounts held in shares are exactly the shares answered 201.
 */
export function checkSharedUnits(
  initiativeId: string,
  inventory: StoredInventory,
  price: Money,
  sharesAnswered201: readonly number[],
): SharedUnitsCheck {
  const unitPrice = price.value;
  const units = Object.entries(inventory.started);
  const over = units.find(([, unit]) => unit.a + unit.h > unitPrice || unit.a !== 0 || unit.h <= 0);
  if (over) fail(initiativeId, `started unit ${over[0]} holds ${JSON.stringify(over[1])} of ${unitPrice}`);
  if (inventory.held !== 0 || inventory.adopted !== 0)
    fail(initiativeId, `${inventory.held} whole units held and ${inventory.adopted} adopted by shares alone`);
  const counted = inventory.adopted + inventory.held + inventory.free + units.length;
  if (counted !== inventory.total)
    fail(initiativeId, `adopted + held + free + started = ${counted}, not ${inventory.total}`);
  const heldInShares = units.reduce((sum, [, unit]) => sum + unit.h, 0);
  const answered = sharesAnswered201.reduce((sum, share) => sum + share, 0);
  if (heldInShares !== answered)
    fail(initiativeId, `${heldInShares} held in shares, but the shares answered 201 make ${answered}`);
  return {
    total: inventory.total,
    free: inventory.free,
    startedUnits: units.length,
    completedUnits: units.filter(([, unit]) => unit.h === unitPrice).length,
    heldInShares: { value: heldInShares, currency: price.currency },
  };
}
