import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { BusyError } from "../domain/errors.ts";
import {
  type AdopterEntry,
  emptyInventory,
  type HoldOutcome,
  type HoldRecord,
  type InventoryPort,
  type InventorySnapshot,
} from "../domain/inventory.ts";
import type { AdoptionDetails } from "../domain/ports.ts";
import { adoptionsByEndQuery, holdsByExpiryQuery, keys } from "./keys.ts";
import { UpdateBuilder } from "./update-expression.ts";

type TransactItem = NonNullable<TransactWriteCommand["input"]["TransactItems"]>[number];

const MAX_ATTEMPTS = 4;
/** Collisions on a hot inventory item, retried with growing random pauses (about 0.6 s in all at most). */
const CONFLICT_RETRIES = 5;

function snapshotOf(item: Record<string, unknown> | undefined, total: number): InventorySnapshot {
  if (!item) return emptyInventory(total);
  return {
    total: Number(item.total ?? total),
    free: Number(item.free ?? total),
    held: Number(item.held ?? 0),
    adopted: Number(item.adopted ?? 0),
    started: (item.started as InventorySnapshot["started"]) ?? {},
    adopters: (item.adopters as InventorySnapshot["adopters"]) ?? {},
  };
}

/**
 * The inventory item of each initiative and the hold and adoption items that move it. Every move of units
 * is one transaction with the item that justifies it (a hold created or deleted, an adoption started or
 * ended), and every counter change is conditional on the value it starts from, so no unit is given twice
 * and no counter goes below zero, however many requests race.
 */
