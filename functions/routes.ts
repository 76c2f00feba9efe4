import type { GlobalIndexName } from "./table/definition.ts";
import { ENTITY } from "./table/entities.ts";

export interface HandlerGroupDefinition {
  /** Handler module, relative to the repository root. */
  entry: string;
  description: string;
  /**
   * The exact DynamoDB actions the group's code uses on the table (transactions need the actions of their
   * items). The CDK stack grants these and nothing else; tests/infra checks the two agree.
   */
  tableActions: readonly `dynamodb:${string}`[];
  /**
   * The global secondary indexes the group's code queries. IAM authorises a Query of an index on the
   * index's own ARN, so the stack grants `dynamodb:Query` on exactly these (tests/integration/table-grants
   * records which each group uses, and evaluates every call against the synthesised policies).
   */
  tableIndexes?: readonly GlobalIndexName[];
  /** Reads the Stripe secret (Secrets Manager in AWS). */
  usesStripe: boolean;
  /** Longer than the default 10 s, for workers whose batch is large (a payout of 10,000 transactions). */
  timeoutSeconds?: number;
  /** Sends e-mail (Amazon SES in AWS, the outbox folder locally). */
  sendsEmail?: boolean;
  /** Reads donors' session cookies: gets the session keys secret (SESSION_KEYS_ARN in AWS). */
  readsSessions?: boolean;
  /**
   * Counts requests against per-address and per-e-mail limits, kept as salted hashes
   * (functions/domain/donations/checkout-guard.ts): gets the rate-limit salt secret (RATE_LIMIT_SALT_ARN in AWS).
   */
  rateLimited?: boolean;
  /**
   * Derives donors' ids from their e-mail addresses (functions/domain/donations/donor-identity.ts): gets the retained
   * donor-id key secret (DONOR_ID_KEY_ARN in AWS).
   */
  keysDonorIds?: boolean;
  /** Checks a Cloudflare Turnstile token when the deployment has a site key: gets PUBLIC_TURNSTILE_SITE_KEY. */
  checksBots?: boolean;
  /**
   * Serves API Gateway's `$default` route (DEFAULT_ROUTE), with the site's 404 page for CloudFront's
   * fallback: may read `404.html` from the site's bucket (SITE_BUCKET), and nothing else there.
   */
  servesNotFoundPage?: boolean;
  /**
   * Finance export files (functions/adapters/export-files-*.ts): "write" for the worker that builds them,
   * "read" for the API that hands out downloads. The stack grants the exports bucket accordingly and sets
   * EXPORTS_BUCKET.
   */
  exportFiles?: "read" | "write";
  /** Ships the statement PDF's font files beside the bundle (functions/statements/fonts.ts). */
  bundlesStatementFonts?: boolean;
  /**
   * Workers fed by the table's stream rather than by HTTP: the records that wake them (Lambda event filter
   * syntax, exact matches only), which the stream router sends to the worker's own queue (with its
   * retries and dead-letter queue); the batch size the queue delivers; and a schedule that catches up on
   * anything a failed run left, unless nothing is worth doing later than the queue's retries (a sign-in
   * link is worth 15 minutes).
   */
  stream?: { filter: StreamRecordFilter; batchSize: number; scheduleMinutes?: number };
  /**
   * The one reader of the table's stream (functions/streams/routing.ts): gets each worker's queue URL
   * (WORKER_QUEUE_URLS) and may send to exactly those queues.
   */
  routesStream?: { batchSize: number };
  /** Run only on a schedule, every so many minutes (the health probe), neither by HTTP nor by the stream. */
  scheduled?: { scheduleMinutes: number };
  /**
   * Subscribed to the SNS topic SES publishes the configuration set's bounces, complaints and rejections
   * to (functions/handlers/mail-events.ts), neither by HTTP nor by the stream.
   */
  readsMailEvents?: boolean;
}

