/**
 * Stands in for the stream router's event source mapping: reads the table's stream on DynamoDB Local and
 * hands every record, in order, to the router (local/workers.ts `route`), which queues it for the workers
 * whose filters it matches. The one reader of the stream, as in AWS.
 */

import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from "@aws-sdk/client-dynamodb-streams";
import type { DynamoDBRecord } from "aws-lambda";
import { localClient } from "./dynamodb-local.ts";

export interface StreamPoller {
  /** Resolves once every record written so far has been handed to the router. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

const IDLE_DELAY_MS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startStreamPoller(
  endpoint: string,
  tableName: string,
  route: (records: DynamoDBRecord[]) => void,
): Promise<StreamPoller> {
  const tables = localClient(endpoint);
  const { Table } = await tables.send(new DescribeTableCommand({ TableName: tableName }));
  tables.destroy();
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${tableName} has no stream`);
  const streams = new DynamoDBStreamsClient({
    endpoint,
    region: "me-central-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });

  const iterators = new Map<string, string>();
  /** The last record handed on per shard, to resume after it when an iterator stops being valid. */
  const lastSequence = new Map<string, string>();
  const finished = new Set<string>();
  let stopped = false;
  /** Passes over every shard so far; a drain waits for an empty pass that began after it was asked. */
  let pass = 0;
  let waiters: { after: number; resolve: () => void }[] = [];

  const iteratorFor = async (shardId: string) => {
    const after = lastSequence.get(shardId);
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: "AFTER_SEQUENCE_NUMBER", SequenceNumber: after }
          : { ShardIteratorType: "TRIM_HORIZON" }),
      }),
    );
    return ShardIterator;
  };

  /**
   * DynamoDB Local numbers stream records across all its tables and trims the oldest, so an idle
   * shard's iterator can fall behind the trim point; it is then taken again from where delivery stopped.
   */
  const readShard = async (shardId: string, iterator: string) => {
    try {
      return await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
    } catch (error) {
      const name = (error as Error).name;
      if (name !== "TrimmedDataAccessException" && name !== "ExpiredIteratorException") throw error;
      // Resume after the last delivered record; if that is gone too, from the oldest one kept.
      let fresh = await iteratorFor(shardId).catch(() => undefined);
      if (!fresh) {
        lastSequence.delete(shardId);
        fresh = await iteratorFor(shardId);
      }
      return { Records: [], NextShardIterator: fresh };
    }
  };

  const discoverShards = async () => {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      const id = shard.ShardId ?? "";
      if (iterators.has(id) || finished.has(id)) continue;
      const iterator = await iteratorFor(id);
      if (iterator) iterators.set(id, iterator);
    }
  };

  const deliver = (records: StreamRecord[]) =>
    route(records.map((record) => ({ ...record, eventSourceARN: streamArn }) as DynamoDBRecord));

  const loop = async () => {
    while (!stopped) {
      pass += 1;
      const current = pass;
      let received = 0;
      try {
        await discoverShards();
        for (const [shard, iterator] of iterators) {
          const { Records = [], NextShardIterator } = await readShard(shard, iterator);
          received += Records.length;
          if (NextShardIterator) iterators.set(shard, NextShardIterator);
          else {
            iterators.delete(shard);
            finished.add(shard);
          }
          if (Records.length > 0) {
            deliver(Records);
            const last = Records.at(-1)?.dynamodb?.SequenceNumber;
            if (last) lastSequence.set(shard, last);
          }
        }
      } catch (error) {
        if (!stopped) console.error("stream: polling failed:", error);
      }
      if (received === 0) {
        for (const waiter of waiters.filter((w) => w.after < current)) waiter.resolve();
        waiters = waiters.filter((w) => w.after >= current);
        await sleep(IDLE_DELAY_MS);
      }
    }
  };
  const running = loop();

  return {
    async drain() {
      await new Promise<void>((resolve) => waiters.push({ after: pass, resolve }));
    },
    async stop() {
      stopped = true;
      for (const waiter of waiters) waiter.resolve();
      await running;
      streams.destroy();
    },
  };
}
