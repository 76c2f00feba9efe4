/**
 * The single DynamoDB table, described once. The CDK stack and the local bootstrap both derive their
 * table from this object, so deployed and local tables cannot drift (tests/infra proves it).
 */
export const TABLE_KEY_ATTRIBUTES = { partitionKey: "pk", sortKey: "sk" } as const;

/** Generic global secondary indexes: the attribute names carry no entity meaning (single-table design). */
export const GLOBAL_INDEXES = [
  { indexName: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
  { indexName: "gsi2", partitionKey: "gsi2pk", sortKey: "gsi2sk" },
] as const;

/** Epoch seconds after which DynamoDB may delete the item (checkout holds, rate-limit windows, expired links). */
export const TTL_ATTRIBUTE = "expiresAt";

/**
 * The table's stream carries new and old images: the receipt worker is woken by receipt requests written
 * with payments, and the hold worker by holds the TTL deleted (functions/routes.ts filters the records).
 */
export const STREAM_VIEW_TYPE = "NEW_AND_OLD_IMAGES" as const;

export type GlobalIndexName = (typeof GLOBAL_INDEXES)[number]["indexName"];

/** The table in CreateTable's own shape (all key attributes are strings), used by local bootstrap. */
export function createTableInput(tableName: string) {
  const stringAttribute = (AttributeName: string) => ({ AttributeName, AttributeType: "S" as const });
  const attributeNames = [
    TABLE_KEY_ATTRIBUTES.partitionKey,
    TABLE_KEY_ATTRIBUTES.sortKey,
    ...GLOBAL_INDEXES.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST" as const,
    StreamSpecification: { StreamEnabled: true, StreamViewType: STREAM_VIEW_TYPE },
    AttributeDefinitions: attributeNames.map(stringAttribute),
    KeySchema: [
      { AttributeName: TABLE_KEY_ATTRIBUTES.partitionKey, KeyType: "HASH" as const },
      { AttributeName: TABLE_KEY_ATTRIBUTES.sortKey, KeyType: "RANGE" as const },
    ],
    GlobalSecondaryIndexes: GLOBAL_INDEXES.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: "HASH" as const },
        { AttributeName: index.sortKey, KeyType: "RANGE" as const },
      ],
      Projection: { ProjectionType: "ALL" as const },
    })),
  };
}