/** A Lambda event-source filter pattern restricted to exact-match lists, e.g. `{ eventName: ["INSERT"] }`. */
export type StreamRecordFilter = { [field: string]: StreamRecordFilter | readonly string[] };

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
    servesNotFoundPage: true,
  },
  donations: {
    entry: "functions/handlers/donations.ts",
    description: "Checkout creation and status, printable receipts",
    // Status reads (GetItem); the pending donation and its session index go in one transaction of Puts;
    // the checkout rate limits are one transaction of counter Updates.
    tableActions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
    usesStripe: true,
    rateLimited: true,
    keysDonorIds: true,
    checksBots: true,
  },
  stripeWebhook: {
    entry: "functions/handlers/stripe-webhook.ts",
    description: "Stripe webhook receiver",
    // Reads the donation, then one transaction: ledger and receipt-request Puts, donation and totals Updates.
    // Adoptions: the hold's Delete with the inventory's Update (reading it first for a share), the adoption's
    // Put; a hold held again for a late payment, or, when its units went to someone else meanwhile, the
    // unfulfilled adoption's conditional Put (a finance exception).
    tableActions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
    usesStripe: true,
  },
  adoptions: {
    entry: "functions/handlers/adoptions.ts",
    description: "Adoption checkout and availability",
    // Availability is one GetItem of the inventory. A checkout: the rate limits' transaction (Updates), the
    // hold's (an inventory Update and the hold's Put; a share reads the inventory first), the donation's Puts,
    // and, if Stripe refuses, the hold's Delete with the inventory Update that gives the units back.
    tableActions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
    usesStripe: true,
    rateLimited: true,
    keysDonorIds: true,
    checksBots: true,
  },
  holds: {
    entry: "functions/handlers/holds.ts",
    description: "Returns the units of expired holds and ended sponsorships",
    // gsi1 Queries of what is due; a hold's Delete (or, after the TTL, a returned-marker Put) with the
    // inventory's Update, reading it first for a share; an adoption's Update when it ends.
    tableActions: [
      "dynamodb:Query",
      "dynamodb:GetItem",
      "dynamodb:DeleteItem",
      "dynamodb:UpdateItem",
      "dynamodb:PutItem",
    ],
    tableIndexes: ["gsi1"],
    usesStripe: false,
    stream: {
      // Only holds the table's TTL deleted (DynamoDB's own service identity); the sweep deletes the others.
      filter: {
        eventName: ["REMOVE"],
        userIdentity: { type: ["Service"], principalId: ["dynamodb.amazonaws.com"] },
        dynamodb: { OldImage: { entity: { S: [ENTITY.hold] } } },
      },
      batchSize: 100,
      scheduleMinutes: 1,
    },
  },
  staff: {
    entry: "functions/handlers/staff.ts",
    description: "Staff sign-in settings, the signed-in staff member, the finance audit log",
    // Tokens are verified against the issuer's key set (no table call); the audit log is one Query per page.
    tableActions: ["dynamodb:Query"],
    usesStripe: false,
  },
  account: {
    entry: "functions/handlers/account.ts",
    description: "The signed-in donor's dashboard, history and giving statement",
    // The dashboard: one Query of the donor's `A#` rows and a BatchGet of the monthly gifts' donations. History
    // and statement: the profile's GetItem (session epoch) and a Query (two pages at most for a statement).
    tableActions: ["dynamodb:Query", "dynamodb:GetItem", "dynamodb:BatchGetItem"],
    usesStripe: false,
    readsSessions: true,
  },
  papers: {
    entry: "functions/handlers/papers.ts",
    description: "The donor's statement PDF and the card change or cancellation of a monthly gift",
    // Manage: the donation's GetItem and the profile's (session epoch). The PDF: the statement's profile
    // GetItem and Query (two pages at most), as the account group reads it.
    tableActions: ["dynamodb:GetItem", "dynamodb:Query"],
    usesStripe: true,
    readsSessions: true,
    bundlesStatementFonts: true,
  },
  receipts: {
    entry: "functions/handlers/receipts.ts",
    description: "Receipt numbering and e-mail",
    // One Query reads a year's counter and queue; one transaction issues a batch (counter Update, receipt
    // Puts, queue Deletes); an Update marks each receipt e-mailed; a Put claims each dedication card.
    tableActions: ["dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:PutItem", "dynamodb:DeleteItem"],
    tableIndexes: ["gsi2"],
    usesStripe: false,
    sendsEmail: true,
    stream: {
      filter: { eventName: ["INSERT"], dynamodb: { NewImage: { entity: { S: [ENTITY.receiptRequest] } } } },
      batchSize: 100,
      scheduleMinutes: 5,
    },
  },
  finance: {
    entry: "functions/handlers/finance.ts",
    description: "Payout reconciliation and exports for finance staff",
    // Reads (GetItem of a job, payout, exception or export; one Query per page); an import or export
    // request Puts its job and the audit entry; resolving Updates the exception, payout and transaction in one transaction (with
    // a marker Put) and records a missing movement through the donation store (ledger Puts and Updates);
    // marking reconciled is one conditional Update.
    tableActions: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem"],
    tableIndexes: ["gsi1"],
    usesStripe: false,
    exportFiles: "read",
  },
  financeExports: {
    entry: "functions/handlers/finance-exports.ts",
    description: "Builds finance exports (CSV, XLSX) from the ledger and the imported payouts",
    // The job's GetItem and Puts (progress); gsi1 Queries of the ledger's months and of payouts, gsi2 of
    // pending jobs; BatchGets of donations, reconciliation markers and payout transactions.
    tableActions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:BatchGetItem"],
    tableIndexes: ["gsi1", "gsi2"],
    usesStripe: false,
    exportFiles: "write",
    // A range of years reads every ledger entry in it.
    timeoutSeconds: 900,
    stream: {
      filter: { eventName: ["INSERT"], dynamodb: { NewImage: { entity: { S: [ENTITY.financeExport] } } } },
      batchSize: 10,
      scheduleMinutes: 5,
    },
  },
  financeBooks: {
    entry: "functions/handlers/finance-books.ts",
    description:
      "Fund balances, covers of lapsed sponsorships, offline gifts, late payments for units taken, public names",
    // Balances: one Query of the FUNDS partition (a few pages at most). A cover: GetItems (the cover, the
    // donation, its adoption) and one transaction (the transfer's Put, the adoption's and fund rows'
    // Updates). A gift: a transaction of Puts (donation, reference claim), then the ledger's transaction
    // (Puts and Updates) through the donation store; the audit entry's Put. Unfulfilled adoptions: a gsi1
    // Query of the open ones, the exception's GetItem and conditional Update (a refund through Stripe), or
    // a transaction with the transfer's Put and the funds' Updates. Public names: the inventory's GetItem
    // and a conditional Update.
    tableActions: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem"],
    tableIndexes: ["gsi1"],
    // Refunds an unfulfilled adoption's payment and stops its subscription.
    usesStripe: true,
    // Offline gifts belong to the donor whose e-mail they carry.
    keysDonorIds: true,
  },
  financeImports: {
    entry: "functions/handlers/finance-imports.ts",
    description: "Imports Stripe payouts and reconciles them with the ledger",
    // Reads the job, the payout summary and ledger entries (GetItem, BatchGetItem, gsi1 Query by month;
    // pending jobs by gsi2 Query); writes a payout's items in batches and the job's progress (Put).
    tableActions: [
      "dynamodb:GetItem",
      "dynamodb:BatchGetItem",
      "dynamodb:Query",
      "dynamodb:BatchWriteItem",
      "dynamodb:PutItem",
    ],
    tableIndexes: ["gsi1", "gsi2"],
    usesStripe: true,
    // Paging 100 Stripe pages and writing ~20,000 items for the largest payouts.
    timeoutSeconds: 900,
    stream: {
      filter: { eventName: ["INSERT"], dynamodb: { NewImage: { entity: { S: [ENTITY.reconImport] } } } },
      batchSize: 10,
      scheduleMinutes: 5,
    },
  },
  auth: {
    entry: "functions/handlers/auth.ts",
    description: "Donor sign-in links, sign-in and sign-out",
    // Asking for a link: the rate limits' transaction (counter Updates) and the request's Put, whoever asks
    // (the sign-in mail worker does the rest). Using it: the link's conditional Delete, the profile's
    // GetItem. Sign-out: the profile's GetItem and the session epoch's Update.
    tableActions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
    usesStripe: false,
    readsSessions: true,
    rateLimited: true,
  },
  signInMail: {
    entry: "functions/handlers/signin-mail.ts",
    description: "E-mails the sign-in links donors asked for, to addresses that gave",
    // The profile's GetItem, the link's Put, the request's Delete.
    tableActions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"],
    usesStripe: false,
    sendsEmail: true,
    keysDonorIds: true,
    stream: {
      filter: { eventName: ["INSERT"], dynamodb: { NewImage: { entity: { S: [ENTITY.signInRequest] } } } },
      batchSize: 10,
    },
  },
  dataRights: {
    entry: "functions/handlers/data-rights.ts",
    description: "A donor's data export and erasure request",
    // Export: the profile's GetItem, a Query of history rows, a BatchGet of their donations. Erasure: one
    // transaction (the profile's epoch Update, the request's Put).
    tableActions: [
      "dynamodb:GetItem",
      "dynamodb:Query",
      "dynamodb:BatchGetItem",
      "dynamodb:UpdateItem",
      "dynamodb:PutItem",
    ],
    usesStripe: false,
    readsSessions: true,
  },
  erasure: {
    entry: "functions/handlers/erasure.ts",
    description: "Erases a donor's personal data",
    // Queries of the donor's and each donation's partition (gsi1 for pending requests, gsi2 for every
    // donation the donor started), GetItems of receipts and queued requests, Updates that remove personal
    // data, Deletes of the donor's rows.
    tableActions: ["dynamodb:Query", "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
    tableIndexes: ["gsi1", "gsi2"],
    // Stops the donor's monthly gifts still running.
    usesStripe: true,
    stream: {
      // New requests (and one asked again after an earlier erasure finished), not the worker's own "done".
      filter: {
        dynamodb: { NewImage: { entity: { S: [ENTITY.erasureRequest] }, status: { S: ["scheduled"] } } },
      },
      batchSize: 10,
      scheduleMinutes: 15,
    },
  },
  healthProbe: {
    entry: "functions/handlers/health-probe.ts",
    description: "Checks the site through CloudFront and the payment keys, for the alarms",
    tableActions: [],
    // Checks the Stripe secret holds real keys, as the payment functions read it.
    usesStripe: true,
    scheduled: { scheduleMinutes: 5 },
  },
  mailEvents: {
    entry: "functions/handlers/mail-events.ts",
    description: "Notes SES's bounces, complaints and rejections on the receipts they concern",
    // The receipt's conditional Update.
    tableActions: ["dynamodb:UpdateItem"],
    usesStripe: false,
    readsMailEvents: true,
  },
  streamRouter: {
    entry: "functions/handlers/stream-router.ts",
    description: "Sends the table's stream records to the queues of the workers they concern",
    // Reads the stream through its event source mapping only; no table call.
    tableActions: [],
    usesStripe: false,
    routesStream: { batchSize: 100 },
  },
} as const satisfies Record<string, HandlerGroupDefinition>;

