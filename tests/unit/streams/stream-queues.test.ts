import type { SendMessageBatchCommand } from "@aws-sdk/client-sqs";
import type { DynamoDBRecord, ScheduledEvent, SQSEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { z } from "zod/mini";
import { createSqsWorkerQueues } from "../../../functions/adapters/worker-queues-sqs.ts";
import { routeStreamRecords, STREAM_WORKERS } from "../../../functions/streams/routing.ts";
import { createStreamWorker } from "../../../functions/streams/worker.ts";
import { createWorkerQueue } from "../../../local/worker-queues.ts";

const insert = (
  entity: string,
  extra: Record<string, { S: string } | { N: string }> = {},
): DynamoDBRecord => ({
  eventName: "INSERT",
  dynamodb: { NewImage: { entity: { S: entity }, ...extra } },
});
const ttlRemoval: DynamoDBRecord = {
  eventName: "REMOVE",
  userIdentity: { type: "Service", principalId: "dynamodb.amazonaws.com" },
  dynamodb: { OldImage: { entity: { S: "hold" } } },
};

describe("the stream router's routing", () => {
  it("knows the six workers, each by its filter", () => {
    expect(STREAM_WORKERS.map((worker) => worker.group).sort()).toEqual([
      "erasure",
      "financeExports",
      "financeImports",
      "holds",
      "receipts",
      "signInMail",
    ]);
  });

  it("gives each worker its records, in stream order, and drops what no worker wants", () => {
    const records = [
      insert("receiptRequest"),
      insert("ledgerEntry"),
      ttlRemoval,
      { ...ttlRemoval, userIdentity: undefined },
      insert("financeExport"),
      insert("receiptRequest", { year: { S: "2026" } }),
      insert("erasureRequest", { status: { S: "scheduled" } }),
      insert("erasureRequest", { status: { S: "done" } }),
      insert("signInRequest"),
    ];
    const routed = routeStreamRecords(records);
    expect([...routed.keys()].sort()).toEqual([
      "erasure",
      "financeExports",
      "holds",
      "receipts",
      "signInMail",
    ]);
    expect(routed.get("signInMail")).toEqual([records[8]]);
    expect(routed.get("receipts")).toEqual([records[0], records[5]]);
    expect(routed.get("holds")).toEqual([ttlRemoval]);
    expect(routed.get("erasure")).toEqual([records[6]]);
  });
});

describe("the workers' queues in AWS (SQS)", () => {
  it("sends ten records a call, each as its stream record's JSON", async () => {
    const calls: SendMessageBatchCommand["input"][] = [];
    const queues = createSqsWorkerQueues({ receipts: "https://sqs.me-central-1.amazonaws.com/1/receipts" }, {
      send: async (command: SendMessageBatchCommand) => {
        calls.push(command.input);
        return {};
      },
    } as never);
    const records = Array.from({ length: 23 }, (_, index) =>
      insert("receiptRequest", { n: { S: String(index) } }),
    );
    await queues.send("receipts", records);
    expect(calls.map((call) => call.Entries?.length)).toEqual([10, 10, 3]);
    expect(calls[0]?.QueueUrl).toBe("https://sqs.me-central-1.amazonaws.com/1/receipts");
    expect(JSON.parse(String(calls[2]?.Entries?.[2]?.MessageBody))).toEqual(records[22]);
  });

  it("fails the router's batch when SQS does not take a message, or the worker has no queue", async () => {
    const queues = createSqsWorkerQueues({ receipts: "https://sqs/1/receipts" }, {
      send: async () => ({ Failed: [{ Id: "0", Code: "InternalError", SenderFault: false }] }),
    } as never);
    await expect(queues.send("receipts", [insert("receiptRequest")])).rejects.toThrow(
      /1 of 1 records not queued/,
    );
    await expect(queues.send("holds", [ttlRemoval])).rejects.toThrow(/No queue for the holds worker/);
  });
});

const batchOf = (records: DynamoDBRecord[]): SQSEvent => ({
  Records: records.map(
    (record, index) => ({ messageId: `m${index}`, body: JSON.stringify(record) }) as never,
  ),
});

describe("a stream worker's batch from its queue", () => {
  const item = z.object({ entity: z.string(), year: z.optional(z.number()) });

  it("fails only the records whose handling threw, and those it cannot read", async () => {
    const seen: string[] = [];
    const worker = createStreamWorker({
      name: "test",
      image: "NewImage",
      item,
      async handle([record]) {
        if (record.entity === "boom") throw new Error("no");
        seen.push(record.entity);
      },
    });
    const unreadable = {
      eventName: "INSERT",
      dynamodb: { NewImage: { entity: { N: "1" } } },
    } as DynamoDBRecord;
    const response = await worker(batchOf([insert("a"), insert("boom"), insert("c"), unreadable]));
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: "m3" }, { itemIdentifier: "m1" }] });
    expect(seen).toEqual(["a", "c"]);
  });

  it("handles records of one key together, once, and fails only that key's when it throws", async () => {
    const calls: string[][] = [];
    const worker = createStreamWorker({
      name: "test",
      image: "NewImage",
      item,
      groupBy: (record) => String(record.year),
      async handle(records) {
        calls.push(records.map((record) => record.entity));
        if (records[0]?.year === 2025) throw new Error("down");
      },
    });
    const inYear = (entity: string, year: number) => insert(entity, { year: { N: String(year) } });
    const response = await worker(
      batchOf([inYear("a", 2026), inYear("b", 2025), inYear("c", 2026), inYear("d", 2025)]),
    );
    expect(calls).toEqual([
      ["a", "c"],
      ["b", "d"],
    ]);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: "m1" }, { itemIdentifier: "m3" }] });
  });

  it("runs its schedule's work on a scheduled event, and refuses one when it has no schedule", async () => {
    let swept = 0;
    const scheduled = { "detail-type": "Scheduled Event" } as ScheduledEvent;
    const handle = async () => {};
    const withSchedule = createStreamWorker({
      name: "test",
      image: "NewImage",
      item,
      handle,
      onSchedule: async () => {
        swept += 1;
      },
    });
    expect(await withSchedule(scheduled)).toBeUndefined();
    expect(swept).toBe(1);
    const without = createStreamWorker({ name: "test", image: "NewImage", item, handle });
    await expect(without(scheduled)).rejects.toThrow(/no schedule/);
  });
});

