import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { ErasureStore, StoredItem } from "../../domain/erasure/erasure.ts";
import { donationPartitionQuery, donorDonationsQuery, keys, pendingErasuresQuery } from "../keys.ts";
import { UpdateBuilder } from "../update-expression.ts";

const ignoreMissing = (error: unknown) => {
  // The item went meanwhile (a queued request numbered, a hold released): nothing left to erase there.
  if (!(error instanceof ConditionalCheckFailedException)) throw error;
};

/** The erasure worker's reads and writes: none on a request path, each bounded by the donor's own data. */
export function createErasureStore(client: DynamoDBDocumentClient, tableName: string): ErasureStore {
  const get = async (key: { pk: string; sk: string }) => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
    );
    return Item as StoredItem | undefined;
  };

  const queryAll = async (pk: string, limit?: number) => {
    const items: StoredItem[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": pk },
          ConsistentRead: true,
          ...(limit ? { Limit: limit } : {}),
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      items.push(...((page.Items ?? []) as StoredItem[]));
      start = limit ? undefined : page.LastEvaluatedKey;
    } while (start);
    return items;
  };

  return {
    async pending(limit) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: pendingErasuresQuery.indexName,
          KeyConditionExpression: "gsi1pk = :pk",
          ExpressionAttributeValues: { ":pk": pendingErasuresQuery.gsi1pk },
          Limit: limit,
        }),
      );
      return Items.map((item) => String(item.donorId));
    },

    async donorDonations(donorId, after) {
      const query = donorDonationsQuery(donorId);
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: query.indexName,
          KeyConditionExpression: "gsi2pk = :pk",
          ExpressionAttributeValues: { ":pk": query.gsi2pk },
          ProjectionExpression: "donationId",
          Limit: 100,
          // Only the worker pages here, so the cursor is the index's own key, not a client's.
          ...(after
            ? { ExclusiveStartKey: JSON.parse(Buffer.from(after, "base64url").toString("utf8")) }
            : {}),
        }),
      );
      const donationIds = (page.Items ?? []).map((item) => String(item.donationId));
      const next = page.LastEvaluatedKey;
      return next
        ? { donationIds, cursor: Buffer.from(JSON.stringify(next)).toString("base64url") }
        : { donationIds };
    },

    donorRows: (donorId, limit) => queryAll(keys.donorProfile(donorId).pk, limit),

    async deleteDonorRows(rows) {
      for (const row of rows) {
        await client.send(new DeleteCommand({ TableName: tableName, Key: { pk: row.pk, sk: row.sk } }));
      }
    },

    donationItems: (donationId) => queryAll(donationPartitionQuery(donationId).pk),

    receipt: (receiptNumber) => get(keys.receipt(receiptNumber)),

    queuedReceiptRequest: (year, at, donationId, movementId) =>
      get(keys.receiptRequest(year, at, donationId, movementId)),

    async edit(item, edits) {
      const builder = new UpdateBuilder();
      for (const [path, value] of edits.set) builder.setValue(path.join("."), value);
      for (const path of edits.remove) builder.remove(path.join("."));
      builder.condition("attribute_exists(pk)");
      await client
        .send(
          new UpdateCommand({ TableName: tableName, Key: { pk: item.pk, sk: item.sk }, ...builder.build() }),
        )
        .catch(ignoreMissing);
    },

    async forgetAdopterName(initiativeId, donationId) {
      const builder = new UpdateBuilder();
      const adopter = `adopters.${donationId}`;
      builder.setValue(`${adopter}.name`, null);
      builder.condition(`attribute_exists(${builder.path(adopter)})`);
      await client
        .send(
          new UpdateCommand({ TableName: tableName, Key: keys.inventory(initiativeId), ...builder.build() }),
        )
        .catch(ignoreMissing);
    },

    async finish(donorId, at) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.erasureRequest(donorId),
          UpdateExpression: "SET #status = :done, doneAt = :at REMOVE gsi1pk, gsi1sk",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":done": "done", ":at": at },
        }),
      );
    },
  };
}
