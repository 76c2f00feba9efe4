import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { ReceiptDocument } from "../domain/receipt-document.ts";
import type { ReceiptRequest, ReceiptStore } from "../domain/receipts.ts";
import { keys, receiptQueueQuery } from "./keys.ts";

type ReceiptItem = ReceiptDocument & { emailedAt?: string };

function withoutKeys<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, entity: _entity, ...rest } = item;
  return rest as T;
}

/**
 * The receipt sequence of each calendar year: a counter, the payments waiting for a number, and the
 * issued receipts. Numbers are issued in transactions conditional on the counter's value, so concurrent
 * sequencers can never issue the same number twice or skip one.
 */
export function createReceiptStore(client: DynamoDBDocumentClient, tableName: string): ReceiptStore {
  return {
    async waiting(year, limit) {
      // One Query: the counter sorts first, then the oldest requests.
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": receiptQueueQuery(year).pk },
          ConsistentRead: true,
          Limit: limit + 1,
        }),
      );
      const counter = Items.find((item) => item.entity === "receiptCounter");
      const requests = Items.filter((item) => item.entity === "receiptRequest")
        .slice(0, limit)
        .map((item) => ({
          ...withoutKeys<Omit<ReceiptRequest, "queueKey">>(item),
          queueKey: { pk: String(item.pk), sk: String(item.sk) },
        }));
      return { lastIssued: Number(counter?.lastIssued ?? 0), requests };
    },

    async issue(year, lastIssued, receipts) {
      const counter = {
        Update: {
          TableName: tableName,
          Key: keys.receiptCounter(year),
          UpdateExpression: "SET entity = :entity, lastIssued = :next",
          ConditionExpression:
            lastIssued === 0 ? "attribute_not_exists(lastIssued)" : "lastIssued = :previous",
          ExpressionAttributeValues: {
            ":entity": "receiptCounter",
            ":next": lastIssued + receipts.length,
            ...(lastIssued === 0 ? {} : { ":previous": lastIssued }),
          },
        },
      };
      const perReceipt = receipts.flatMap(({ request, receipt }) => [
        {
          Put: {
            TableName: tableName,
            Item: { ...keys.receipt(receipt.receiptNumber), entity: "receipt", ...receipt },
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: {
              ...keys.receiptOfPayment(receipt.donationId, request.movementId),
              entity: "receiptOfPayment",
              receiptNumber: receipt.receiptNumber,
            },
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
        {
          Delete: {
            TableName: tableName,
            Key: request.queueKey,
            ConditionExpression: "attribute_exists(pk)",
          },
        },
      ]);
      try {
        await client.send(new TransactWriteCommand({ TransactItems: [counter, ...perReceipt] }));
        return "issued";
      } catch (error) {
        // Another sequencer moved the counter or took these requests first: read again and retry.
        if (error instanceof TransactionCanceledException) return "conflict";
        throw error;
      }
    },

    async find(receiptNumber) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: keys.receipt(receiptNumber) }),
      );
      return Item ? withoutKeys<ReceiptItem>(Item) : undefined;
    },

    async markEmailed(receiptNumber, at) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.receipt(receiptNumber),
          UpdateExpression: "SET emailedAt = :at",
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeValues: { ":at": at },
        }),
      );
    },
  };
}
