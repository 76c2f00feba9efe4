import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import type { Locale } from "../../../content/locales.ts";
import type { DonorDataStore, StoredRecord } from "../../domain/erasure/data-rights.ts";
import { ENTITY } from "../entities.ts";
import { donorGiftsQuery, keys } from "../keys.ts";
import { sessionAnchorOf } from "./session-epoch.ts";

/** BatchGet may leave keys unprocessed under load; a few more calls fetch them, never unboundedly. */
const MAX_BATCH_ATTEMPTS = 3;

/** An item as plain JSON: no table keys, and sets (DynamoDB's string sets) as sorted arrays. */
export function plainRecord(item: Record<string, unknown>): StoredRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g1s, gsi2pk: _g2, gsi2sk: _g2s, ...rest } = item;
  return JSON.parse(
    JSON.stringify(rest, (_key, value) => (value instanceof Set ? [...value].sort() : value)),
  ) as StoredRecord;
}

/** The cursor is only the sort key of the last row read: the partition always comes from the session. */
const encodeCursor = (sk: string) => Buffer.from(sk, "utf8").toString("base64url");
const decodeCursor = (cursor: string) => Buffer.from(cursor, "base64url").toString("utf8");

export function createDonorDataStore(client: DynamoDBDocumentClient, tableName: string): DonorDataStore {
  return {
    async profile(donorId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: keys.donorProfile(donorId), ConsistentRead: true }),
      );
      if (!Item) return undefined;
      return {
        ...sessionAnchorOf(Item),
        ...(typeof Item.name === "string" ? { name: Item.name } : {}),
        ...(typeof Item.locale === "string" ? { locale: Item.locale as Locale } : {}),
        ...(typeof Item.firstGiftAt === "string" ? { firstGiftAt: Item.firstGiftAt } : {}),
      };
    },

    async giftsPage(donorId, cursor, limit) {
      const query = donorGiftsQuery(donorId);
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      // A cursor that is not one of this donor's history rows starts nowhere useful: refuse it.
      if (after !== undefined && !after.startsWith(query.skPrefix)) return { gifts: [] };
      const { Items = [], LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
          ExpressionAttributeValues: { ":pk": query.pk, ":prefix": query.skPrefix },
          ...(after ? { ExclusiveStartKey: { pk: query.pk, sk: after } } : {}),
          Limit: limit,
          ConsistentRead: true,
        }),
      );
      const last = LastEvaluatedKey?.sk;
      return {
        gifts: Items.map(plainRecord),
        ...(typeof last === "string" ? { next: encodeCursor(last) } : {}),
      };
    },

    async donations(donationIds) {
      let pending = donationIds.map((id) => keys.donation(id));
      const found: StoredRecord[] = [];
      for (let attempt = 1; pending.length > 0 && attempt <= MAX_BATCH_ATTEMPTS; attempt += 1) {
        const { Responses, UnprocessedKeys } = await client.send(
          new BatchGetCommand({
            RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } },
          }),
        );
        found.push(...(Responses?.[tableName] ?? []).map(plainRecord));
        pending = (UnprocessedKeys?.[tableName]?.Keys ?? []) as typeof pending;
      }
      if (pending.length > 0) throw new Error("Donations could not all be read; try again");
      return found.sort((a, b) => String(a.donationId).localeCompare(String(b.donationId)));
    },

    async requestErasure(donorId, session, requestedAt) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: keys.donorProfile(donorId),
                  UpdateExpression: "ADD sessionEpoch :one",
                  // functions/domain/account/session-liveness.ts, as a condition.
                  ConditionExpression:
                    "attribute_exists(pk) AND (attribute_not_exists(sessionEpoch) OR sessionEpoch <= :epoch) " +
                    "AND (attribute_not_exists(bornAt) OR bornAt < :signedBefore)",
                  ExpressionAttributeValues: {
                    ":one": 1,
                    ":epoch": session.epoch,
                    ":signedBefore": session.signedBefore,
                  },
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...keys.erasureRequest(donorId),
                    ...keys.erasurePending(requestedAt, donorId),
                    entity: ENTITY.erasureRequest,
                    donorId,
                    requestedAt,
                    status: "scheduled",
                  },
                },
              },
            ],
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof TransactionCanceledException) return false;
        throw error;
      }
    },
  };
}
