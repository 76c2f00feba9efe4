import type { DynamoDBStreamEvent } from "aws-lambda";
import { afterAll, beforeAll } from "vitest";
import type { StreamGroup } from "../../functions/routes.ts";
import { type LocalStack, startLocalStack } from "../../local/stack.ts";
import { tableReader } from "./table-reader.ts";

/**
 * Starts the product in this test file's process (its own table on the run's DynamoDB Local) and a
 * direct reader of that table; both are torn down after the file.
 */
export function withLocalStack() {
  const context = {
    url: "",
    table: tableReader(),
    /** Waits until the receipt sequencer has seen every payment written so far. */
    drainStreams: () => stack?.drainStreams() ?? Promise.resolve(),
    streamActions: (group: StreamGroup) => stack?.streamActions(group) ?? [],
    runScheduled: (group: StreamGroup) => stack?.runScheduled(group),
    deliverStreamRecords: (group: StreamGroup, event: DynamoDBStreamEvent) =>
      stack?.deliverStreamRecords(group, event),
    /** An SES event record through the mail events topic (resolves with the DynamoDB actions used). */
    publishMailEvent: async (message: object) =>
      (await stack?.publishMailEvent(JSON.stringify(message))) ?? [],
    /** What a worker's queue gave up on, and a redrive of it. */
    deadLetters: (group: StreamGroup) => stack?.deadLetters(group) ?? [],
    redrive: (group: StreamGroup) => stack?.redrive(group) ?? 0,
    /** The local staff issuer (tests/support/staff.ts mints tokens with it). */
    localAuth: () => {
      if (!stack) throw new Error("the local stack has not started yet");
      return stack.localAuth;
    },
  };
  let stack: LocalStack | undefined;
  beforeAll(async () => {
    stack = await startLocalStack({ port: 0 });
    context.url = stack.url;
  });
  afterAll(async () => {
    await stack?.stop();
    context.table.close();
  });
  return context;
}
