import { DescribeTableCommand, DescribeTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, inject, it } from "vitest";
import { createTableInput, TTL_ATTRIBUTE } from "../../functions/table/definition.ts";
import { ensureTable, localClient } from "../../local/dynamodb-local.ts";

const sortByName = <T extends { AttributeName?: string; IndexName?: string }>(items: T[] = []) =>
  [...items].sort((a, b) =>
    String(a.AttributeName ?? a.IndexName).localeCompare(String(b.AttributeName ?? b.IndexName)),
  );

describe("local bootstrap of the table", () => {
  it("creates exactly the table the shared definition describes (the CDK stack uses the same module)", async () => {
    const name = "athar-definition-check";
    const endpoint = inject("dynamodbEndpoint");
    await ensureTable(endpoint, name);
    await ensureTable(endpoint, name); // idempotent: a second start keeps the table
    const client = localClient(endpoint);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
    client.destroy();

    const expected = createTableInput(name);
    expect(Table?.KeySchema).toEqual(expected.KeySchema);
    expect(sortByName(Table?.AttributeDefinitions)).toEqual(sortByName(expected.AttributeDefinitions));
    expect(
      sortByName(Table?.GlobalSecondaryIndexes).map(({ IndexName, KeySchema, Projection }) => ({
        IndexName,
        KeySchema,
        Projection,
      })),
    ).toEqual(sortByName(expected.GlobalSecondaryIndexes));
    expect(Table?.BillingModeSummary?.BillingMode).toBe("PAY_PER_REQUEST");
    expect(TimeToLiveDescription).toMatchObject({
      AttributeName: TTL_ATTRIBUTE,
      TimeToLiveStatus: "ENABLED",
    });
  });
});
