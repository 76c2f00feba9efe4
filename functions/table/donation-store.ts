import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { Donation, DonationStore, RecordOutcome } from "../domain/ports.ts";
import { keys, PAYMENT_EVENT_RETENTION_SECONDS } from "./keys.ts";

type DonationItem = Donation & { pk: string; sk: string; entity: "donation" };

function toDonation(item: Record<string, unknown>): Donation {
  const { pk: _pk, sk: _sk, entity: _entity, ...donation } = item as unknown as DonationItem;
  return donation;
}

/** Each condition in a cancelled transaction, in order; "None" where that item's condition held. */
function cancellationCodes(error: unknown): string[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((reason) => reason.Code ?? "None");
}

export function createDonationStore(client: DynamoDBDocumentClient, tableName: string): DonationStore {
  const getDonation = async (donationId: string) => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: keys.donation(donationId), ConsistentRead: true }),
    );
    return Item ? toDonation(Item) : undefined;
  };

  const eventMarker = (eventId: string, type: string, at: string) => ({
    Put: {
      TableName: tableName,
      Item: {
        ...keys.paymentEvent(eventId),
        entity: "paymentEvent",
        type,
        receivedAt: at,
        expiresAt: Math.floor(Date.parse(at) / 1000) + PAYMENT_EVENT_RETENTION_SECONDS,
      },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  });

  /** Runs a transaction whose first item is the event marker; a failed condition means "already applied". */
  const applyOnce = async (transactItems: NonNullable<TransactWriteCommand["input"]["TransactItems"]>) => {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: transactItems }));
      return "recorded" as const;
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes?.includes("ConditionalCheckFailed")) return "duplicate" as const;
      throw error;
    }
  };

  return {
    async createPendingDonation(donation) {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: { ...keys.donation(donation.donationId), entity: "donation", ...donation },
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: {
                  ...keys.checkoutSession(donation.checkoutSessionId),
                  entity: "checkoutSession",
                  donationId: donation.donationId,
                },
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
          ],
        }),
      );
    },

    async findDonationByCheckoutSession(sessionId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: keys.checkoutSession(sessionId), ConsistentRead: true }),
      );
      return typeof Item?.donationId === "string" ? getDonation(Item.donationId) : undefined;
    },

    async recordPayment({
      eventId,
      donationId,
      amountReceived,
      paymentIntentId,
      paidAt,
    }): Promise<RecordOutcome> {
      const donation = await getDonation(donationId);
      if (!donation) return "unknown_donation";
      if (donation.status === "paid") return "duplicate";
      return applyOnce([
        eventMarker(eventId, "checkout.completed", paidAt),
        {
          Update: {
            TableName: tableName,
            Key: keys.donation(donationId),
            // An expired session can still be paid late (async methods); only "paid" is final.
            ConditionExpression: "attribute_exists(pk) AND #status <> :paid",
            UpdateExpression:
              "SET #status = :paid, paidAt = :paidAt, amountReceived = :amount, paymentIntentId = :paymentIntentId",
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: {
              ":paid": "paid",
              ":paidAt": paidAt,
              ":amount": amountReceived,
              ":paymentIntentId": paymentIntentId ?? null,
            },
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: {
              ...keys.ledgerEntry(donationId, paidAt, eventId),
              entity: "ledgerEntry",
              kind: "donation",
              donationId,
              initiativeId: donation.initiativeId,
              designation: donation.designation,
              amount: amountReceived,
              paymentIntentId: paymentIntentId ?? null,
              eventId,
              at: paidAt,
            },
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
        totalsIncrement(tableName, keys.initiativeTotals(donation.initiativeId, amountReceived.currency), {
          entity: "initiativeTotals",
          initiativeId: donation.initiativeId,
          currency: amountReceived.currency,
          value: amountReceived.value,
        }),
        totalsIncrement(tableName, keys.designationTotals(donation.designation, amountReceived.currency), {
          entity: "designationTotals",
          designation: donation.designation,
          currency: amountReceived.currency,
          value: amountReceived.value,
        }),
      ]);
    },

    async recordExpiry({ eventId, donationId, expiredAt }): Promise<RecordOutcome> {
      const donation = await getDonation(donationId);
      if (!donation) return "unknown_donation";
      if (donation.status !== "pending") return "duplicate";
      return applyOnce([
        eventMarker(eventId, "checkout.expired", expiredAt),
        {
          Update: {
            TableName: tableName,
            Key: keys.donation(donationId),
            ConditionExpression: "#status = :pending",
            UpdateExpression: "SET #status = :expired, expiredAt = :at",
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: { ":pending": "pending", ":expired": "expired", ":at": expiredAt },
          },
        },
      ]);
    },
  };
}

/** Adds one donation to a running total; the first donation creates the row. */
function totalsIncrement(
  tableName: string,
  key: { pk: string; sk: string },
  row: { entity: string; currency: string; value: number; initiativeId?: string; designation?: string },
) {
  const { value, ...labels } = row;
  const names = Object.keys(labels);
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: `SET ${names.map((name) => `${name} = :${name}`).join(", ")} ADD raised :value, donations :one`,
      ExpressionAttributeValues: {
        ...Object.fromEntries(names.map((name) => [`:${name}`, labels[name as keyof typeof labels]])),
        ":value": value,
        ":one": 1,
      },
    },
  };
}