export type HandlerGroup = keyof typeof HANDLER_GROUPS;

/** Workers the table's stream feeds (through their queues). */
export type StreamGroup = {
  [K in HandlerGroup]: (typeof HANDLER_GROUPS)[K] extends { stream: object } ? K : never;
}[HandlerGroup];
/** The stream's one reader. */
export type RouterGroup = {
  [K in HandlerGroup]: (typeof HANDLER_GROUPS)[K] extends { routesStream: object } ? K : never;
}[HandlerGroup];
/** Groups only a schedule runs. */
export type ScheduledGroup = {
  [K in HandlerGroup]: (typeof HANDLER_GROUPS)[K] extends { scheduled: object } ? K : never;
}[HandlerGroup];
/** What runs a group other than HTTP: the stream's queues, the stream itself, a schedule, SES's events. */
const NOT_HTTP_TRIGGERS = ["stream", "routesStream", "scheduled", "readsMailEvents"] as const;
/** Serves HTTP routes (through CloudFront): every group that nothing else runs. */
export const servesHttp = (definition: HandlerGroupDefinition): boolean =>
  !NOT_HTTP_TRIGGERS.some((trigger) => trigger in definition);

/** Groups SES's events (through SNS) run. */
export type MailEventsGroup = {
  [K in HandlerGroup]: (typeof HANDLER_GROUPS)[K] extends { readsMailEvents: true } ? K : never;
}[HandlerGroup];
/** Every other group serves HTTP routes. */
export type HttpGroup = Exclude<HandlerGroup, StreamGroup | RouterGroup | ScheduledGroup | MailEventsGroup>;

