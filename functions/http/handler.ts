import type { APIGatewayProxyResultV2, Context } from "aws-lambda";
import type { Locale } from "../../content/locales.ts";
import { negotiateLocale } from "../../contract/messages.ts";
import { withCallCounting } from "../adapters/call-counter.ts";
import { loadOriginVerifyValues } from "../adapters/secrets.ts";
import { NotFoundError } from "../domain/errors.ts";
import type { GroupRoutes, HttpGroup } from "../routes.ts";
import { errorResponse, statusFor } from "./errors.ts";
import { logger } from "./logger.ts";
import { createOriginGuard, type OriginGuard } from "./origin-guard.ts";
import { bodyKind, type HttpEvent, header, isFormPost, parseFormBody, rawBody } from "./request.ts";
import type { HttpResult } from "./responses.ts";

export interface RequestContext {
  locale: Locale;
}

export type RouteHandler = (event: HttpEvent, context: RequestContext) => Promise<HttpResult>;

export interface HandlerOptions {
  /** Adds `x-athar-dynamodb-calls` and `-actions` to responses (local runs and tests only). */
  exposeDiagnostics: boolean;
  /** Set in AWS: only requests through CloudFront (functions/http/origin-guard.ts) are served. */
  ORIGIN_VERIFY_SECRET_ARN?: string | undefined;
  /** Checks where a request came from; built from ORIGIN_VERIFY_SECRET_ARN when not given. */
  originGuard?: OriginGuard;
}

function originGuardOf(options: HandlerOptions): OriginGuard | undefined {
  if (options.originGuard) return options.originGuard;
  const arn = options.ORIGIN_VERIFY_SECRET_ARN;
  return arn ? createOriginGuard(() => loadOriginVerifyValues(arn)) : undefined;
}

/** The caller's language for messages: the body's `locale` field, then `?locale=`, then Accept-Language. */
function requestLocale(event: HttpEvent): Locale {
  let explicit: unknown = event.queryStringParameters?.locale;
  try {
    const kind = bodyKind(event);
    if (kind === "form") explicit = parseFormBody(event).locale ?? explicit;
    if (kind === "json")
      explicit = (JSON.parse(rawBody(event)) as { locale?: unknown } | null)?.locale ?? explicit;
  } catch {
    // An unreadable body is reported by the route itself; the language falls back to the headers.
  }
  return negotiateLocale(explicit, header(event, "accept-language"));
}

/**
 * Builds a Lambda handler for one handler group: dispatches on API Gateway's routeKey, maps every error
 * in one place, counts DynamoDB calls and logs one line per request. `routes` must hold exactly the
 * group's routes of functions/routes.ts (checked by tsc).
 */
export function createHttpHandler<G extends HttpGroup>(
  group: G,
  routes: NoInfer<GroupRoutes<G, RouteHandler>>,
  options: HandlerOptions,
) {
  return createHttpDispatcher(routes, options, group);
}

/** The same, over any table of routes (tests build handlers of a route or two). */
export function createHttpDispatcher(
  routes: Partial<Record<string, RouteHandler>>,
  options: HandlerOptions,
  group = "handler",
) {
  const originGuard = originGuardOf(options);
  return async (event: HttpEvent, context?: Context): Promise<APIGatewayProxyResultV2> => {
    if (context) logger.addContext(context);
    const started = performance.now();
    const locale = requestLocale(event);
    const route = routes[event.routeKey];
    const { result, dynamodbCalls, dynamodbActions } = await withCallCounting(async () => {
      try {
        await originGuard?.(event);
        if (!route) throw new NotFoundError("not_found", `${group} has no route ${event.routeKey}`);
        return await route(event, { locale });
      } catch (error) {
        const status = statusFor(error);
        if (status >= 500)
          logger.error("request failed", { routeKey: event.routeKey, error: error as Error });
        else
          logger.info("request refused", {
            routeKey: event.routeKey,
            code: (error as { code?: string }).code,
          });
        return errorResponse(error, locale, isFormPost(event));
      }
    });
    logger.info("request", {
      routeKey: event.routeKey,
      status: result.statusCode,
      dynamodbCalls,
      durationMs: Math.round(performance.now() - started),
    });
    if (options.exposeDiagnostics) {
      result.headers = {
        ...result.headers,
        "x-athar-dynamodb-calls": String(dynamodbCalls),
        "x-athar-dynamodb-actions": dynamodbActions.join(" "),
      };
    }
    return result;
  };
}
