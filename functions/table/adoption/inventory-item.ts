import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  type TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import { type AdopterEntry, emptyInventory } from "../../domain/adoption/inventory.ts";
import type { AdoptionDetails, InventorySnapshot } from "../../domain/model.ts";
import { ENTITY } from "../entities.ts";
import { keys } from "../keys.ts";
import { transactWithRetries } from "../transact.ts";
import { UpdateBuilder } from "../update-expression.ts";

export type TransactItem = NonNullable<TransactWriteCommand["input"]["TransactItems"]>[number];

const MAX_ATTEMPTS = 4;
/** Collisions on a hot inventory item, retried with growing random pauses (about 0.6 s in all at most). */
const INVENTORY_RETRIES = { attempts: 6, pauseMs: (retry: number) => Math.random() * 20 * 2 ** retry };

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
/**
 * The inventory item of one initiative and the two ways it moves: one transaction that also writes the item
 * justifying the move (a hold, an adoption), and a share's move inside a started unit, conditional on the
 * unit as read. inventory-store.ts builds the operations the domain uses on these.
 */
export function createInventoryItem(client: DynamoDBDocumentClient, tableName: string) {
  const inventoryKey = (initiativeId: string) => keys.inventory(initiativeId);
  const update = (initiativeId: string, builder: UpdateBuilder, failures?: "ALL_OLD"): TransactItem => ({
    Update: {
      TableName: tableName,
      Key: inventoryKey(initiativeId),
      ...builder.build(),
      ...(failures ? { ReturnValuesOnConditionCheckFailure: failures } : {}),
    },
  });

  /**
   * One transaction. DynamoDB cancels transactions that collide on an item (TransactionConflict) rather
   * than queueing them; a popular initiative's last units draw exactly that, so a collision alone is
   * retried after a short random pause. A failed condition is an answer, not retried here.
   */
  async function run(items: TransactItem[]) {
    const outcome = await transactWithRetries(client, items, INVENTORY_RETRIES);
    return outcome.ok
      ? { ok: true as const }
      : {
          ok: false as const,
          reasons:
            outcome.error instanceof TransactionCanceledException
              ? (outcome.error.CancellationReasons ?? [])
              : [],
        };
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
    entity: ENTITY.inventory,
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

  return { update, run, read, ensure, shareMove, moveUnits };
}
