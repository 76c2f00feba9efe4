import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import type { FundFeeRow } from "../../domain/finance/funds/fund-fees.ts";
import type { FundDayRow, FundsStore } from "../../domain/finance/funds/funds.ts";
import type { CoverStore } from "../../domain/finance/funds/sponsorship-cover.ts";
import { fundDayCodec, fundFeesCodec, sponsorshipCoverCodec } from "../codecs/finance.ts";
import { fundUpdates } from "../donations/fund-writes.ts";
import { ENTITY } from "../entities.ts";
import { fundsBetween, keys } from "../keys.ts";

/** Fund balances, and the covers of lapsed sponsorships that move them. */
export function createBooksStore(client: DynamoDBDocumentClient, tableName: string): FundsStore & CoverStore {
  return {
    async fundsBetween(from, to, maxPages) {
      const range = fundsBetween(from, to);
      const days: FundDayRow[] = [];
      const fees: FundFeeRow[] = [];
      let start: Record<string, unknown> | undefined;
      for (let page = 0; page < maxPages; page += 1) {
        const result = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
            ExpressionAttributeValues: { ":pk": range.pk, ":from": range.fromSk, ":to": range.toSk },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of result.Items ?? []) {
          if (item.entity === ENTITY.fundDay) days.push(fundDayCodec.read(item));
          else if (item.entity === ENTITY.fundFees) fees.push(fundFeesCodec.read(item));
        }
        start = result.LastEvaluatedKey;
        if (!start) return { days, fees, complete: true };
      }
      return { days, fees, complete: false };
    },

    async findAdoption(donationId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: keys.adoption(donationId), ConsistentRead: true }),
      );
      if (!Item) return undefined;
      return { state: String(Item.state), ...(Item.endsAt ? { endsAt: String(Item.endsAt) } : {}) };
    },

    async findCover(donationId, coverId) {
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.fundTransfer(donationId, coverId),
          ConsistentRead: true,
        }),
      );
      return Item ? sponsorshipCoverCodec.read(Item) : undefined;
    },

    async recordCover(cover, previousEndStored) {
      const { currency, value } = cover.amount;
      const ending = keys.adoptionEnding(cover.endsAt, cover.donationId);
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...keys.fundTransfer(cover.donationId, cover.coverId),
                    entity: ENTITY.fundTransfer,
                    ...cover,
                  },
                  ConditionExpression: "attribute_not_exists(pk)",
                },
              },
              {
                // Listed by its new end in gsi1, so the holds worker gives the units back only then.
                Update: {
                  TableName: tableName,
                  Key: keys.adoption(cover.donationId),
                  UpdateExpression:
                    "SET endsAt = :endsAt, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk ADD coveredMonths :months",
                  ConditionExpression: `#state = :active AND ${previousEndStored ? "endsAt = :previous" : "attribute_not_exists(endsAt)"}`,
                  ExpressionAttributeNames: { "#state": "state" },
                  ExpressionAttributeValues: {
                    ":endsAt": cover.endsAt,
                    ":gsi1pk": ending.gsi1pk,
                    ":gsi1sk": ending.gsi1sk,
                    ":months": cover.months,
                    ":active": "active",
                    ...(previousEndStored ? { ":previous": cover.previousEnd } : {}),
                  },
                },
              },
              ...fundUpdates(tableName, [
                { bucket: { day: cover.day, ...cover.from, currency }, delta: { transfers: -value } },
                { bucket: { day: cover.day, ...cover.to, currency }, delta: { transfers: value } },
              ]),
            ],
          }),
        );
        return "recorded";
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const [transfer, adoption] = error.CancellationReasons ?? [];
        if (transfer?.Code === "ConditionalCheckFailed") return "duplicate";
        if (adoption?.Code === "ConditionalCheckFailed") return "changed";
        throw error;
      }
    },
  };
}
