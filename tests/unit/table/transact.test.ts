/**
 * transactWithRetries against a scripted client: which failures are tried again (collisions, DynamoDB's
 * transient server errors, which DynamoDB Local also gives when a transaction waits too long for a lock
 * under load) and which are answers (a failed condition) or thrown (anything else).
 */
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { transactWithRetries } from "../../../functions/table/transact.ts";

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: "Transaction cancelled",
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
const serverError = () =>
  Object.assign(new Error("This action timed out because it too long waiting for a lock."), {
    name: "InternalServerError",
  });

function scripted(...answers: (Error | "ok")[]) {
  let calls = 0;
  const client = {
    async send() {
      const answer = answers[Math.min(calls, answers.length - 1)];
      calls += 1;
      if (answer !== "ok") throw answer;
      return {};
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, calls: () => calls };
}

const retries = { attempts: 4, pauseMs: () => 0 };

describe("a transaction tried again", () => {
  it("after collisions and transient server errors, until it succeeds", async () => {
    const run = scripted(cancelled("TransactionConflict", "None"), serverError(), "ok");
    expect(await transactWithRetries(run.client, [], retries)).toEqual({ ok: true });
    expect(run.calls()).toBe(3);
  });

  it("says busy when still colliding or failing after every attempt", async () => {
    const failing = scripted(serverError());
    expect(await transactWithRetries(failing.client, [], retries)).toMatchObject({
      ok: false,
      busy: true,
      codes: [],
    });
    expect(failing.calls()).toBe(4);
    const colliding = scripted(cancelled("None", "TransactionConflict"));
    expect(await transactWithRetries(colliding.client, [], retries)).toMatchObject({
      ok: false,
      busy: true,
      codes: ["None", "TransactionConflict"],
    });
    expect(colliding.calls()).toBe(4);
  });

  it("answers a failed condition at once, and throws what is neither", async () => {
    const refused = scripted(cancelled("ConditionalCheckFailed", "TransactionConflict"));
    expect(await transactWithRetries(refused.client, [], retries)).toMatchObject({
      ok: false,
      busy: false,
      codes: ["ConditionalCheckFailed", "TransactionConflict"],
    });
    expect(refused.calls()).toBe(1);
    const broken = scripted(Object.assign(new Error("bad"), { name: "ValidationException" }));
    await expect(transactWithRetries(broken.client, [], retries)).rejects.toThrow("bad");
  });
});
