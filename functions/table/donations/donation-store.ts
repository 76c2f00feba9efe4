import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { Donation, DonationIntent, DonationMark } from "../../domain/model.ts";
import type { DonationStore } from "../../domain/ports.ts";
import { donationCodec } from "../codecs/donations.ts";
import { ENTITY } from "../entities.ts";
import { keys } from "../keys.ts";
import { cancelScheduleMember, markClauses } from "./donation-marks.ts";
import { recordLedgerWrites } from "./ledger-writes.ts";

/**
 * Whether applying the marks would change what was read: when no movement is new, marks are written only
 * if so (so this must be exact for set members, which later marks of the same kind do not subsume).
 */
function marksChange(donation: Donation, marks: DonationMark[]): boolean {
  return marks.some((mark) => {
    switch (mark.kind) {
      case "expired":
        return !donation.expiredAt;
      case "failed":
        return !donation.failedAt;
      case "awaitingPayment":
        return !donation.awaitingPaymentAt;
      case "canceled":
        return !donation.canceledAt;
      case "subscription":
        return !donation.subscriptionId;
      case "cancelSchedule":
        return !(donation.cancelSchedules ?? []).includes(cancelScheduleMember(mark));
      case "paidThrough":
        return !donation.paidThrough || donation.paidThrough < mark.until;
      default:
        return !donation.failedAttempts.includes(mark.attempt);
    }
  });
}

function donationPut(tableName: string, donation: DonationIntent) {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.donation(donation.donationId),
        ...(donation.donorId
          ? keys.donationOfDonor(donation.donorId, donation.createdAt, donation.donationId)
          : {}),
        entity: ENTITY.donation,
        ...donation,
      },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

/** A one-way lookup to a donation (a checkout session, a bank reference), claimed once. */
function lookupPut(tableName: string, key: { pk: string; sk: string }, entity: string, donationId: string) {
  return {
    Put: {
      TableName: tableName,
      Item: { ...key, entity, donationId },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

export function createDonationStore(client: DynamoDBDocumentClient, tableName: string): DonationStore {
  const findDonation = async (donationId: string) => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: keys.donation(donationId), ConsistentRead: true }),
    );
    return Item ? donationCodec.read(Item) : undefined;
  };

  const applyMarks = async (donationId: string, marks: DonationMark[]) => {
    const { set, add, values } = markClauses(marks);
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.donation(donationId),
        ConditionExpression: "attribute_exists(pk)",
        UpdateExpression: [
          set.length ? `SET ${set.join(", ")}` : "",
          add.length ? `ADD ${add.join(", ")}` : "",
        ]
          .filter(Boolean)
          .join(" "),
        ExpressionAttributeValues: values,
      }),
    );
  };

  return {
    async createPendingDonation(donation) {
      const { checkoutSessionId } = donation;
      if (!checkoutSessionId) throw new Error(`Donation ${donation.donationId} has no checkout session`);
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            donationPut(tableName, donation),
            lookupPut(
              tableName,
              keys.checkoutSession(checkoutSessionId),
              "checkoutSession",
              donation.donationId,
            ),
          ],
        }),
      );
    },

    async createOfflineDonation(donation) {
      const { method, reference } = donation.offline;
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              donationPut(tableName, donation),
              lookupPut(
                tableName,
                keys.offlineReference(method, reference),
                "offlineReference",
                donation.donationId,
              ),
            ],
          }),
        );
        return donation.donationId;
      } catch (error) {
        // The claim's condition (second item) failing means the reference is taken; anything else is an error.
        const claim =
          error instanceof TransactionCanceledException ? error.CancellationReasons?.[1] : undefined;
        if (claim?.Code !== "ConditionalCheckFailed") throw error;
        const { Item } = await client.send(
          new GetCommand({
            TableName: tableName,
            Key: keys.offlineReference(method, reference),
            ConsistentRead: true,
          }),
        );
        return typeof Item?.donationId === "string" ? Item.donationId : undefined;
      }
    },

    findDonation,

    async findDonationByCheckoutSession(sessionId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: keys.checkoutSession(sessionId), ConsistentRead: true }),
      );
      return typeof Item?.donationId === "string" ? findDonation(Item.donationId) : undefined;
    },

    async apply(donation, change) {
      const { recorded } = await recordLedgerWrites(client, tableName, donation, change);
      // Marks went with the ledger transaction when it wrote anything; alone otherwise.
      const marked = marksChange(donation, change.marks);
      if (recorded === 0 && marked) await applyMarks(donation.donationId, change.marks);
      return { recorded, marked };
    },
  };
}
