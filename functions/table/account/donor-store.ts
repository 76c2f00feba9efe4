import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandOutput,
} from "@aws-sdk/lib-dynamodb";
import type { Locale } from "../../../content/locales.ts";
import { parseCounterName } from "../../domain/account/donor-totals.ts";
import { type DonorProfile, type DonorStore, STATEMENT_ROWS } from "../../domain/account/ports.ts";
import { ValidationError } from "../../domain/errors.ts";
import { donorGiftCodec, donorMonthlyCodec } from "../codecs/account.ts";
import { paidThroughOf, scheduledCancel } from "../donations/donation-marks.ts";
import { ENTITY } from "../entities.ts";
import { donorGiftsBetween, donorGiftsQuery, donorOverviewQuery, keys } from "../keys.ts";
import { sessionAnchorOf } from "./session-epoch.ts";

type Item = Record<string, unknown>;

/** BatchGet takes at most 100 keys: a donor's running monthly gifts beyond that are not shown. */
const MONTHLY_SHOWN = 100;
/** Statement rows come in at most two Query pages. */
const STATEMENT_PAGE = STATEMENT_ROWS / 2;

function toProfile(item: Item | undefined): DonorProfile | undefined {
  if (!item) return undefined;
  const counters: Record<string, number> = {};
  for (const [name, value] of Object.entries(item)) {
    if (parseCounterName(name) && typeof value === "number") counters[name] = value;
  }
  return {
    donorId: String(item.donorId),
    name: String(item.name ?? ""),
    locale: (item.locale ?? "ar") as Locale,
    ...(typeof item.firstGiftAt === "string" ? { firstGiftAt: item.firstGiftAt } : {}),
    ...sessionAnchorOf(item),
    counters,
  };
}

/**
 * Only complete history rows: a receipt issued after the donor's partition was erased would leave a row
 * holding nothing but its receipt link.
 */
const isGift = (item: Item) => item.entity === ENTITY.donorGift;

/**
 * The cursor names the last row shown. It carries the donor it was made for, so one donor's cursor is
 * refused for another; the partition read is always the session's, so a cursor can never reach another
 * donor's rows anyway, and within one's own history any position is harmless.
 */
function encodeCursor(donorId: string, sk: string): string {
  return Buffer.from(JSON.stringify({ d: donorId, k: sk })).toString("base64url");
}

function decodeCursor(donorId: string, cursor: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  const { d, k } = (parsed ?? {}) as { d?: unknown; k?: unknown };
  if (d !== donorId || typeof k !== "string" || !k.startsWith(donorGiftsQuery(donorId).skPrefix)) {
    throw new ValidationError([{ field: "cursor", code: "field_invalid" }]);
  }
  return k;
}

export function createDonorStore(client: DynamoDBDocumentClient, tableName: string): DonorStore {
  const profileOf = async (donorId: string) => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: keys.donorProfile(donorId) }),
    );
    return toProfile(Item);
  };

  /** paidThrough, canceledAt and the subscription of each monthly gift, from the donation items. */
  const monthlyState = async (donationIds: string[]) => {
    const state = new Map<string, Item>();
    if (donationIds.length === 0) return state;
    const { Responses } = await client.send(
      new BatchGetCommand({
        RequestItems: {
          [tableName]: {
            Keys: donationIds.map((id) => keys.donation(id)),
            ProjectionExpression: "donationId, paidPeriods, canceledAt, cancelSchedules, subscriptionId",
          },
        },
      }),
    );
    // Keys DynamoDB leaves unprocessed (throttling) show without their state rather than costing a third call.
    for (const item of Responses?.[tableName] ?? []) state.set(String(item.donationId), item);
    return state;
  };

  return {
    async overview(donorId) {
      const query = donorOverviewQuery(donorId);
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
          ExpressionAttributeValues: { ":pk": query.pk, ":prefix": query.skPrefix },
        }),
      );
      const profile = toProfile(Items.find((item) => item.entity === ENTITY.donorProfile));
      const rows = Items.filter((item) => item.entity === ENTITY.donorMonthly).slice(0, MONTHLY_SHOWN);
      const state = await monthlyState(rows.map((row) => String(row.donationId)));
      const monthly = rows.map((row) => {
        const live = state.get(String(row.donationId)) ?? {};
        const paidThrough = paidThroughOf(live.paidPeriods as Set<string> | undefined);
        const cancelAt = scheduledCancel(live.cancelSchedules as Set<string> | undefined);
        return {
          ...donorMonthlyCodec.read(row),
          ...(paidThrough ? { paidThrough } : {}),
          ...(typeof live.canceledAt === "string" ? { canceledAt: live.canceledAt } : {}),
          ...(cancelAt ? { cancelAt } : {}),
          ...(typeof live.subscriptionId === "string" ? { subscriptionId: live.subscriptionId } : {}),
        };
      });
      return { ...(profile ? { profile } : {}), monthly };
    },

    async history(donorId, { cursor, limit }) {
      const query = donorGiftsQuery(donorId);
      const after = cursor === undefined ? undefined : decodeCursor(donorId, cursor);
      // One row more than asked tells whether another page exists, so the last page carries no cursor.
      const [profile, { Items = [] }] = await Promise.all([
        profileOf(donorId),
        client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues: { ":pk": query.pk, ":prefix": query.skPrefix },
            ScanIndexForward: false,
            Limit: limit + 1,
            ...(after ? { ExclusiveStartKey: { pk: query.pk, sk: after } } : {}),
          }),
        ),
      ]);
      const shown = Items.slice(0, limit);
      const last = shown.at(-1);
      return {
        ...(profile ? { profile } : {}),
        items: shown.filter(isGift).map(donorGiftCodec.read),
        ...(Items.length > limit && last ? { cursor: encodeCursor(donorId, String(last.sk)) } : {}),
      };
    },

    async statementRows(donorId, { fromAt, toAt, calendar, year }) {
      const range = donorGiftsBetween(donorId, fromAt, toAt);
      const page = (start?: Item) =>
        client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
            // The range is padded for time zones; the row's own calendar year decides.
            FilterExpression: "#year = :year",
            ExpressionAttributeNames: { "#year": calendar === "hijri" ? "hYear" : "gYear" },
            ExpressionAttributeValues: {
              ":pk": range.pk,
              ":from": range.fromSk,
              ":to": range.toSk,
              ":year": year,
            },
            Limit: STATEMENT_PAGE,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
      const [profile, first] = await Promise.all([profileOf(donorId), page()]);
      const pages: QueryCommandOutput[] = [first];
      if (first.LastEvaluatedKey) pages.push(await page(first.LastEvaluatedKey));
      const items = pages
        .flatMap((result) => result.Items ?? [])
        .filter(isGift)
        .map(donorGiftCodec.read);
      return {
        ...(profile ? { profile } : {}),
        items,
        truncated: Boolean(pages.at(-1)?.LastEvaluatedKey),
      };
    },
  };
}
