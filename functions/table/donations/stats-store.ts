import { type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { Designation } from "../../../contract/vocabulary.ts";
import type { InventorySnapshot } from "../../domain/model.ts";
import type { DesignationTotalsRow, InitiativeTotalsRow, StatsStore, TotalsRow } from "../../domain/ports.ts";
import { ENTITY } from "../entities.ts";
import { allTotalsQuery } from "../keys.ts";

/**
 * Reads the TOTALS partition. One Query page (1 MB) holds several thousand rows of ~150 bytes, far more
 * initiatives than a council runs, so the request stays at one call; a second page is never fetched.
 */
export function createStatsStore(
  client: DynamoDBDocumentClient,
  tableName: string,
  onTruncated: (rows: number) => void = () => {},
): StatsStore {
  return {
    async allTotals() {
      const { Items = [], LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": allTotalsQuery.pk },
          ProjectionExpression:
            "entity, initiativeId, designation, currency, raised, donations, #total, #free, held, adopted, started",
          ExpressionAttributeNames: { "#total": "total", "#free": "free" },
        }),
      );
      if (LastEvaluatedKey) onTruncated(Items.length);
      const initiatives: InitiativeTotalsRow[] = [];
      const designations: DesignationTotalsRow[] = [];
      const generalFund: TotalsRow[] = [];
      const currencies: TotalsRow[] = [];
      const inventories = new Map<string, InventorySnapshot>();
      for (const item of Items) {
        const common = {
          currency: String(item.currency),
          raised: Number(item.raised ?? 0),
          donations: Number(item.donations ?? 0),
        };
        if (item.entity === ENTITY.inventory) {
          inventories.set(String(item.initiativeId), {
            total: Number(item.total),
            free: Number(item.free),
            held: Number(item.held ?? 0),
            adopted: Number(item.adopted ?? 0),
            started: (item.started as InventorySnapshot["started"]) ?? {},
            // Names are for the availability endpoint, not the cached statistics.
            adopters: {},
          });
        } else if (item.entity === ENTITY.generalFundTotals) generalFund.push(common);
        else if (item.entity === ENTITY.currencyTotals) currencies.push(common);
        else if (item.entity === ENTITY.designationTotals) {
          designations.push({ designation: item.designation as Designation, ...common });
        } else if (item.entity === ENTITY.initiativeTotals) {
          initiatives.push({ initiativeId: String(item.initiativeId), ...common });
        }
      }
      return { initiatives, generalFund, designations, currencies, inventories };
    },
  };
}
