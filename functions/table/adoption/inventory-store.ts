import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { HoldOutcome, HoldRecord, InventoryPort } from "../../domain/adoption/inventory.ts";
import { BusyError } from "../../domain/errors.ts";
import type { AdoptionDetails, InventorySnapshot } from "../../domain/model.ts";
import { ENTITY } from "../entities.ts";
import { adoptionsByEndQuery, holdsByExpiryQuery, keys } from "../keys.ts";
import { UpdateBuilder } from "../update-expression.ts";
import { createInventoryItem, type TransactItem } from "./inventory-item.ts";

/**
 * The inventory's operations for the domain (holds, adoptions, their ends, the sweep's queries), each one
 * move of the initiative's inventory item with the hold or adoption item that justifies it.
 */
export function createInventoryStore(client: DynamoDBDocumentClient, tableName: string): InventoryPort {
  const { update, run, read, ensure, shareMove, moveUnits } = createInventoryItem(client, tableName);
  const holdPut = (hold: HoldRecord): TransactItem => {
    const until = hold.expiresAt.toISOString();
    return {
      Put: {
        TableName: tableName,
        Item: {
          ...keys.hold(hold.donationId, until),
          entity: ENTITY.hold,
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
                entity: ENTITY.adoption,
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
            Item: { ...keys.holdReturned(donationId), entity: ENTITY.holdReturned },
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
