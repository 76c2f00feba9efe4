/**
 * Never oversold, as a property: random interleavings (partly concurrent) of holds, payments, failed or
 * expired checkouts, TTL removals, cancellations and sweeps, on whole units and on shared units, keep at
 * every step adopted + held + free = total (in money where units are shared), no counter below zero, and
 * the counters equal to what the holds and adoptions that succeeded add up to. Real DynamoDB Local, a fresh
 * table per case, the real inventory store.
 */

import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, GetCommand } from "@aws-sdk/lib-dynamodb";
import fc from "fast-check";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDocumentClient } from "../../../functions/adapters/dynamodb.ts";
import { sweepAdoptions } from "../../../functions/domain/adoption/adoption.ts";
import { unitCompletedBy } from "../../../functions/domain/adoption/inventory.ts";
import { BusyError } from "../../../functions/domain/errors.ts";
import type { AdoptionDetails, InventorySnapshot } from "../../../functions/domain/model.ts";
import { createInventoryStore } from "../../../functions/table/adoption/inventory-store.ts";
import { keys } from "../../../functions/table/keys.ts";
import { ensureTable, localClient } from "../../../local/dynamodb-local.ts";

const endpoint = inject("dynamodbEndpoint");
const client = createDocumentClient({ region: "me-central-1", endpoint });
const admin = localClient(endpoint);
afterAll(() => {
  client.destroy();
  admin.destroy();
});

const PRICE = 30000;
const SHARES = [10000, 15000, 20000];
const INITIATIVE = "property-initiative";

type Op =
  | { kind: "hold"; adopter: number; units: number; share?: number }
  | { kind: "pay" | "release" | "ttl" | "end"; adopter: number }
  | { kind: "sweep" };

const ADOPTERS = 6;
const adopter = fc.integer({ min: 0, max: ADOPTERS - 1 });
const op = (shared: boolean): fc.Arbitrary<Op> =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: shared
        ? fc.record({
            kind: fc.constant("hold" as const),
            adopter,
            units: fc.constant(1),
            share: fc.constantFrom(...SHARES),
          })
        : fc.record({ kind: fc.constant("hold" as const), adopter, units: fc.integer({ min: 1, max: 3 }) }),
    },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constantFrom("pay" as const, "release" as const), adopter }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom("ttl" as const, "end" as const), adopter }) },
    { weight: 1, arbitrary: fc.constant({ kind: "sweep" as const }) },
  );

const scenario = fc.boolean().chain((shared) =>
  fc.record({
    shared: fc.constant(shared),
    total: fc.integer({ min: 1, max: 4 }),
    // Groups of operations that run at the same moment.
    groups: fc.array(fc.array(op(shared), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 14 }),
  }),
);

type State = "none" | "held" | "adopted" | "ended";

/** What the model knows of one adopter: the donation of their current hold or adoption, and its state. */
interface Adopter {
  donationId: string;
  adoption: AdoptionDetails;
  state: State;
}

