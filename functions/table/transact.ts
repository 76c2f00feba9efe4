import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { TransactItem } from "./donations/donor-writes.ts";

/** Why DynamoDB cancelled a transaction, item by item, in the transaction's order ("None" for the others). */
export type CancellationCode = "ConditionalCheckFailed" | "TransactionConflict" | "None" | (string & {});

export type TransactOutcome =
  | { ok: true }
  | {
      ok: false;
      /** Empty when DynamoDB failed the request as a whole (a server error) rather than cancelling it. */
      codes: CancellationCode[];
      /** Still colliding, or DynamoDB still failing, after every attempt: the caller may say "busy". */
      busy: boolean;
      error: Error;
    };

export interface CollisionRetries {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The pause after the failed attempt `retry` (0 for the first), with jitter, in milliseconds. */
  pauseMs: (retry: number) => number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * DynamoDB's own transient failure of a request (AWS advises retrying it). DynamoDB Local also answers so
 * when a transaction waits too long for an item's lock under load ("this request will succeed in actual
 * DynamoDB"): the same collision, told differently.
 */
const isTransient = (error: unknown) =>
  error instanceof Error && (error.name === "InternalServerError" || error.name === "ServiceUnavailable");

/**
 * One transaction, tried again while DynamoDB cancels it only for colliding with another on an item
 * (TransactionConflict: DynamoDB cancels rather than queues) or fails it transiently. A failed condition
 * is an answer, never retried; the codes say which item's. Other errors are thrown.
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
      const cancelled = error instanceof TransactionCanceledException;
      if (!cancelled && !isTransient(error)) throw error;
      const codes = cancelled ? (error.CancellationReasons ?? []).map((reason) => reason.Code ?? "None") : [];
      const busy = cancelled
        ? codes.includes("TransactionConflict") && !codes.includes("ConditionalCheckFailed")
        : true;
      if (!busy || retry + 1 >= retries.attempts) return { ok: false, codes, busy, error: error as Error };
      await sleep(retries.pauseMs(retry));
    }
  }
}
