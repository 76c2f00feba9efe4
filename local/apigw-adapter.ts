/**
 * Turns Node HTTP requests into API Gateway HTTP API (payload format 2.0) events and Lambda results back
 * into responses, as API Gateway does in AWS, so the local server runs the deployed handlers unchanged.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from "aws-lambda";
import { DEFAULT_ROUTE, ROUTES, type RouteDefinition, routeKey } from "../functions/routes.ts";

export interface RouteMatch {
  route: RouteDefinition | typeof DEFAULT_ROUTE;
  pathParameters: Record<string, string>;
}

const compiled = ROUTES.map((route) => {
  const names: string[] = [];
  const pattern = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { route, names, regex: new RegExp(`^${pattern}$`) };
});

/** The route a request takes, as API Gateway chooses it: `$default` when no route matches. */
export const routeOf = (method: string, path: string): RouteMatch =>
  matchRoute(method, path) ?? { route: DEFAULT_ROUTE, pathParameters: {} };

/** A path parameter as the handler gets it; malformed percent-encoding stays as sent, for its schema to refuse. */
function decodedOrRaw(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function matchRoute(method: string, path: string): RouteMatch | undefined {
  for (const { route, names, regex } of compiled) {
    if (route.method !== method) continue;
    const match = regex.exec(path);
    if (!match) continue;
    const pathParameters = Object.fromEntries(
      names.map((name, i) => [name, decodedOrRaw(match[i + 1] ?? "")]),
    );
    return { route, pathParameters };
  }
  return undefined;
}

/** API Gateway passes these bodies as text; everything else arrives base64-encoded. */
function isTextual(contentType: string | undefined): boolean {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return (
    type.startsWith("text/") ||
    type === "application/json" ||
    type.endsWith("+json") ||
    type === "application/xml"
  );
}

/** API Gateway's `requestContext.time` format, e.g. `12/Mar/2020:19:03:58 +0000`. */
function gatewayTime(date: Date): string {
  const month = date.toLocaleString("en", { month: "short", timeZone: "UTC" });
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getUTCDate())}/${month}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

export function toApiGatewayEvent(
  request: IncomingMessage,
  body: Buffer,
  match: RouteMatch,
): APIGatewayProxyEventV2 {
  const url = new URL(request.url ?? "/", "http://localhost");
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const joined = Array.isArray(value) ? value.join(",") : value;
    // Payload 2.0 moves cookies out of the headers into their own array.
    if (name === "cookie") cookies = joined.split(/;\s*/).filter(Boolean);
    else headers[name] = joined;
  }
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = key in query ? `${query[key]},${value}` : value;
  const now = new Date();
  const textual = isTextual(headers["content-type"]);
  const sourceIp = (request.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, "");
  return {
    version: "2.0",
    routeKey: routeKey(match.route),
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies ? { cookies } : {}),
    headers,
    ...(url.search ? { queryStringParameters: query } : {}),
    ...(Object.keys(match.pathParameters).length ? { pathParameters: match.pathParameters } : {}),
    requestContext: {
      accountId: "000000000000",
      apiId: "local",
      domainName: headers.host ?? "localhost",
      domainPrefix: (headers.host ?? "localhost").split(".")[0] ?? "localhost",
      http: {
        method: request.method ?? "GET",
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp,
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey: routeKey(match.route),
      stage: "$default",
      time: gatewayTime(now),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: textual ? body.toString("utf8") : body.toString("base64") } : {}),
    isBase64Encoded: body.length > 0 && !textual,
  };
}

/** Writes a Lambda result as API Gateway would, including its inference for non-structured results. */
export function writeResult(response: ServerResponse, result: APIGatewayProxyResultV2): void {
  if (typeof result !== "object" || result === null || !("statusCode" in result)) {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(typeof result === "string" ? result : JSON.stringify(result));
    return;
  }
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  if (result.cookies?.length) headers["set-cookie"] = result.cookies;
  const body = result.body ?? "";
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(result.isBase64Encoded ? Buffer.from(body, "base64") : body);
}
