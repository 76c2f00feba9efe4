import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { ImportJob } from "../../../contract/finance/reconciliation.ts";
import { reconImportCodec } from "../codecs/finance.ts";
import { ENTITY } from "../entities.ts";
import { keys, pendingImportsQuery } from "../keys.ts";

/**
 * Import jobs of Stripe payouts: the API writes one (its INSERT wakes the finance worker through the
 * stream), the worker rewrites it with its progress; unfinished ones stay listed in gsi2 for the schedule.
 */
const PENDING_LIMIT = 10;

const jobItem = (job: ImportJob) => ({
  ...keys.reconImport(job.jobId),
  ...(job.status === "done" || job.status === "failed"
    ? {}
    : keys.reconImportPending(job.createdAt, job.jobId)),
  entity: ENTITY.reconImport,
  ...job,
});

export function createImportJobStore(client: DynamoDBDocumentClient, tableName: string) {
  return {
    async createImportJob(job: ImportJob) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: jobItem(job),
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    },
    async findImportJob(jobId: string) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: keys.reconImport(jobId), ConsistentRead: true }),
      );
      return Item ? reconImportCodec.read(Item) : undefined;
    },
    async updateImportJob(job: ImportJob) {
      await client.send(new PutCommand({ TableName: tableName, Item: jobItem(job) }));
    },
    async pendingImportJobs() {
      const answer = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: pendingImportsQuery.indexName,
          KeyConditionExpression: "gsi2pk = :pk",
          ExpressionAttributeValues: { ":pk": pendingImportsQuery.gsi2pk },
          Limit: PENDING_LIMIT,
        }),
      );
      return (answer.Items ?? []).map(reconImportCodec.read);
    },
  };
}
