import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  fixedWindow,
  type RateLimitDecision,
  type RateLimiter,
  type RateLimitKey,
  secondsUntilWindowEnds,
} from "../../domain/donations/checkout-guard.ts";
import { TTL_ATTRIBUTE } from "../definition.ts";
import { ENTITY } from "../entities.ts";
import { keys } from "../keys.ts";
import { type CancellationCode, transactWithRetries } from "../transact.ts";

export interface RateLimitStoreOptions {
  /**
   * Transactions touching the same item at the same moment are cancelled with TransactionConflict; a
   * burst from one address does that. Such attempts are retried, so a request makes at most this many
   * DynamoDB calls (one when nothing collides).
   */
  maxAttempts?: number;
}

/**
 * Fixed-window counters, one item per hashed identifier and window, expiring (TTL) when the window ends.
 * Every scope's counter goes up in one transaction of conditional updates: a refusal by any scope
 * cancels the whole transaction, so a refused attempt counts nowhere and writes nothing.
 */
export function createRateLimitStore(
  client: DynamoDBDocumentClient,
  tableName: string,
  options: RateLimitStoreOptions = {},
): RateLimiter {
  const retries = {
    attempts: options.maxAttempts ?? 4,
    pauseMs: (retry: number) => Math.random() * 25 * (retry + 1),
  };

  const increment = (key: RateLimitKey, now: Date) => {
    const window = fixedWindow(now, key.windowSeconds);
    return {
      Update: {
        TableName: tableName,
        Key: keys.rateLimitWindow(key.scope, key.id, window.start),
        UpdateExpression: "SET entity = :entity, #expiresAt = :expiresAt ADD #attempts :one",
        ConditionExpression: "attribute_not_exists(#attempts) OR #attempts < :limit",
        ExpressionAttributeNames: { "#attempts": "attempts", "#expiresAt": TTL_ATTRIBUTE },
        ExpressionAttributeValues: {
          ":entity": ENTITY.rateLimitWindow,
          ":expiresAt": window.end,
          ":one": 1,
          ":limit": key.limit,
        },
      },
    };
  };

  /** The scope to report: the over-limit one that frees up last, as the donor must wait for that. */
  const overLimitRefusal = (limits: RateLimitKey[], codes: CancellationCode[], now: Date) => {
    const refused = limits
      .filter((_, index) => codes[index] === "ConditionalCheckFailed")
      .map((key) => ({ scope: key.scope, retryAfterSeconds: secondsUntilWindowEnds(now, key.windowSeconds) }))
      .sort((a, b) => b.retryAfterSeconds - a.retryAfterSeconds)[0];
    return refused ? ({ allowed: false, ...refused } as const) : undefined;
  };

  return {
    async giveBack(limits, now) {
      const transactItems = limits.map((key) => ({
        Update: {
          TableName: tableName,
          Key: keys.rateLimitWindow(key.scope, key.id, fixedWindow(now, key.windowSeconds).start),
          UpdateExpression: "ADD #attempts :minusOne",
          ConditionExpression: "#attempts > :zero",
          ExpressionAttributeNames: { "#attempts": "attempts" },
          ExpressionAttributeValues: { ":minusOne": -1, ":zero": 0 },
        },
      }));
      // Nothing to give back (the window ended meanwhile), still colliding after every retry, or DynamoDB
      // failing: done, since a count not given back only costs the donor one attempt of their window.
      await transactWithRetries(client, transactItems, retries).catch(() => undefined);
    },

    async consume(limits, now): Promise<RateLimitDecision> {
      if (limits.length === 0) return { allowed: true };
      const transactItems = limits.map((key) => increment(key, now));
      const outcome = await transactWithRetries(client, transactItems, retries);
      if (outcome.ok) return { allowed: true };
      const overLimit = overLimitRefusal(limits, outcome.codes, now);
      if (overLimit) return overLimit;
      if (!outcome.busy) throw outcome.error;
      // Still colliding after every retry: this identifier is in a burst; the caller may try shortly.
      const busy = (limits[outcome.codes.indexOf("TransactionConflict")] ?? limits[0]) as RateLimitKey;
      return { allowed: false, scope: busy.scope, retryAfterSeconds: 1 };
    },
  };
}
