export interface HandlerGroupDefinition {
  /** Handler module, relative to the repository root. */
  entry: string;
  description: string;
  /**
   * The exact DynamoDB actions the group's code uses on the table (transactions need the actions of their
   * items). The CDK stack grants these and nothing else; tests/infra checks the two agree.
   */
  tableActions: readonly `dynamodb:${string}`[];
  /** Reads the Stripe secret (Secrets Manager in AWS). */
  usesStripe: boolean;
}

/**
 * Every API route and the Lambda (handler group) that serves it. The CDK stack creates one HTTP API route
 * per entry and one NodejsFunction per group; the local server routes with the same table, so the two agree.
 */
export const HANDLER_GROUPS = {
  public: {
    entry: "functions/handlers/public.ts",
    description: "Health and public statistics",
    // Statistics are one Query of the totals partition.
    tableActions: ["dynamodb:Query"],
    usesStripe: false,
  },
  donations: {
    entry: "functions/handlers/donations.ts",
    description: "Checkout creation and status",
    // Status reads (GetItem); the pending donation and its session index go in one transaction of Puts;
    // the checkout rate limits are one transaction of counter Updates.
    tableActions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
    usesStripe: true,
  },
  stripeWebhook: {
    entry: "functions/handlers/stripe-webhook.ts",
    description: "Stripe webhook receiver",
    // Reads the donation, then one transaction: event marker and ledger Puts, donation and totals Updates.
    tableActions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
    usesStripe: true,
  },
} as const satisfies Record<string, HandlerGroupDefinition>;

export type HandlerGroup = keyof typeof HANDLER_GROUPS;

export interface RouteDefinition {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** API Gateway route path: `{name}` marks a path parameter. */
  path: `/api/${string}`;
  group: HandlerGroup;
}

export const ROUTES: readonly RouteDefinition[] = [
  { method: "GET", path: "/api/health", group: "public" },
  { method: "GET", path: "/api/stats", group: "public" },
  { method: "POST", path: "/api/checkout", group: "donations" },
  { method: "GET", path: "/api/checkout/{sessionId}", group: "donations" },
  { method: "POST", path: "/api/stripe/webhook", group: "stripeWebhook" },
];

/** The `routeKey` API Gateway puts in payload-2.0 events, e.g. `GET /api/checkout/{sessionId}`. */
export function routeKey(route: Pick<RouteDefinition, "method" | "path">): string {
  return `${route.method} ${route.path}`;
}
