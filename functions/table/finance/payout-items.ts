import type { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type {
  LedgerEntry,
  PayoutReconciliation,
  PayoutSummary,
  PayoutTransaction,
  StoredException,
  StripePayout,
} from "../../../contract/finance/reconciliation.ts";
import type { FundFeeRow } from "../../domain/finance/funds/fund-fees.ts";
import { parseExceptionId } from "../../domain/finance/reconciliation/reconciliation.ts";
import { movementId } from "../../domain/ledger.ts";
import { ENTITY } from "../entities.ts";
import { keys } from "../keys.ts";

/** The items of an imported payout, and the writes that resolve one of its exceptions. */
type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]["TransactItems"]
>[number];

/** Transactions (with their match), match markers beside the ledger entries, and open exceptions. */
export function importItems(
  payout: StripePayout,
  transactions: readonly PayoutTransaction[],
  result: PayoutReconciliation,
): Record<string, unknown>[] {
  const matchOf = new Map(result.matches.map((match) => [match.transactionId, match]));
  const items: Record<string, unknown>[] = [];
  for (const transaction of transactions) {
    const match = matchOf.get(transaction.id);
    items.push({
      ...keys.payoutTransaction(payout.payoutId, transaction.id),
      entity: ENTITY.payoutTransaction,
      payoutId: payout.payoutId,
      transactionId: transaction.id,
      type: transaction.type,
      created: transaction.created,
      settlement: transaction.settlement,
      ...(transaction.movement ? { movement: transaction.movement } : {}),
      matched: Boolean(match),
      ...(match ? { match } : {}),
    });
    if (match)
      items.push({
        ...keys.reconciledMovement(match.donationId, match.movementId),
        entity: ENTITY.reconciledMovement,
        payoutId: payout.payoutId,
        transactionId: transaction.id,
        donationId: match.donationId,
        movementId: match.movementId,
      });
  }
  const createdOf = new Map(transactions.map((transaction) => [transaction.id, transaction.created]));
  for (const exception of result.exceptions) {
    const parts = parseExceptionId(exception.exceptionId);
    if (!parts) throw new Error(`Malformed exception id ${exception.exceptionId}`);
    const at = exception.transactionId ? createdOf.get(exception.transactionId) : undefined;
    items.push({
      ...keys.payoutException(payout.payoutId, parts.subject, parts.reason),
      entity: ENTITY.reconException,
      payoutId: payout.payoutId,
      status: "open",
      ...exception,
      ...(at ? { transactionAt: at } : {}),
    });
  }
  return items;
}

/** The summary item; written last, it marks the import done. */
export function summaryItem(
  payout: StripePayout,
  transactions: readonly PayoutTransaction[],
  result: PayoutReconciliation,
  importedAt: string,
) {
  const summary: PayoutSummary = {
    ...payout,
    transactions: transactions.length,
    exceptions: result.exceptions.length,
    openExceptions: result.exceptions.length,
    totals: result.totals,
    importedAt,
  };
  return { ...keys.payout(payout.payoutId, payout.created), entity: ENTITY.payout, ...summary };
}

/**
 * Closes the exception (if still open), takes it off the payout's open count and, when the transaction
 * now counts as matched, marks it (once), adds its net to the matched sum and records the marker.
 */
export function resolveItems(
  tableName: string,
  exception: StoredException,
  resolution: NonNullable<StoredException["resolution"]>,
  matched: boolean,
  fee?: FundFeeRow,
): TransactItem[] {
  const parts = parseExceptionId(exception.exceptionId);
  if (!parts) throw new Error(`Malformed exception id ${exception.exceptionId}`);
  const net = matched ? (exception.settlement?.net ?? 0) : 0;
  const items: TransactItem[] = [
    {
      Update: {
        TableName: tableName,
        Key: keys.payoutException(parts.payoutId, parts.subject, parts.reason),
        UpdateExpression: "SET #status = :resolved, resolution = :resolution",
        ConditionExpression: "#status = :open",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":resolved": "resolved",
          ":open": "open",
          ":resolution": resolution,
        },
      },
    },
    {
      Update: {
        TableName: tableName,
        Key: keys.payoutKey(parts.payoutId),
        UpdateExpression:
          "SET openExceptions = openExceptions - :one, totals.matchedNet = totals.matchedNet + :net",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeValues: { ":one": 1, ":net": net },
      },
    },
  ];
  if (matched && exception.transactionId) {
    // A transaction matched once: an exception of the same transaction resolved earlier matched it already.
    items.push({
      Update: {
        TableName: tableName,
        Key: keys.payoutTransaction(parts.payoutId, exception.transactionId),
        UpdateExpression: "SET matched = :yes, resolvedBy = :exception",
        ConditionExpression: "matched = :no",
        ExpressionAttributeValues: { ":yes": true, ":no": false, ":exception": exception.exceptionId },
      },
    });
    if (exception.donationId && exception.kind)
      items.push({
        Put: {
          TableName: tableName,
          Item: {
            ...keys.reconciledMovement(
              exception.donationId,
              movementId({ kind: exception.kind as LedgerEntry["kind"], ref: exception.ref }),
            ),
            entity: ENTITY.reconciledMovement,
            payoutId: parts.payoutId,
            transactionId: exception.transactionId,
            donationId: exception.donationId,
            movementId: movementId({ kind: exception.kind as LedgerEntry["kind"], ref: exception.ref }),
          },
        },
      });
  }
  if (fee && matched && exception.transactionId)
    // Its own row beside the import's (a payout is imported once): once, as the exception closes once.
    items.push({
      Put: {
        TableName: tableName,
        Item: {
          ...keys.fundFees(
            fee.day,
            fee.designation,
            fee.fund,
            fee.currency,
            `${parts.payoutId}#${exception.transactionId}`,
          ),
          entity: ENTITY.fundFees,
          ...fee,
        },
        ConditionExpression: "attribute_not_exists(pk)",
      },
    });
  return items;
}
