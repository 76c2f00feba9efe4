import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { TransactItem } from "./donations/donor-writes.ts";

/** Why DynamoDB cancelled a transaction, item by item, in the transaction's order ("None" for the others). */
export type CancellationCode = "ConditionalCheckFailed" | "TransactionConflict" | "None" | (string & {});

export type TransactOutcome =
  | { ok: true }
  | { ok: false; codes: CancellationCode[]; error: TransactionCanceledException };

export interface CollisionRetries {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The pause after the failed attempt `retry` (0 for the first), with jitter, in milliseconds. */
  pauseMs: (retry: number) => number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One transaction, tried again while DynamoDB cancels it only for colliding with another on an item
 * (TransactionConflict: DynamoDB cancels rather than queues). A failed condition is an answer, never
 * retried; the codes say which item's. Errors other than a cancellation are thrown.
 */
export async function transactWithRetries(
  client: DynamoDBDocumentClient,
  items: TransactItem[],
  retries: CollisionRetries,
): Promise<TransactOutcome> {
  for (let retry = 0; ; retry += 1) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
      return { ok: true };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? "None");
      const collisionOnly =
        codes.includes("TransactionConflict") && !codes.includes("ConditionalCheckFailed");
      if (!collisionOnly || retry + 1 >= retries.attempts) return { ok: false, codes, error };
      await sleep(retries.pauseMs(retry));
    }
  }
}
