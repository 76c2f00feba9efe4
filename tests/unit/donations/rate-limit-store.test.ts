import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import type { RateLimitKey } from "../../../functions/domain/donations/checkout-guard.ts";
import { createRateLimitStore } from "../../../functions/table/donations/rate-limit-store.ts";

/**
 * How the store reads DynamoDB's cancellation reasons. DynamoDB Local runs transactions one at a time, so
 * the TransactionConflict that real DynamoDB reports under a burst is played here by a scripted client.
 */
type Outcome = "ok" | string[];

function scriptedClient(outcomes: Outcome[]) {
  const sent: TransactWriteCommand[] = [];
  const client = {
    async send(command: TransactWriteCommand) {
      sent.push(command);
      const outcome = outcomes.shift() ?? "ok";
      if (outcome === "ok") return {};
      throw new TransactionCanceledException({
        message: "Transaction cancelled",
        $metadata: {},
        CancellationReasons: outcome.map((Code) => ({ Code })),
      });
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, sent };
}

const ip: RateLimitKey = { scope: "ip", id: "ip-hash", limit: 10, windowSeconds: 600 };
const email: RateLimitKey = { scope: "email", id: "email-hash", limit: 5, windowSeconds: 3600 };
const now = new Date("2025-03-01T10:02:00Z");

describe("the rate-limit store's reading of a cancelled transaction", () => {
  it("sends one conditional counter update per scope in a single transaction", async () => {
    const { client, sent } = scriptedClient(["ok"]);
    expect(await createRateLimitStore(client, "t").consume([ip, email], now)).toEqual({ allowed: true });
    expect(sent).toHaveLength(1);
    const items = sent[0]?.input.TransactItems ?? [];
    expect(items.map((item) => item.Update?.ConditionExpression)).toEqual([
      "attribute_not_exists(#attempts) OR #attempts < :limit",
      "attribute_not_exists(#attempts) OR #attempts < :limit",
    ]);
    expect(items.map((item) => item.Update?.ExpressionAttributeValues?.[":limit"])).toEqual([10, 5]);
  });

  it("reports the scope whose condition failed", async () => {
    const { client } = scriptedClient([["None", "ConditionalCheckFailed"]]);
    expect(await createRateLimitStore(client, "t").consume([ip, email], now)).toEqual({
      allowed: false,
      scope: "email",
      retryAfterSeconds: 58 * 60,
    });
  });

  it("reports the scope that frees up last when both are over", async () => {
    const { client } = scriptedClient([["ConditionalCheckFailed", "ConditionalCheckFailed"]]);
    const decision = await createRateLimitStore(client, "t").consume([ip, email], now);
    expect(decision).toEqual({ allowed: false, scope: "email", retryAfterSeconds: 58 * 60 });
  });

  it("retries a transaction that collided with another, and counts it when it then goes through", async () => {
    const { client, sent } = scriptedClient([
      ["TransactionConflict", "None"],
      ["None", "TransactionConflict"],
      "ok",
    ]);
    expect(await createRateLimitStore(client, "t").consume([ip, email], now)).toEqual({ allowed: true });
    expect(sent).toHaveLength(3);
  });

  it("prefers an over-limit answer to a retry when both come back", async () => {
    const { client, sent } = scriptedClient([["TransactionConflict", "ConditionalCheckFailed"]]);
    expect(await createRateLimitStore(client, "t").consume([ip, email], now)).toMatchObject({
      allowed: false,
      scope: "email",
    });
    expect(sent).toHaveLength(1);
  });

  it("gives up after its attempts and asks the caller to come back in a second", async () => {
    const conflict = ["None", "TransactionConflict"];
    const { client, sent } = scriptedClient([conflict, conflict, conflict]);
    const store = createRateLimitStore(client, "t", { maxAttempts: 3 });
    expect(await store.consume([ip, email], now)).toEqual({
      allowed: false,
      scope: "email",
      retryAfterSeconds: 1,
    });
    expect(sent).toHaveLength(3);
  });

  it("passes on errors that are not cancellations", async () => {
    const client = {
      send: async () => {
        throw new Error("network down");
      },
    } as unknown as DynamoDBDocumentClient;
    await expect(createRateLimitStore(client, "t").consume([ip, email], now)).rejects.toThrow("network down");
  });
});
