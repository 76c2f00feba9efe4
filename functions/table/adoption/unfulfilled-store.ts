import { ConditionalCheckFailedException, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { UnfulfilledAdoption } from "../../../contract/finance/views.ts";
import { type UnfulfilledAdoptionStore, unfulfilledExceptionId } from "../../domain/adoption/unfulfilled.ts";
import { unfulfilledAdoptionCodec } from "../codecs/adoption.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";
import { fundUpdates } from "../donations/fund-writes.ts";
import { ENTITY } from "../entities.ts";
import { keys, openUnfulfilledQuery } from "../keys.ts";

const PAGE = 50;

/**
 * Unfulfilled adoptions, one item per payment (`UNFULFILLED#<donationId>.<ref>`), in gsi1 while open. Its
 * status moves only by conditional writes, so of two finance officers resolving at once one does.
 */
export function createUnfulfilledStore(
  client: DynamoDBDocumentClient,
  tableName: string,
): UnfulfilledAdoptionStore {
  const key = (exceptionId: string) => keys.unfulfilledAdoption(exceptionId);
  /** A status move, only from `from`; leaving the open list unless a refund is under way. */
  const resolved = (
    exceptionId: string,
    from: string,
    to: string,
    resolution?: UnfulfilledAdoption["resolution"],
  ) => ({
    TableName: tableName,
    Key: key(exceptionId),
    UpdateExpression: `SET #status = :to${resolution ? ", resolution = :resolution" : ""}${to === "refunding" ? "" : " REMOVE gsi1pk, gsi1sk"}`,
    ConditionExpression: "#status = :from",
    ExpressionAttributeNames: { "#status": "status" },
    ExpressionAttributeValues: {
      ":from": from,
      ":to": to,
      ...(resolution ? { ":resolution": resolution } : {}),
    },
  });

  return {
    async record(donation, payment, at) {
      const adoption = donation.adoption;
      if (!adoption || donation.fund.kind !== "initiative") return;
      const exceptionId = unfulfilledExceptionId(donation.donationId, payment.ref);
      const item: UnfulfilledAdoption = {
        exceptionId,
        donationId: donation.donationId,
        initiativeId: donation.fund.initiativeId,
        units: adoption.units,
        ...(adoption.share ? { share: adoption.share } : {}),
        designation: donation.designation,
        interval: donation.interval,
        ...(donation.subscriptionId ? { subscriptionId: donation.subscriptionId } : {}),
        payment: { ref: payment.ref, amount: payment.amount, at: payment.at },
        recordedAt: at,
        status: "open",
      };
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...key(exceptionId),
              ...keys.unfulfilledOpen(at, exceptionId),
              entity: ENTITY.unfulfilledAdoption,
              ...item,
            },
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        );
      } catch (error) {
        // Recorded at an earlier delivery of the same payment (its status may have moved on since).
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },

    async find(exceptionId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: key(exceptionId), ConsistentRead: true }),
      );
      return Item ? unfulfilledAdoptionCodec.read(Item) : undefined;
    },

    async listOpen(cursor) {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: openUnfulfilledQuery.indexName,
          KeyConditionExpression: "gsi1pk = :pk",
          ExpressionAttributeValues: { ":pk": openUnfulfilledQuery.gsi1pk },
          Limit: PAGE,
          ExclusiveStartKey: decodeCursor(cursor, { gsi1pk: openUnfulfilledQuery.gsi1pk }),
        }),
      );
      const next = encodeCursor(page.LastEvaluatedKey);
      return {
        items: (page.Items ?? []).map(unfulfilledAdoptionCodec.read),
        ...(next ? { cursor: next } : {}),
      };
    },

    async claimRefund(exceptionId, resolution) {
      try {
        await client.send(new UpdateCommand(resolved(exceptionId, "open", "refunding", resolution)));
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async finishRefund(exceptionId) {
      try {
        await client.send(new UpdateCommand(resolved(exceptionId, "refunding", "refunded")));
        return true;
      } catch (error) {
        // Finished already (a resumed refund that raced another).
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async reopen(exceptionId) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(exceptionId),
          UpdateExpression: "SET #status = :open REMOVE resolution",
          ConditionExpression: "#status = :refunding",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":open": "open", ":refunding": "refunding" },
        }),
      );
    },

    async moveToGeneralFund(exceptionId, transfer, resolution) {
      const { currency, value } = transfer.amount;
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Update: resolved(exceptionId, "open", "general_fund", resolution) },
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...keys.fundTransfer(transfer.donationId, transfer.transferId),
                    entity: ENTITY.fundTransfer,
                    ...transfer,
                  },
                  ConditionExpression: "attribute_not_exists(pk)",
                },
              },
              ...fundUpdates(tableName, [
                { bucket: { day: transfer.day, ...transfer.from, currency }, delta: { transfers: -value } },
                { bucket: { day: transfer.day, ...transfer.to, currency }, delta: { transfers: value } },
              ]),
            ],
          }),
        );
        return true;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        if (error.CancellationReasons?.some((reason) => reason.Code === "ConditionalCheckFailed"))
          return false;
        throw error;
      }
    },
  };
}