export interface RouteDefinition {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** API Gateway route path: `{name}` marks a path parameter. */
  path: `/api/${string}`;
  group: HttpGroup;
}

export const ROUTES = [
  { method: "GET", path: "/api/health", group: "public" },
  { method: "GET", path: "/api/stats", group: "public" },
  { method: "POST", path: "/api/checkout", group: "donations" },
  { method: "GET", path: "/api/checkout/{sessionId}", group: "donations" },
  { method: "GET", path: "/api/receipts/{receiptNumber}", group: "donations" },
  { method: "POST", path: "/api/adoptions/checkout", group: "adoptions" },
  { method: "GET", path: "/api/initiatives/{initiativeId}/availability", group: "adoptions" },
  { method: "POST", path: "/api/stripe/webhook", group: "stripeWebhook" },
  { method: "POST", path: "/api/auth/link", group: "auth" },
  { method: "GET", path: "/api/auth/callback", group: "auth" },
  { method: "POST", path: "/api/auth/signout", group: "auth" },
  { method: "GET", path: "/api/me/export", group: "dataRights" },
  { method: "POST", path: "/api/me/erasure", group: "dataRights" },
  { method: "POST", path: "/api/me/monthly/{donationId}/manage", group: "papers" },
  { method: "GET", path: "/api/me/statement/pdf", group: "papers" },
  { method: "GET", path: "/api/staff/config", group: "staff" },
  { method: "GET", path: "/api/staff/me", group: "staff" },
  { method: "GET", path: "/api/finance/audit", group: "staff" },
  { method: "POST", path: "/api/finance/payouts/import", group: "finance" },
  { method: "GET", path: "/api/finance/imports/{jobId}", group: "finance" },
  { method: "GET", path: "/api/finance/payouts", group: "finance" },
  { method: "GET", path: "/api/finance/payouts/{payoutId}", group: "finance" },
  { method: "POST", path: "/api/finance/exceptions/{exceptionId}/resolve", group: "finance" },
  { method: "POST", path: "/api/finance/payouts/{payoutId}/reconcile", group: "finance" },
  { method: "POST", path: "/api/finance/exports", group: "finance" },
  { method: "GET", path: "/api/finance/exports/{exportId}", group: "finance" },
  { method: "GET", path: "/api/finance/exports/{exportId}/download", group: "finance" },
  { method: "GET", path: "/api/finance/funds", group: "financeBooks" },
  { method: "POST", path: "/api/finance/sponsorships/{donationId}/cover", group: "financeBooks" },
  { method: "POST", path: "/api/finance/gifts", group: "financeBooks" },
  { method: "GET", path: "/api/finance/unfulfilled", group: "financeBooks" },
  { method: "POST", path: "/api/finance/unfulfilled/{exceptionId}/resolve", group: "financeBooks" },
  { method: "GET", path: "/api/finance/initiatives/{initiativeId}/recognition", group: "financeBooks" },
  {
    method: "POST",
    path: "/api/finance/initiatives/{initiativeId}/recognition/{donationId}",
    group: "financeBooks",
  },
  { method: "GET", path: "/api/me/dashboard", group: "account" },
  { method: "GET", path: "/api/me/donations", group: "account" },
  { method: "GET", path: "/api/me/statement", group: "account" },
] as const satisfies readonly RouteDefinition[];

