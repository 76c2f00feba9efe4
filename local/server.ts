/**
 * One local port for the whole product, as CloudFront serves it in AWS: `/api/*` goes to the Lambda
 * handlers through API Gateway-shaped events, everything else is the built site. In local payment mode
 * the Stripe emulator answers `/v1/*` (for the SDK) and the hosted checkout page.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from "aws-lambda";
import type { HttpGroup } from "../functions/routes.ts";
import { routeOf, toApiGatewayEvent, writeResult } from "./apigw-adapter.ts";
import { serveStatic } from "./static-files.ts";

export type LambdaHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyResultV2>;

export interface LocalServerOptions {
  siteDir: string;
  handlers: Record<HttpGroup, LambdaHandler>;
  /** Returns true when it handled the request (the Stripe emulator). */
  extra?: (request: IncomingMessage, response: ServerResponse, body: Buffer) => Promise<boolean>;
}

/** API Gateway's payload limit; larger bodies are refused before reaching a handler. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function lambdaContext(group: string): Context {
  const deadline = Date.now() + 30_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `athar-${group}`,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:athar-${group}`,
    memoryLimitInMB: "512",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/athar-${group}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export function createLocalServer(options: LocalServerOptions): Server {
  return createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? "/", "http://localhost");
      const body = await readBody(request);
      if (!body) {
        response.writeHead(413, { "content-type": "application/json" });
        response.end(JSON.stringify({ message: "Request Entity Too Large" }));
        return;
      }
      if (options.extra && (await options.extra(request, response, body))) return;
      if (url.pathname.startsWith("/api/")) {
        const match = routeOf(request.method ?? "GET", url.pathname);
        const event = toApiGatewayEvent(request, body, match);
        const result = await options.handlers[match.route.group](event, lambdaContext(match.route.group));
        writeResult(response, result);
        return;
      }
      if (request.method !== "GET" && request.method !== "HEAD") {
        response.writeHead(405, { allow: "GET, HEAD" });
        response.end();
        return;
      }
      await serveStatic(options.siteDir, url.pathname, response);
    } catch (error) {
      // API Gateway answers an invocation failure with 500 and this body.
      console.error("local server:", error);
      if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ message: "Internal Server Error" }));
    }
  });
}
