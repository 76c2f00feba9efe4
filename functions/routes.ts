/**
 * Every API route and the Lambda (handler group) that serves it. The CDK stack creates one HTTP API route
 * per entry and one NodejsFunction per group; the local server routes with the same table, so the two agree.
 */
export const HANDLER_GROUPS = {
  public: { entry: "functions/handlers/public.ts", description: "Health and other public reads" },
  donations: { entry: "functions/handlers/donations.ts", description: "Checkout creation and status" },
  stripeWebhook: { entry: "functions/handlers/stripe-webhook.ts", description: "Stripe webhook receiver" },
} as const;

export type HandlerGroup = keyof typeof HANDLER_GROUPS;

export interface RouteDefinition {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** API Gateway route path: `{name}` marks a path parameter. */
  path: `/api/${string}`;
  group: HandlerGroup;
}

export const ROUTES: readonly RouteDefinition[] = [
  { method: "GET", path: "/api/health", group: "public" },
  { method: "POST", path: "/api/checkout", group: "donations" },
  { method: "GET", path: "/api/checkout/{sessionId}", group: "donations" },
  { method: "POST", path: "/api/stripe/webhook", group: "stripeWebhook" },
];

/** The `routeKey` API Gateway puts in payload-2.0 events, e.g. `GET /api/checkout/{sessionId}`. */
export function routeKey(route: Pick<RouteDefinition, "method" | "path">): string {
  return `${route.method} ${route.path}`;
}
