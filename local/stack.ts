/**
 * Starts the whole product locally: DynamoDB Local (unless an endpoint is given), the table, the Lambda
 * handlers, the Stripe emulator in local payment mode, and the one-port server. Used by `npm start` and
 * by the end-to-end tests, so both run the same thing.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { withCallCounting } from "../functions/adapters/call-counter.ts";
import { LOCAL_STRIPE_SECRET_KEY, LOCAL_STRIPE_WEBHOOK_SECRET, loadConfig } from "../functions/config.ts";
import { HANDLER_GROUPS, type HttpGroup } from "../functions/routes.ts";
import { buildCatalog } from "../scripts/build-catalog.ts";
import { type DynamoDbLocal, ensureTable, freePort, startDynamoDbLocal } from "./dynamodb-local.ts";
import { createLocalServer, type LambdaHandler } from "./server.ts";
import { type StreamConsumer, startStreamPoller } from "./stream-poller.ts";
import { createStripeEmulator } from "./stripe/emulator.ts";

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
  /** Resolves once the stream handlers (receipts) have seen every record written so far. */
  drainStreams(): Promise<void>;
  /** The DynamoDB actions each stream handler's invocations used so far (what HTTP responses report in headers). */
  streamActions(group: string): string[];
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
  process.env.PUBLIC_BASE_URL ??= `http://localhost:${port}`;
  const config = loadConfig();
  await ensureTable(config.DYNAMODB_ENDPOINT ?? "", config.TABLE_NAME);
  buildCatalog();

  const handlers = {} as Record<HttpGroup, LambdaHandler>;
  const consumers: StreamConsumer[] = [];
  const streamActions = new Map<string, Set<string>>();
  for (const [group, definition] of Object.entries(HANDLER_GROUPS)) {
    const module = (await import(pathToFileURL(join(REPO_ROOT, definition.entry)).href)) as {
      handler: LambdaHandler & StreamConsumer["handler"];
    };
    if ("stream" in definition) {
      const { filter, batchSize } = definition.stream;
      const actions = new Set<string>();
      streamActions.set(group, actions);
      const handler: StreamConsumer["handler"] = async (event) => {
        const { result, dynamodbActions } = await withCallCounting(() => module.handler(event));
        for (const action of dynamodbActions) actions.add(action);
        return result;
      };
      consumers.push({ name: group, filter, batchSize, handler });
    } else handlers[group as HttpGroup] = module.handler;
  }
  const streams = await startStreamPoller(config.DYNAMODB_ENDPOINT ?? "", config.TABLE_NAME, consumers);
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
  const server = createLocalServer({
    siteDir: options.siteDir ?? join(REPO_ROOT, "site", "dist"),
    handlers,
    ...(emulator ? { extra: emulator.handle } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, resolve);
  });
  return {
    url: `http://localhost:${port}`,
    drainStreams: () => streams.drain(),
    streamActions: (group) => [...(streamActions.get(group) ?? [])].sort(),
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await streams.stop();
      await dynamo?.stop();
    },
  };
}