async function run({ shared, total, groups }: { shared: boolean; total: number; groups: Op[][] }) {
  const table = `athar-inv-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  await ensureTable(endpoint, table);
  const inventory = createInventoryStore(client, table);
  const adopters = new Map<number, Adopter>();
  const busy = new Set<number>();
  let donations = 0;
  const since = new Date(0).toISOString();
  const exists = async (key: { pk: string; sk: string }) =>
    (await client.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item;

  const apply = async (operation: Op) => {
    if (operation.kind === "sweep") {
      // A clock far ahead: every hold is past its time and every scheduled end is due.
      await sweepAdoptions({ inventory, clock: { now: () => new Date(Date.UTC(2100, 0)) } });
      return;
    }
    const k = operation.adopter;
    // One operation per adopter at a time, as one donor's checkout moves one step at a time.
    if (busy.has(k)) return;
    busy.add(k);
    try {
      const current = adopters.get(k);
      if (operation.kind === "hold") {
        if (current && (current.state === "held" || current.state === "adopted")) return;
        donations += 1;
        const donationId = `don_PROP${donations}`;
        const adoption: AdoptionDetails = {
          initiativeId: INITIATIVE,
          units: operation.units,
          ...(operation.share ? { share: operation.share } : {}),
          recognition: { consent: false },
        };
        const hold = { donationId, adoption, expiresAt: new Date(Date.UTC(2000, 0)) };
        const share = operation.share;
        // Still contended after the store's retries (a busy machine): nothing was held, as the donor is told.
        const outcome = await (share
          ? inventory.holdShare(hold, total, (snapshot) => unitCompletedBy(snapshot, PRICE, share))
          : inventory.holdUnits(hold, total)
        ).catch((error: unknown) => {
          if (error instanceof BusyError) return { held: false as const };
          throw error;
        });
        if (outcome.held) {
          const unit = outcome.unitId ? { unitId: outcome.unitId } : {};
          adopters.set(k, { donationId, adoption: { ...adoption, ...unit }, state: "held" });
        }
        return;
      }
      if (!current) return;
      const { donationId, adoption } = current;
      if (operation.kind === "pay" && current.state === "held") {
        if (await inventory.convertHold(donationId, adoption, { name: null, units: adoption.units, since })) {
          current.state = "adopted";
        }
      } else if (operation.kind === "release" && current.state === "held") {
        if (await inventory.releaseHold(donationId, adoption)) current.state = "none";
      } else if (operation.kind === "ttl" && current.state === "held") {
        // The table's TTL deletes the hold; its stream record may come twice.
        await client.send(new DeleteCommand({ TableName: table, Key: keys.holdKey(donationId) }));
        await inventory.returnExpiredHold(donationId, adoption);
        await inventory.returnExpiredHold(donationId, adoption);
        current.state = "none";
      } else if (operation.kind === "end" && current.state === "adopted") {
        await inventory.scheduleEnd(donationId, since);
      }
    } finally {
      busy.delete(k);
    }
  };

  /** After a sweep, what it did to each adopter, read from the items it moves. */
  const reconcile = async () => {
    for (const adopter of adopters.values()) {
      if (adopter.state === "held" && !(await exists(keys.holdKey(adopter.donationId))))
        adopter.state = "none";
      if (
        adopter.state === "adopted" &&
        (await exists(keys.adoption(adopter.donationId)))?.state === "ended"
      ) {
        adopter.state = "ended";
      }
    }
  };

  try {
    for (const group of groups) {
      await Promise.all(group.map(apply));
      if (group.some((operation) => operation.kind === "sweep")) await reconcile();
      await checkInvariant();
    }
  } finally {
    await admin.send(new DeleteTableCommand({ TableName: table }));
  }

  /** The inventory as stored: counters never negative, everything accounted for, equal to the model. */
  async function checkInvariant() {
    const item = await exists(keys.inventory(INITIATIVE));
    if (!item) return;
    const snapshot = item as unknown as InventorySnapshot;
    for (const counter of [snapshot.free, snapshot.held, snapshot.adopted])
      expect(counter).toBeGreaterThanOrEqual(0);
    const started = Object.values(snapshot.started ?? {});
    for (const unit of started) {
      expect(unit.a).toBeGreaterThanOrEqual(0);
      expect(unit.h).toBeGreaterThanOrEqual(0);
      expect(unit.a + unit.h).toBeGreaterThan(0);
      expect(unit.a + unit.h).toBeLessThanOrEqual(PRICE);
    }
    // In units: adopted + held + free + units started by a share = total.
    expect(snapshot.adopted + snapshot.held + snapshot.free + started.length).toBe(total);
    const sum = (state: State) =>
      [...adopters.values()]
        .filter((adopter) => adopter.state === state)
        .reduce((total, { adoption }) => total + (shared ? (adoption.share ?? 0) : adoption.units), 0);
    if (shared) {
      // In money: every share held or paid is in its unit, and nothing else is.
      expect(started.reduce((total, unit) => total + unit.h, 0)).toBe(sum("held"));
      expect(started.reduce((total, unit) => total + unit.a, 0)).toBe(sum("adopted"));
    } else {
      expect(snapshot.held).toBe(sum("held"));
      expect(snapshot.adopted).toBe(sum("adopted"));
    }
  }
}

describe("the inventory under any interleaving of holds, payments, expiries, TTL removals, ends and sweeps", () => {
  it("keeps adopted + held + free = total, never negative, and equal to what succeeded", async () => {
    await fc.assert(fc.asyncProperty(scenario, run), { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) });
  }, 180_000); // 60 cases, each on tables of its own: a minute or more on a busy 2-core machine.
});