/** `METHOD /path` of every route a group serves, as API Gateway names them in `routeKey`. */
export type RouteKeyOf<G extends HttpGroup> =
  Extract<(typeof ROUTES)[number], { group: G }> extends infer Route
    ? Route extends { method: infer Method extends string; path: infer Path extends string }
      ? `${Method} ${Path}`
      : never
    : never;

/**
 * What a group's handler module must serve: every one of its routes, and nothing else (a route missed or
 * misspelt fails `tsc`), and `$default` for the group that serves it.
 */
export type GroupRoutes<G extends HttpGroup, Handler> = Record<RouteKeyOf<G>, Handler> &
  (G extends (typeof DEFAULT_ROUTE)["group"] ? { $default: Handler } : unknown);

/**
 * What no route matches: API Gateway's `$default` route, served by the public group. An unknown `/api/`
 * path gets a JSON 404 in the caller's language; any other path reaches it only when CloudFront falls back
 * from the site's bucket (a page that does not exist) and gets the site's 404 page with status 404.
 */
export const DEFAULT_ROUTE = { routeKey: "$default", group: "public" } as const satisfies {
  routeKey: string;
  group: HttpGroup;
};

/** The `routeKey` API Gateway puts in payload-2.0 events, e.g. `GET /api/checkout/{sessionId}`. */
export function routeKey(route: Pick<RouteDefinition, "method" | "path"> | typeof DEFAULT_ROUTE): string {
  return "routeKey" in route ? route.routeKey : `${route.method} ${route.path}`;
}
