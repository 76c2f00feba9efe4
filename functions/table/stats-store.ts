import { type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { StatsStore } from "../domain/ports.ts";
import { allInitiativeTotalsQuery } from "./keys.ts";

/**
 * Reads from the TOTALS partition. One Query page (1 MB) holds several thousand rows of ~150 bytes, far
 * more initiatives than a council runs, so the request stays at one call; a second page is never fetched.
 */
export function createStatsStore(
  client: DynamoDBDocumentClient,
  tableName: string,
  onTruncated: (rows: number) => void = () => {},
): StatsStore {
  return {
    async allInitiativeTotals() {
      const { Items = [], LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
          ExpressionAttributeValues: {
            ":pk": allInitiativeTotalsQuery.pk,
            ":prefix": allInitiativeTotalsQuery.skPrefix,
          },
          ProjectionExpression: "initiativeId, currency, raised, donations, unitsAdopted, unitsHeld",
        }),
      );
      if (LastEvaluatedKey) onTruncated(Items.length);
      return Items.map((item) => ({
        initiativeId: String(item.initiativeId),
        currency: String(item.currency),
        raised: Number(item.raised ?? 0),
        donations: Number(item.donations ?? 0),
        ...(item.unitsAdopted === undefined ? {} : { unitsAdopted: Number(item.unitsAdopted) }),
        ...(item.unitsHeld === undefined ? {} : { unitsHeld: Number(item.unitsHeld) }),
      }));
    },
  };
}
