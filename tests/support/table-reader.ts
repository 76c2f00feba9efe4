/**
 * Reads the test's table directly, to check what requests wrote. Scans are fine here: tests only,
 * on a table holding a few items, never on a request path.
 */
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  ScanCommand,
} from "@aws-sdk/lib-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { keys } from "../../functions/table/keys.ts";
import { localClient } from "../../local/dynamodb-local.ts";

export function tableReader() {
  const endpoint = process.env.DYNAMODB_ENDPOINT ?? "";
  const TableName = process.env.TABLE_NAME ?? "";
  const client = DynamoDBDocumentClient.from(localClient(endpoint));
  return {
    async allItems() {
      const { Items = [] } = await client.send(new ScanCommand({ TableName, ConsistentRead: true }));
      return Items;
    },
    async donation(donationId: string) {
      const { Item } = await client.send(
        new GetCommand({ TableName, Key: keys.donation(donationId), ConsistentRead: true }),
      );
      return Item;
    },
    async ledgerEntries(donationId: string) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :ledger)",
          ExpressionAttributeValues: { ":pk": keys.donation(donationId).pk, ":ledger": "LEDGER#" },
          ConsistentRead: true,
        }),
      );
      return Items;
    },
    async totals(initiativeId: string, currency: string) {
      const { Item } = await client.send(
        new GetCommand({
          TableName,
          Key: keys.initiativeTotals(initiativeId, currency),
          ConsistentRead: true,
        }),
      );
      return Item;
    },
    /** Any totals row by its key (see functions/table/keys.ts). */
    async row(key: { pk: string; sk: string }) {
      const { Item } = await client.send(new GetCommand({ TableName, Key: key, ConsistentRead: true }));
      return Item;
    },
    /** Every receipt issued for the donation's payments, with its document. */
    async receiptsOf(donationId: string) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :receipt)",
          ExpressionAttributeValues: { ":pk": keys.donation(donationId).pk, ":receipt": "RECEIPT#" },
          ConsistentRead: true,
        }),
      );
      return Promise.all(
        Items.map(async (item) => {
          const { Item } = await client.send(
            new GetCommand({
              TableName,
              Key: keys.receipt(String(item.receiptNumber)),
              ConsistentRead: true,
            }),
          );
          return Item;
        }),
      );
    },
    /** Deletes an item as something outside the product would (the table's TTL). */
    async remove(key: { pk: string; sk: string }) {
      await client.send(new DeleteCommand({ TableName, Key: key }));
    },
    /** An item in the stream's wire format (a record's OldImage). */
    marshall: (item: Record<string, unknown>) => marshall(item, { removeUndefinedValues: true }),
    close: () => client.destroy(),
  };
}
