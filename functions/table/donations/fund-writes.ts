import { fundName } from "../../domain/account/donor-totals.ts";
import type { Donation, LedgerWrite } from "../../domain/model.ts";
import { ENTITY } from "../entities.ts";
import { keys } from "../keys.ts";
import type { TransactItem } from "./donor-writes.ts";

/** What one movement or transfer adds to a fund's day (minor units; `transfers` is signed). */
export interface FundDelta {
  gross: number;
  refunds: number;
  payments: number;
  transfers: number;
}

export interface FundBucket {
  day: string;
  designation: string;
  fund: string;
  currency: string;
}

const bucketId = (bucket: FundBucket) =>
  keys.fundDay(bucket.day, bucket.designation, bucket.fund, bucket.currency).sk;

/** One Update per bucket (a transaction may touch each item once), adding every delta that falls in it. */
export function fundUpdates(
  tableName: string,
  changes: readonly { bucket: FundBucket; delta: Partial<FundDelta> }[],
): TransactItem[] {
  const sums = new Map<string, { bucket: FundBucket; delta: FundDelta }>();
  for (const { bucket, delta } of changes) {
    const row = sums.get(bucketId(bucket)) ?? {
      bucket,
      delta: { gross: 0, refunds: 0, payments: 0, transfers: 0 },
    };
    for (const name of Object.keys(row.delta) as (keyof FundDelta)[]) row.delta[name] += delta[name] ?? 0;
    sums.set(bucketId(bucket), row);
  }
  return [...sums.values()].map(({ bucket, delta }) => ({
    Update: {
      TableName: tableName,
      Key: keys.fundDay(bucket.day, bucket.designation, bucket.fund, bucket.currency),
      UpdateExpression:
        "SET entity = :entity, #day = :day, designation = :designation, fund = :fund, currency = :currency " +
        "ADD gross :gross, refunds :refunds, payments :payments, transfers :transfers",
      ExpressionAttributeNames: { "#day": "day" },
      ExpressionAttributeValues: {
        ":entity": ENTITY.fundDay,
        ":day": bucket.day,
        ":designation": bucket.designation,
        ":fund": bucket.fund,
        ":currency": bucket.currency,
        ":gross": delta.gross,
        ":refunds": delta.refunds,
        ":payments": delta.payments,
        ":transfers": delta.transfers,
      },
    },
  }));
}

/**
 * The ledger transaction's fund rows: payments add to gross; refunds and dispute withdrawals to refunds,
 * reinstatements take back from them. Each movement counts in its donation's designation only, so zakat
 * stays in zakat's rows.
 */
export function movementFundUpdates(tableName: string, donation: Donation, writes: LedgerWrite[]) {
  return fundUpdates(
    tableName,
    writes.map(({ movement, place }) => {
      const { value, currency } = movement.amount;
      const refunds =
        movement.kind === "refund" || movement.kind === "dispute_withdrawal"
          ? value
          : movement.kind === "dispute_reinstatement"
            ? -value
            : 0;
      return {
        bucket: {
          day: place.gDate,
          designation: donation.designation,
          fund: fundName(donation.fund),
          currency,
        },
        delta: movement.kind === "payment" ? { gross: value, payments: 1 } : { refunds },
      };
    }),
  );
}
