import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type {
  ExportDonor,
  ExportJob,
  ExportJobStore,
  ExportLedgerEntry,
  ExportSource,
} from "../../domain/finance/exports/ports.ts";
import { movementId } from "../../domain/ledger.ts";
import { batchGet } from "../batch.ts";
import { financeExportCodec, ledgerEntryCodec, payoutCodec } from "../codecs/finance.ts";
import { ENTITY } from "../entities.ts";
import { keys, ledgerMonthQuery, payoutsByDateQuery, pendingExportsQuery } from "../keys.ts";
import { monthsBetween, type QueryInput, queryAll as queryAllPages } from "../paging.ts";

const PENDING_LIMIT = 10;

const jobItem = (job: ExportJob) => ({
  ...keys.exportJob(job.exportId),
  ...(job.status === "done" || job.status === "failed"
    ? {}
    : keys.exportPending(job.createdAt, job.exportId)),
  entity: ENTITY.financeExport,
  ...job,
});

function toEntry(item: Record<string, unknown>): ExportLedgerEntry {
  const entry = ledgerEntryCodec.read(item);
  return {
    donationId: entry.donationId,
    movementId: movementId(entry),
    kind: entry.kind,
    ref: entry.ref,
    amount: entry.amount,
    at: entry.at,
    ...(entry.chargeId ? { chargeId: entry.chargeId } : {}),
    designation: entry.designation,
    fund: entry.fund,
    ...(entry.initiativeId ? { initiativeId: entry.initiativeId } : {}),
    ...(entry.interval ? { interval: entry.interval } : {}),
  };
}

/** Export jobs, and the reads the export worker builds files from (each paged to the end: a job's reads). */
export function createExportStore(
  client: DynamoDBDocumentClient,
  tableName: string,
): ExportJobStore & ExportSource {
  const queryAll = (input: QueryInput) => queryAllPages(client, tableName, input);

  return {
    async createExportJob(job) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: jobItem(job),
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    },
    async findExportJob(exportId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: keys.exportJob(exportId), ConsistentRead: true }),
      );
      return Item ? financeExportCodec.read(Item) : undefined;
    },
    async updateExportJob(job) {
      await client.send(new PutCommand({ TableName: tableName, Item: jobItem(job) }));
    },
    async pendingExportJobs() {
      const answer = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: pendingExportsQuery.indexName,
          KeyConditionExpression: "gsi2pk = :pk",
          ExpressionAttributeValues: { ":pk": pendingExportsQuery.gsi2pk },
          Limit: PENDING_LIMIT,
        }),
      );
      return (answer.Items ?? []).map(financeExportCodec.read);
    },

    async ledgerBetween(fromAt, toAt) {
      const entries: ExportLedgerEntry[] = [];
      for (const month of monthsBetween(fromAt, toAt)) {
        const query = ledgerMonthQuery(month);
        const items = await queryAll({
          IndexName: query.indexName,
          KeyConditionExpression: "gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to",
          ExpressionAttributeValues: { ":pk": query.gsi1pk, ":from": fromAt, ":to": `${toAt}\uffff` },
        });
        entries.push(...items.map(toEntry));
      }
      return entries;
    },

    async donorsOf(donationIds) {
      const items = await batchGet(
        client,
        tableName,
        donationIds.map((id) => keys.donation(id)),
      );
      const donors = new Map<string, ExportDonor>();
      for (const item of items) {
        const donor = (item.donor ?? {}) as Partial<ExportDonor>;
        donors.set(String(item.donationId), { name: donor.name ?? "", email: donor.email ?? "" });
      }
      return donors;
    },

    async payoutsBetween(fromAt, toAt) {
      const items = await queryAll({
        IndexName: payoutsByDateQuery.indexName,
        KeyConditionExpression: "gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to",
        ExpressionAttributeValues: {
          ":pk": payoutsByDateQuery.gsi1pk,
          ":from": fromAt,
          ":to": `${toAt}\uffff`,
        },
      });
      return items.map(payoutCodec.read);
    },
  };
}
