/**
 * Stands in for the workers' SQS queues and their event source mappings: the stream router's records wait
 * in a worker's queue, go to the worker in batches as SQS messages, and a message the worker reports as
 * failed (partial batch response) or that was in a batch that threw becomes visible again after a pause,
 * until its receive count reaches the limit, when it moves to the queue's dead-letter list, as SQS's
 * redrive policy moves it. A redrive puts dead letters back, as `aws sqs start-message-move-task` does.
 */
import { randomUUID } from "node:crypto";
import type { DynamoDBRecord, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";

/** What a worker does with a batch (its Lambda handler). */
export type QueueConsumer = (event: SQSEvent) => Promise<SQSBatchResponse | undefined>;

interface Message {
  messageId: string;
  body: string;
  receiveCount: number;
  visibleAt: number;
}

export interface WorkerQueue {
  send(records: readonly DynamoDBRecord[]): void;
  /** Resolves once nothing is waiting, in flight or waiting to be retried. */
  idle(): Promise<void>;
  isIdle(): boolean;
  deadLetters(): DynamoDBRecord[];
  /** Moves every dead letter back to the queue; returns how many. */
  redrive(): number;
  stop(): void;
}

export interface WorkerQueueOptions {
  batchSize: number;
  /** SQS's maxReceiveCount: deliveries before a message is dead-lettered. */
  maxReceives: number;
  /** The visibility timeout after a failed delivery, shortened for local runs. */
  retryDelayMs: number;
  onError?: (error: unknown) => void;
}

export function createWorkerQueue(consumer: QueueConsumer, options: WorkerQueueOptions): WorkerQueue {
  const waiting: Message[] = [];
  const dead: Message[] = [];
  let inFlight = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let idleWaiters: (() => void)[] = [];

  const isIdle = () => waiting.length === 0 && inFlight === 0;
  const settle = () => {
    if (!isIdle()) return;
    for (const resolve of idleWaiters) resolve();
    idleWaiters = [];
  };

  const toSqsRecord = (message: Message): SQSRecord => ({
    messageId: message.messageId,
    receiptHandle: message.messageId,
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(Date.now()),
      SenderId: "local",
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:local:000000000000:worker",
    awsRegion: "local",
  });

  const schedule = () => {
    if (stopped || timer || inFlight > 0 || waiting.length === 0) return;
    const delay = Math.max(0, Math.min(...waiting.map((m) => m.visibleAt)) - Date.now());
    timer = setTimeout(() => {
      timer = undefined;
      void pump();
    }, delay);
  };

  const pump = async () => {
    const now = Date.now();
    const batch = waiting.filter((message) => message.visibleAt <= now).slice(0, options.batchSize);
    if (batch.length === 0) return schedule();
    for (const message of batch) waiting.splice(waiting.indexOf(message), 1);
    inFlight += batch.length;
    for (const message of batch) message.receiveCount += 1;
    let failed = new Set<string>();
    try {
      const response = await consumer({ Records: batch.map(toSqsRecord) });
      failed = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
    } catch (error) {
      options.onError?.(error);
      failed = new Set(batch.map((message) => message.messageId));
    }
    inFlight -= batch.length;
    for (const message of batch.filter((m) => failed.has(m.messageId))) {
      if (message.receiveCount >= options.maxReceives) dead.push(message);
      else waiting.push({ ...message, visibleAt: Date.now() + options.retryDelayMs * message.receiveCount });
    }
    settle();
    schedule();
  };

  return {
    send(records) {
      for (const record of records)
        waiting.push({
          messageId: randomUUID(),
          body: JSON.stringify(record),
          receiveCount: 0,
          visibleAt: 0,
        });
      schedule();
    },
    isIdle,
    idle() {
      if (isIdle()) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    deadLetters: () => dead.map((message) => JSON.parse(message.body) as DynamoDBRecord),
    redrive() {
      const moved = dead.splice(0);
      for (const message of moved) waiting.push({ ...message, receiveCount: 0, visibleAt: 0 });
      schedule();
      return moved.length;
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const resolve of idleWaiters) resolve();
      idleWaiters = [];
    },
  };
}
