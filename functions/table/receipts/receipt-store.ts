import { ConditionalCheckFailedException, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { ReceiptDocument } from "../../../contract/receipts/document.ts";
import type { ReceiptRequest, ReceiptStore, StoredReceipt } from "../../domain/receipts/receipts.ts";
import { stripTableAttributes } from "../codecs/codec.ts";
import { ENTITY } from "../entities.ts";
import { keys, receiptQueueQuery, receiptsAwaitingMailQuery } from "../keys.ts";

function withoutKeys<T>(item: Record<string, unknown>): T {
  const { mailLeaseUntil: _lease, mailAttempts: _attempts, ...rest } = stripTableAttributes(item);
  return rest as T;
}

/**
 * Links the receipt from the payment's row in the donor's history. That row was written with the receipt
 * request, in the same transaction, so it exists whenever the request does.
 */
function historyReceipt(tableName: string, request: ReceiptRequest, receipt: ReceiptDocument) {
  const { donation, movement, movementId } = request;
  return {
    Update: {
      TableName: tableName,
      Key: keys.donorGift(donation.donorId as string, movement.at, donation.donationId, movementId),
      UpdateExpression: "SET receipt = :receipt",
      ExpressionAttributeValues: {
        ":receipt": { number: receipt.receiptNumber, accessToken: receipt.accessToken },
      },
    },
  };
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
      const counter = Items.find((item) => item.entity === ENTITY.receiptCounter);
      const requests = Items.filter((item) => item.entity === ENTITY.receiptRequest)
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
            ":entity": ENTITY.receiptCounter,
            ":next": lastIssued + receipts.length,
            ...(lastIssued === 0 ? {} : { ":previous": lastIssued }),
          },
        },
      };
      const perReceipt = receipts.flatMap(({ request, receipt }) => [
        {
          Put: {
            TableName: tableName,
            Item: {
              ...keys.receipt(receipt.receiptNumber),
              ...keys.receiptAwaitingMail(receipt.receiptNumber),
              entity: ENTITY.receipt,
              ...receipt,
              ...(request.donation.dedication?.notify
                ? { dedicationNotify: request.donation.dedication.notify }
                : {}),
            },
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: {
              ...keys.receiptOfPayment(receipt.donationId, request.movementId),
              entity: ENTITY.receiptOfPayment,
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
        ...(request.donation.donorId ? [historyReceipt(tableName, request, receipt)] : []),
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
      return Item ? withoutKeys<StoredReceipt>(Item) : undefined;
    },

    async awaitingMail(limit) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: receiptsAwaitingMailQuery.indexName,
          KeyConditionExpression: "gsi2pk = :pk",
          ExpressionAttributeValues: { ":pk": receiptsAwaitingMailQuery.gsi2pk },
          Limit: limit,
        }),
      );
      return Items.map((item) => withoutKeys<StoredReceipt>(item));
    },

    async leaseMail(receiptNumber, now, leaseSeconds) {
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.receipt(receiptNumber),
            UpdateExpression: "SET mailLeaseUntil = :until ADD mailAttempts :one",
            ConditionExpression:
              "attribute_exists(gsi2pk) AND (attribute_not_exists(mailLeaseUntil) OR mailLeaseUntil < :now)",
            ExpressionAttributeValues: {
              ":until": new Date(now.getTime() + leaseSeconds * 1000).toISOString(),
              ":now": now.toISOString(),
              ":one": 1,
            },
            ReturnValues: "UPDATED_NEW",
          }),
        );
        return Number(Attributes?.mailAttempts ?? 1);
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return undefined;
        throw error;
      }
    },

    async markMailed(receiptNumber, at, outcome) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.receipt(receiptNumber),
          UpdateExpression: `SET ${outcome === "sent" ? "emailedAt" : "mailGaveUpAt"} = :at REMOVE gsi2pk, gsi2sk, mailLeaseUntil`,
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeValues: { ":at": at },
        }),
      );
    },

    async claimDedicationCard(donationId) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.dedicationCard(donationId), entity: ENTITY.dedicationCard },
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async releaseDedicationCard(donationId) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: keys.dedicationCard(donationId) }));
    },
  };
}