describe("the local stand-in for a worker's queue", () => {
  it("retries a failed message until its receive limit, then keeps it as a dead letter, and redrives it", async () => {
    const deliveries: string[] = [];
    let healthy = false;
    const queue = createWorkerQueue(
      async (event) => {
        const failures = event.Records.filter((message) => {
          const entity = String((JSON.parse(message.body) as DynamoDBRecord).dynamodb?.NewImage?.entity?.S);
          deliveries.push(`${entity}#${message.attributes.ApproximateReceiveCount}`);
          return entity === "poison" && !healthy;
        });
        return { batchItemFailures: failures.map((message) => ({ itemIdentifier: message.messageId })) };
      },
      { batchSize: 10, maxReceives: 3, retryDelayMs: 1 },
    );
    queue.send([insert("good"), insert("poison")]);
    await queue.idle();
    expect(deliveries).toEqual(["good#1", "poison#1", "poison#2", "poison#3"]);
    expect(queue.deadLetters()).toEqual([insert("poison")]);
    healthy = true;
    expect(queue.redrive()).toBe(1);
    await queue.idle();
    expect(deliveries.at(-1)).toBe("poison#1");
    expect(queue.deadLetters()).toEqual([]);
    queue.stop();
  });

  it("treats a batch that threw as failed in full, and delivers at most the batch size at once", async () => {
    const sizes: number[] = [];
    let calls = 0;
    const queue = createWorkerQueue(
      async (event) => {
        sizes.push(event.Records.length);
        calls += 1;
        if (calls === 1) throw new Error("cold start failed");
        return { batchItemFailures: [] };
      },
      { batchSize: 2, maxReceives: 5, retryDelayMs: 1, onError: () => {} },
    );
    queue.send([insert("a"), insert("b"), insert("c")]);
    await queue.idle();
    expect(sizes.every((size) => size <= 2)).toBe(true);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(5);
    expect(queue.deadLetters()).toEqual([]);
    queue.stop();
  });
});