export function createInventoryStore(client: DynamoDBDocumentClient, tableName: string) {
  const inventoryKey = (initiativeId: string) => keys.inventory(initiativeId);
  const update = (initiativeId: string, builder: UpdateBuilder, failures?: "ALL_OLD"): TransactItem => ({
    Update: {
      TableName: tableName,
      Key: inventoryKey(initiativeId),
      ...builder.build(),
      ...(failures ? { ReturnValuesOnConditionCheckFailure: failures } : {}),
    },
  });

  const holdPut = (hold: HoldRecord): TransactItem => {
    const until = hold.expiresAt.toISOString();
    return {
      Put: {
        TableName: tableName,
        Item: {
          ...keys.hold(hold.donationId, until),
          entity: "hold",
          donationId: hold.donationId,
          adoption: hold.adoption,
          holdUntil: until,
          // The table's TTL removes a hold nobody released; the stream then returns its units.
          expiresAt: Math.ceil(hold.expiresAt.getTime() / 1000),
        },
        ConditionExpression: "attribute_not_exists(pk)",
      },
    };
  };

  const holdDelete = (donationId: string): TransactItem => ({
    Delete: {
      TableName: tableName,
      Key: keys.holdKey(donationId),
      ConditionExpression: "attribute_exists(pk)",
    },
  });

  /**
   * One transaction. DynamoDB cancels transactions that collide on an item (TransactionConflict) rather
   * than queueing them; a popular initiative's last units draw exactly that, so a collision alone is
   * retried after a short random pause. A failed condition is an answer, not retried here.
   */
  async function run(items: TransactItem[]) {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await client.send(new TransactWriteCommand({ TransactItems: items }));
        return { ok: true as const };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        const conflictOnly =
          reasons.some((reason) => reason.Code === "TransactionConflict") &&
          !reasons.some((reason) => reason.Code === "ConditionalCheckFailed");
        if (!conflictOnly || attempt >= CONFLICT_RETRIES) return { ok: false as const, reasons };
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
      }
    }
  }

  async function read(initiativeId: string, total: number) {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: inventoryKey(initiativeId), ConsistentRead: true }),
    );
    return { snapshot: snapshotOf(Item, total), exists: Item !== undefined };
  }

  /** Shared units are tracked in maps inside the item, which must exist before a path into them is set. */
  async function ensure(initiativeId: string, total: number): Promise<void> {
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...inventoryKey(initiativeId), ...emptyItem(initiativeId, total) },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    } catch (error) {
      if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
    }
  }

  const emptyItem = (initiativeId: string, total: number) => ({
    entity: "inventory",
    initiativeId,
    ...emptyInventory(total),
  });

  /**
   * The change to a started unit when a share moves (held → adopted, or away), conditional on the unit as
   * read; a unit left with no share goes back to `free`.
   */
  function shareMove(
    builder: UpdateBuilder,
    unitId: string,
    before: { a: number; h: number },
    after: { a: number; h: number },
  ): UpdateBuilder {
    const unit = `started.${unitId}`;
    builder.condition(`${builder.path(`${unit}.a`)} = ${builder.value(before.a)}`);
    builder.condition(`${builder.path(`${unit}.h`)} = ${builder.value(before.h)}`);
    if (after.a + after.h === 0) return builder.remove(unit).add("free", 1);
    return builder.setValue(unit, after);
  }

  /**
   * Moves an adoption's units (or its share) between counters, in one transaction with the guard items that
   * make the move happen once (deleting the hold, ending the adoption...); false when a guard says it
   * happened already. A share's unit is read first and the write is conditional on it, so concurrent
   * moves of the two shares of one unit retry.
   */
  async function moveUnits(
    adoption: AdoptionDetails,
    move: { from: "held" | "adopted"; to: "free" | "adopted" },
    guards: TransactItem[],
    adopters: { set?: [string, AdopterEntry]; remove?: string } = {},
  ): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const builder = new UpdateBuilder();
      if (adoption.share && adoption.unitId) {
        const { snapshot } = await read(adoption.initiativeId, 0);
        const before = snapshot.started[adoption.unitId];
        if (!before) return false;
        const after = { ...before };
        if (move.from === "held") after.h -= adoption.share;
        else after.a -= adoption.share;
        if (move.to === "adopted") after.a += adoption.share;
        shareMove(builder, adoption.unitId, before, after);
      } else {
        builder.add(move.from, -adoption.units).add(move.to, adoption.units);
        builder.condition(`${builder.path(move.from)} >= ${builder.value(adoption.units)}`);
      }
      if (adopters.set) builder.setValue(`adopters.${adopters.set[0]}`, adopters.set[1]);
      if (adopters.remove) builder.remove(`adopters.${adopters.remove}`);
      const result = await run([...guards, update(adoption.initiativeId, builder)]);
      if (result.ok) return true;
      if (result.reasons.slice(0, guards.length).some((reason) => reason.Code === "ConditionalCheckFailed")) {
        return false;
      }
      // Another share of the same unit moved meanwhile: read it again.
    }
    throw new Error(`Could not move the units of ${adoption.initiativeId}`);
  }

  const dueQuery = async (query: { indexName: string; gsi1pk: string }, now: Date, limit: number) => {
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: query.indexName,
        KeyConditionExpression: "gsi1pk = :pk AND gsi1sk < :now",
        ExpressionAttributeValues: { ":pk": query.gsi1pk, ":now": now.toISOString() },
        Limit: limit,
      }),
    );
    return Items.map((item) => ({
      donationId: String(item.donationId),
      adoption: adoptionOf(item),
    }));
  };

  const store: InventoryPort = {
    read: async (initiativeId: string, total: number) => (await read(initiativeId, total)).snapshot,

    /** Holds whole units (or the whole initiative) in one conditional transaction; the free count when short. */
    async holdUnits(hold: HoldRecord, total: number): Promise<HoldOutcome> {
      const { initiativeId, units } = hold.adoption;
      // More than the initiative has could pass the condition below on an item not written yet.
      if (units > total) return { held: false, free: (await read(initiativeId, total)).snapshot.free };
      const builder = new UpdateBuilder();
      const free = builder.path("free");
      const n = builder.value(units);
      const zero = builder.value(0);
      const empty = builder.value({});
      builder
        .setValue("entity", "inventory")
        .setValue("initiativeId", initiativeId)
        .setValue("total", total)
        .set("free", (path) => `if_not_exists(${path}, ${builder.value(total)}) - ${n}`)
        .set("held", (path) => `if_not_exists(${path}, ${zero}) + ${n}`)
        .set("adopted", (path) => `if_not_exists(${path}, ${zero})`)
        .set("started", (path) => `if_not_exists(${path}, ${empty})`)
        .set("adopters", (path) => `if_not_exists(${path}, ${empty})`)
        .condition(`attribute_not_exists(${free}) OR ${free} >= ${n}`);
      const result = await run([update(initiativeId, builder, "ALL_OLD"), holdPut(hold)]);
      if (result.ok) return { held: true };
      if (result.reasons[0]?.Code !== "ConditionalCheckFailed")
        throw new BusyError("The units are in great demand");
      const item = result.reasons[0]?.Item as { free?: { N?: string } } | undefined;
      return { held: false, free: item?.free?.N === undefined ? total : Number(item.free.N) };
    },

    /**
     * Holds one share: completes the oldest started unit that needs exactly this share, or starts a free
     * unit (named after the donation). "contended" means another share moved first: try again.
     */
    async holdShare(
      hold: HoldRecord,
      total: number,
      completes: (snapshot: InventorySnapshot) => string | undefined,
    ): Promise<HoldOutcome> {
      const { initiativeId, share = 0 } = hold.adoption;
      const { snapshot, exists } = await read(initiativeId, total);
      if (!exists) await ensure(initiativeId, total);
      const unitId = completes(snapshot);
      if (!unitId && snapshot.free < 1) return { held: false, free: snapshot.free };
      const builder = new UpdateBuilder();
      const target = unitId ?? hold.donationId;
      const before = unitId ? snapshot.started[unitId] : undefined;
      if (before) {
        shareMove(builder, target, before, { a: before.a, h: before.h + share });
      } else {
        builder.condition(`attribute_not_exists(${builder.path(`started.${target}`)})`);
        builder.condition(`${builder.path("free")} >= ${builder.value(1)}`);
        builder.setValue(`started.${target}`, { a: 0, h: share }).add("free", -1);
      }
      const held = { ...hold, adoption: { ...hold.adoption, unitId: target } };
      const result = await run([update(initiativeId, builder), holdPut(held)]);
      if (result.ok) return { held: true, unitId: target };
      return { held: false, free: snapshot.free, contended: true };
    },

    releaseHold: (donationId, adoption) =>
      moveUnits(adoption, { from: "held", to: "free" }, [holdDelete(donationId)]),

    convertHold: (donationId, adoption, adopter) =>
      moveUnits(
        adoption,
        { from: "held", to: "adopted" },
        [
          holdDelete(donationId),
          {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.adoption(donationId),
                entity: "adoption",
                donationId,
                adoption,
                since: adopter.since,
                state: "active",
              },
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: keys.donation(donationId),
              UpdateExpression: "SET adoptedAt = if_not_exists(adoptedAt, :since)",
              ExpressionAttributeValues: { ":since": adopter.since },
            },
          },
        ],
        { set: [donationId, adopter] },
      ),

    async extendHold(donationId, until) {
      const at = until.toISOString();
      await client
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.holdKey(donationId),
            UpdateExpression: "SET holdUntil = :at, expiresAt = :ttl, gsi1sk = :sk",
            ConditionExpression: "attribute_exists(pk) AND holdUntil < :at",
            ExpressionAttributeValues: {
              ":at": at,
              ":ttl": Math.ceil(until.getTime() / 1000),
              ":sk": keys.hold(donationId, at).gsi1sk,
            },
          }),
        )
        .catch((error: Error) => {
          // No hold (given back already) or a later one: nothing to extend.
          if (error.name !== "ConditionalCheckFailedException") throw error;
        });
    },

    async scheduleEnd(donationId, endsAt) {
      await client
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.adoption(donationId),
            UpdateExpression: "SET endsAt = :at, gsi1pk = :pk, gsi1sk = :sk",
            // The latest paid period wins, whichever event told it first.
            ConditionExpression:
              "attribute_exists(pk) AND #state = :active AND (attribute_not_exists(endsAt) OR endsAt < :at)",
            ExpressionAttributeNames: { "#state": "state" },
            ExpressionAttributeValues: {
              ":at": endsAt,
              ":active": "active",
              ...prefixed(keys.adoptionEnding(endsAt, donationId)),
            },
          }),
        )
        .catch((error: Error) => {
          if (error.name !== "ConditionalCheckFailedException") throw error;
        });
    },

    endAdoption: (donationId, adoption) =>
      moveUnits(
        adoption,
        { from: "adopted", to: "free" },
        [
          {
            Update: {
              TableName: tableName,
              Key: keys.adoption(donationId),
              UpdateExpression: "SET #state = :ended REMOVE gsi1pk, gsi1sk",
              ConditionExpression: "#state = :active",
              ExpressionAttributeNames: { "#state": "state" },
              ExpressionAttributeValues: { ":ended": "ended", ":active": "active" },
            },
          },
        ],
        { remove: donationId },
      ),

    returnExpiredHold: (donationId, adoption) =>
      moveUnits(adoption, { from: "held", to: "free" }, [
        {
          Put: {
            TableName: tableName,
            Item: { ...keys.holdReturned(donationId), entity: "holdReturned" },
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
      ]),

    dueHolds: (now, limit) => dueQuery(holdsByExpiryQuery, now, limit),
    dueEnds: (now, limit) => dueQuery(adoptionsByEndQuery, now, limit),
  };
  return store;
}

/** gsi1 key attributes as expression values (`:pk`, `:sk`). */
function prefixed(key: { gsi1pk: string; gsi1sk: string }) {
  return { ":pk": key.gsi1pk, ":sk": key.gsi1sk };
}

function adoptionOf(item: Record<string, unknown>): AdoptionDetails {
  return item.adoption as AdoptionDetails;
}
