import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { LedgerEntry } from "../../../contract/finance/reconciliation.ts";
import type { ReconciliationStore } from "../../domain/finance/reconciliation/ports.ts";
import { parseExceptionId } from "../../domain/finance/reconciliation/reconciliation.ts";
import { movementId } from "../../domain/ledger.ts";
import { batchGet, batchPut } from "../batch.ts";
import { stripTableAttributes } from "../codecs/codec.ts";
import { ledgerEntryCodec, payoutCodec, reconExceptionCodec } from "../codecs/finance.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";
import { ENTITY } from "../entities.ts";
import {
  exceptionSortKeyPrefix,
  keys,
  ledgerMonthQuery,
  payoutPartitionQuery,
  payoutsByDateQuery,
  transactionSortKeyPrefix,
} from "../keys.ts";
import { monthsBetween, type QueryInput, queryAll as queryAllPages } from "../paging.ts";
import { transactWithRetries } from "../transact.ts";
import { createImportJobStore } from "./import-job-store.ts";
import { importItems, resolveItems, summaryItem } from "./payout-items.ts";

/** Resolves of exceptions of one payout share its row: a collision is tried again, up to seven attempts. */
const COLLISION_RETRIES = { attempts: 7, pauseMs: (retry: number) => Math.random() * 20 * 2 ** retry };

function toLedgerEntry(item: Record<string, unknown>): LedgerEntry {
  const { donationId, kind, ref, amount, at, chargeId, designation, fund, initiativeId } =
    ledgerEntryCodec.read(item);
  return {
    donationId,
    kind,
    ref,
    amount,
    at,
    ...(chargeId ? { chargeId } : {}),
    designation,
    fund,
    ...(initiativeId ? { initiativeId } : {}),
  };
}

export function createReconciliationStore(
  client: DynamoDBDocumentClient,
  tableName: string,
): ReconciliationStore {
  const queryAll = (input: QueryInput) => queryAllPages(client, tableName, input);

  return {
    ...createImportJobStore(client, tableName),

    async findPayout(payoutId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: keys.payoutKey(payoutId), ConsistentRead: true }),
      );
      return Item ? payoutCodec.read(Item) : undefined;
    },

    async ledgerEntries(refs) {
      const items = await batchGet(
        client,
        tableName,
        refs.map((ref) => {
          const { pk, sk } = keys.ledgerEntry(ref.donationId, ref.movementId, "");
          return { pk, sk };
        }),
      );
      return items.map(toLedgerEntry);
    },

    async ledgerBetween(from, to) {
      const entries: LedgerEntry[] = [];
      for (const month of monthsBetween(from, to)) {
        const query = ledgerMonthQuery(month);
        const items = await queryAll({
          IndexName: query.indexName,
          KeyConditionExpression: "gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to",
          ExpressionAttributeValues: { ":pk": query.gsi1pk, ":from": from, ":to": `${to}\uffff` },
        });
        entries.push(...items.map(toLedgerEntry));
      }
      return entries;
    },

    async matchedByOtherPayouts(payoutId, entries) {
      const markers = await batchGet(
        client,
        tableName,
        entries.map((entry) => keys.reconciledMovement(entry.donationId, movementId(entry))),
      );
      return new Set(
        markers
          .filter((marker) => marker.payoutId !== payoutId)
          .map((marker) => `${String(marker.donationId)}#${String(marker.movementId)}`),
      );
    },

    async saveImport(payout, transactions, result, importedAt, fundFees) {
      await batchPut(client, tableName, [
        ...importItems(payout, transactions, result),
        ...fundFees.map((row) => ({
          ...keys.fundFees(row.day, row.designation, row.fund, row.currency, row.payoutId),
          entity: ENTITY.fundFees,
          ...row,
        })),
      ]);
      // The summary goes last: while it is missing, the import is not done and will be redone whole.
      await batchPut(client, tableName, [summaryItem(payout, transactions, result, importedAt)]);
    },

    async findException(exceptionId) {
      const parts = parseExceptionId(exceptionId);
      if (!parts) return undefined;
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.payoutException(parts.payoutId, parts.subject, parts.reason),
          ConsistentRead: true,
        }),
      );
      return Item ? reconExceptionCodec.read(Item) : undefined;
    },

    async resolveException(exception, resolution, matched, fee) {
      const items = resolveItems(tableName, exception, resolution, matched, fee);
      // A collision with a concurrent resolve on the payout's row is tried again after a short random pause.
      const outcome = await transactWithRetries(client, items, COLLISION_RETRIES);
      if (outcome.ok) return "resolved";
      // The exception's own condition (the first item): someone else resolved it.
      if (outcome.codes[0] === "ConditionalCheckFailed") return "conflict";
      throw outcome.error;
    },

    async markReconciled(payoutId, by, at) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.payoutKey(payoutId),
            UpdateExpression: "SET reconciledAt = :at, reconciledBy = :by",
            ConditionExpression:
              "attribute_exists(pk) AND openExceptions = :zero AND totals.matchedNet = amount AND attribute_not_exists(reconciledAt)",
            ExpressionAttributeValues: { ":at": at, ":by": by, ":zero": 0 },
          }),
        );
        return "reconciled";
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return "conflict";
        throw error;
      }
    },

    async listPayouts(page) {
      const answer = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: payoutsByDateQuery.indexName,
          KeyConditionExpression: "gsi1pk = :pk",
          ExpressionAttributeValues: { ":pk": payoutsByDateQuery.gsi1pk },
          ScanIndexForward: false,
          Limit: Math.min(page.limit ?? 50, 100),
          ExclusiveStartKey: decodeCursor(page.cursor, { gsi1pk: payoutsByDateQuery.gsi1pk }),
        }),
      );
      const cursor = encodeCursor(answer.LastEvaluatedKey);
      const payouts = (answer.Items ?? []).map(payoutCodec.read);
      return cursor ? { payouts, cursor } : { payouts };
    },

    async payoutDetails(payoutId, page) {
      const answer = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": payoutPartitionQuery(payoutId).pk },
          Limit: Math.min(page.limit ?? 200, 500),
          ExclusiveStartKey: decodeCursor(page.cursor, { pk: payoutPartitionQuery(payoutId).pk }),
        }),
      );
      const items = answer.Items ?? [];
      const sortKey = (item: Record<string, unknown>) => String(item.sk);
      const cursor = encodeCursor(answer.LastEvaluatedKey);
      return {
        exceptions: items
          .filter((item) => sortKey(item).startsWith(exceptionSortKeyPrefix))
          .map(reconExceptionCodec.read),
        transactions: items
          .filter((item) => sortKey(item).startsWith(transactionSortKeyPrefix))
          .map(stripTableAttributes),
        ...(cursor ? { cursor } : {}),
      };
    },
  };
}
