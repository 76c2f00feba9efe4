import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type {
  ExportDonor,
  ExportJob,
  ExportJobStore,
  ExportLedgerEntry,
  ExportSource,
} from "../../domain/finance/exports/ports.ts";
import { entryKey } from "../../domain/finance/exports/ports.ts";
import type { PayoutSummary } from "../../domain/finance/reconciliation/ports.ts";
import type { Settlement } from "../../domain/finance/reconciliation/types.ts";
import { movementId } from "../../domain/ledger.ts";
import { batchGet } from "../batch.ts";
import { ENTITY } from "../entities.ts";
import { keys, ledgerMonthQuery, payoutsByDateQuery, pendingExportsQuery } from "../keys.ts";
import { monthsBetween, type QueryInput, queryAll as queryAllPages, stripKeys } from "../paging.ts";

const PENDING_LIMIT = 10;
const strip = stripKeys;

const jobItem = (job: ExportJob) => ({
  ...keys.exportJob(job.exportId),
  ...(job.status === "done" || job.status === "failed"
    ? {}
    : keys.exportPending(job.createdAt, job.exportId)),
  entity: ENTITY.financeExport,
  ...job,
});

function toEntry(item: Record<string, unknown>): ExportLedgerEntry {
  const entry = item as unknown as ExportLedgerEntry;
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
      return Item ? (strip(Item) as unknown as ExportJob) : undefined;
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
      return (answer.Items ?? []).map((item) => strip(item) as unknown as ExportJob);
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

    async settlementsOf(entries) {
      const markers = await batchGet(
        client,
        tableName,
        entries.map((entry) => keys.reconciledMovement(entry.donationId, entry.movementId)),
      );
      const transactions = await batchGet(
        client,
        tableName,
        markers.map((marker) =>
          keys.payoutTransaction(String(marker.payoutId), String(marker.transactionId)),
        ),
      );
      const settlementOf = new Map(
        transactions.map((item) => [`${item.payoutId}#${item.transactionId}`, item.settlement as Settlement]),
      );
      const settled = new Map<string, Settlement>();
      for (const marker of markers) {
        const settlement = settlementOf.get(`${marker.payoutId}#${marker.transactionId}`);
        if (settlement)
          settled.set(
            entryKey({ donationId: String(marker.donationId), movementId: String(marker.movementId) }),
            settlement,
          );
      }
      return settled;
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
      return items.map((item) => strip(item) as unknown as PayoutSummary);
    },
  };
}
