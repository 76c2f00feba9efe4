import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** DynamoDB's own limits per call. */
const GET_LIMIT = 100;
const WRITE_LIMIT = 25;
/** Unprocessed keys come back under throttling; a few rounds with a short pause get them through. */
const MAX_ROUNDS = 8;
const pause = (round: number) => new Promise((resolve) => setTimeout(resolve, 20 * 2 ** round));

type Key = Record<string, unknown>;

/** Reads many items by key, 100 per call, retrying what DynamoDB leaves unprocessed. */
export async function batchGet(client: DynamoDBDocumentClient, tableName: string, keys: readonly Key[]) {
  const found: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += GET_LIMIT) {
    let pending: Key[] | undefined = keys.slice(start, start + GET_LIMIT);
    for (let round = 0; pending && pending.length > 0; round += 1) {
      if (round >= MAX_ROUNDS) throw new Error(`BatchGet left ${pending.length} keys unprocessed`);
      if (round > 0) await pause(round);
      const answer = await client.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      found.push(...(answer.Responses?.[tableName] ?? []));
      pending = answer.UnprocessedKeys?.[tableName]?.Keys as Key[] | undefined;
    }
  }
  return found;
}

/** Puts many items, 25 per call, retrying what DynamoDB leaves unprocessed. */
export async function batchPut(client: DynamoDBDocumentClient, tableName: string, items: readonly Key[]) {
  for (let start = 0; start < items.length; start += WRITE_LIMIT) {
    let pending = items.slice(start, start + WRITE_LIMIT).map((Item) => ({ PutRequest: { Item } }));
    for (let round = 0; pending.length > 0; round += 1) {
      if (round >= MAX_ROUNDS) throw new Error(`BatchWrite left ${pending.length} items unprocessed`);
      if (round > 0) await pause(round);
      const answer = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (answer.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  }
}
