/**
 * Starts the whole product locally: DynamoDB Local (unless an endpoint is given), the table, the Lambda
 * handlers, the workers fed by the table's stream and run on their schedules, the Stripe emulator in local
 * payment mode, the local staff issuer (/local-auth/), and the one-port server. Used by `npm start` and
 * by the end-to-end tests, so both run the same thing.
 */

import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { LOCAL_STRIPE_SECRET_KEY, LOCAL_STRIPE_WEBHOOK_SECRET, loadConfig } from "../functions/config.ts";
import { HANDLER_GROUPS, type HttpGroup, type StreamGroup, servesHttp } from "../functions/routes.ts";
import { buildCatalog } from "../scripts/build-catalog.ts";
import { createLocalIssuer } from "./auth/issuer.ts";
import { type LocalAuthStore, openLocalAuthStore } from "./auth/store.ts";
import { publicBaseUrl } from "./base-url.ts";
import { type DynamoDbLocal, ensureTable, freePort, startDynamoDbLocal } from "./dynamodb-local.ts";
import { loadMailEventSubscribers } from "./mail-events.ts";
import { createLocalServer, type LambdaHandler } from "./server.ts";
import { startStreamPoller } from "./stream-poller.ts";
import { createStripeEmulator } from "./stripe/emulator.ts";
import { loadWorkers } from "./workers.ts";

export const REPO_ROOT = new URL("..", import.meta.url).pathname;

export interface LocalStackOptions {
  /** 0 picks a free port. */
  port: number;
  /** Where DynamoDB Local keeps its file and the emulator its sessions; in memory when omitted. */
  dataDir?: string;
  siteDir?: string;
}

export interface LocalStack {
  url: string;
  /** Resolves once every record written so far has been routed and the workers' queues are empty. */
  drainStreams(): Promise<void>;
  /** The records a worker's queue gave up on (its dead-letter queue). */
  deadLetters(group: StreamGroup): DynamoDBRecord[];
  /** Moves a worker's dead letters back to its queue; returns how many. */
  redrive(group: StreamGroup): number;
  /** The DynamoDB actions each worker's invocations used so far (what HTTP responses report in headers). */
  streamActions(group: StreamGroup): string[];
  /** Runs a worker now, as its schedule would. */
  runScheduled(group: StreamGroup): Promise<unknown>;
  /** Hands a worker stream records DynamoDB Local cannot produce (TTL deletions). */
  deliverStreamRecords(group: StreamGroup, event: DynamoDBStreamEvent): Promise<unknown>;
  /** Delivers an SES event record as its SNS topic would; resolves with the DynamoDB actions used. */
  publishMailEvent(message: string): Promise<string[]>;
  /** The local staff issuer's keys and users, and what its tokens must carry (tests mint staff tokens). */
  localAuth: { store: LocalAuthStore; issuer: string; clientId: string };
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const port = options.port || (await freePort());
  let dynamo: DynamoDbLocal | undefined;
  if (!process.env.DYNAMODB_ENDPOINT) {
    dynamo = await startDynamoDbLocal(options.dataDir ? { dbPath: join(options.dataDir, "dynamodb") } : {});
    process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  }
  // Handlers read their configuration at import (cold start), so the environment is settled first.
  process.env.ATHAR_ENV ??= "local";
  process.env.PUBLIC_BASE_URL = publicBaseUrl({ ...process.env, PORT: String(port) });
  const config = loadConfig();
  await ensureTable(config.DYNAMODB_ENDPOINT ?? "", config.TABLE_NAME);
  buildCatalog();

  const handlers = {} as Record<HttpGroup, LambdaHandler>;
  for (const [group, definition] of Object.entries(HANDLER_GROUPS)) {
    // Workers run from their queues (local/workers.ts); the stream router's work is done in process there.
    // The health probe watches a deployment: it has nothing to check locally.
    // SES's events come through local/mail-events.ts.
    if (!servesHttp(definition)) continue;
    const module = (await import(pathToFileURL(join(REPO_ROOT, definition.entry)).href)) as {
      handler: LambdaHandler;
    };
    handlers[group as HttpGroup] = module.handler;
  }
  const workers = await loadWorkers(REPO_ROOT);
  const mailEvents = await loadMailEventSubscribers(REPO_ROOT);
  const streams = await startStreamPoller(config.DYNAMODB_ENDPOINT ?? "", config.TABLE_NAME, workers.route);
  workers.startSchedules();
  const emulator =
    config.paymentMode === "local"
      ? createStripeEmulator({
          publicBaseUrl: config.PUBLIC_BASE_URL,
          secretKey: LOCAL_STRIPE_SECRET_KEY,
          webhook: {
            url: `http://127.0.0.1:${port}/api/stripe/webhook`,
            secret: config.STRIPE_WEBHOOK_SECRET ?? LOCAL_STRIPE_WEBHOOK_SECRET,
          },
          ...(options.dataDir ? { stateFile: join(options.dataDir, "local-stripe.json") } : {}),
        })
      : undefined;
  const localAuth = {
    store: await openLocalAuthStore(options.dataDir ? join(options.dataDir, "local-auth.json") : undefined),
    issuer: config.staffAuth.issuer,
    clientId: config.staffAuth.clientId,
  };
  const issuer = createLocalIssuer({
    ...localAuth,
    callbackUrls: ["ar", "en"].map((locale) => `${config.PUBLIC_BASE_URL}/${locale}/finance/`),
  });
  const server = createLocalServer({
    siteDir: options.siteDir ?? join(REPO_ROOT, "site", "dist"),
    handlers,
    extra: async (request, response, body) =>
      (await issuer.handle(request, response, body)) ||
      (emulator ? await emulator.handle(request, response, body) : false),
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, resolve);
  });
  return {
    url: `http://localhost:${port}`,
    // Workers write too (receipts, erasure's "done"): drained again until a pass routes nothing new.
    drainStreams: async () => {
      for (;;) {
        await streams.drain();
        if (workers.isIdle()) return;
        await workers.idle();
      }
    },
    deadLetters: workers.deadLetters,
    redrive: workers.redrive,
    streamActions: workers.actions,
    runScheduled: workers.runScheduled,
    deliverStreamRecords: workers.deliver,
    publishMailEvent: mailEvents.publish,
    localAuth,
    async stop() {
      workers.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await streams.stop();
      await dynamo?.stop();
    },
  };
}
