import { type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";

/** Shared by the workers' reads: a Query paged to its end, the ledger's month partitions. */
export type QueryInput = Omit<ConstructorParameters<typeof QueryCommand>[0], "TableName">;

/** Every page of a Query (workers only: a request reads one page). */
export async function queryAll(client: DynamoDBDocumentClient, tableName: string, input: QueryInput) {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({ TableName: tableName, ...input, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Every month from `from`'s to `to`'s (yyyy-mm), for the ledger's month partitions of gsi1. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  const cursor = new Date(`${from.slice(0, 7)}-01T00:00:00Z`);
  while (cursor.toISOString().slice(0, 7) <= to.slice(0, 7)) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
}
