/**
 * What every route reads from a request, by the schemas its handler parses with (contract/api and the
 * donation and adoption requests). `satisfies` makes `tsc` fail when a route of ROUTES has no entry or an
 * entry names no route; docs/api-reference.md is generated from this table (scripts/api-reference.ts) and
 * tests/unit/docs/api-reference.test.ts fails when it is stale.
 */
import { z } from "zod";
import type { $ZodType } from "zod/v4/core";
import { adoptionRequestSchema } from "../../contract/adoption/request.ts";
import {
  donationIdParam,
  historyQuery,
  initiativeIdParam,
  receiptKey,
  receiptNumberParam,
  sessionIdParam,
  signInLinkRequest,
  statementPdfQuery,
  statementQuery,
} from "../../contract/api/donors.ts";
import {
  auditQuery,
  coverBody,
  cursorQuery,
  exportBody,
  exportIdParam,
  fundsQuery,
  giftBody,
  importBody,
  importJobIdParam,
  payoutExceptionIdParam,
  payoutIdParam,
  recognitionBody,
  recognitionDonationParam,
  recognitionInitiativeParam,
  resolveBody,
  resolveUnfulfilledBody,
  sponsorshipIdParam,
  unfulfilledIdParam,
} from "../../contract/api/finance.ts";
import { donationRequestSchema } from "../../contract/donations/request.ts";
import type { HttpGroup, RouteKeyOf } from "../routes.ts";

export interface RouteRequest {
  path?: Record<string, $ZodType>;
  query?: $ZodType;
  body?: $ZodType;
  /** The body may also come as a plain HTML form post, which the form's own mapping reads into `body`. */
  formPost?: boolean;
  /** What the route reads that no schema states. */
  other?: string;
}

export const ROUTE_REQUESTS = {
  "GET /api/health": {},
  "GET /api/stats": {},
  "POST /api/checkout": { body: donationRequestSchema, formPost: true },
  "GET /api/checkout/{sessionId}": { path: { sessionId: sessionIdParam } },
  "GET /api/receipts/{receiptNumber}": {
    path: { receiptNumber: receiptNumberParam },
    // The handler checks `k` as the receipt's `key`.
    query: z.object({ k: receiptKey }),
  },
  "POST /api/adoptions/checkout": { body: adoptionRequestSchema, formPost: true },
  "GET /api/initiatives/{initiativeId}/availability": { path: { initiativeId: initiativeIdParam } },
  "POST /api/stripe/webhook": {
    other: "a Stripe event, verified on the exact raw body with the `Stripe-Signature` header",
  },
  "POST /api/auth/link": { body: signInLinkRequest, formPost: true },
  "GET /api/auth/callback": {
    other: "`token`: the link's 32 random bytes in base64url; any other value redirects as an expired link",
  },
  "POST /api/auth/signout": { other: "the session cookie; a form post is answered with a redirect" },
  "GET /api/me/export": { other: "the session cookie; `cursor`: opaque, from the previous page" },
  "POST /api/me/erasure": { other: "the session cookie; a form post is answered with a redirect" },
  "POST /api/me/monthly/{donationId}/manage": { path: { donationId: donationIdParam } },
  "GET /api/me/statement/pdf": { query: statementPdfQuery },
  "GET /api/staff/config": {},
  "GET /api/staff/me": {},
  "GET /api/finance/audit": { query: auditQuery },
  "POST /api/finance/payouts/import": {
    body: importBody,
    other: "an empty body imports every payout not imported yet",
  },
  "GET /api/finance/imports/{jobId}": { path: { jobId: importJobIdParam } },
  "GET /api/finance/payouts": { query: cursorQuery },
  "GET /api/finance/payouts/{payoutId}": { path: { payoutId: payoutIdParam }, query: cursorQuery },
  "POST /api/finance/exceptions/{exceptionId}/resolve": {
    path: { exceptionId: payoutExceptionIdParam },
    body: resolveBody,
  },
  "POST /api/finance/payouts/{payoutId}/reconcile": { path: { payoutId: payoutIdParam } },
  "POST /api/finance/exports": { body: exportBody },
  "GET /api/finance/exports/{exportId}": { path: { exportId: exportIdParam } },
  "GET /api/finance/exports/{exportId}/download": { path: { exportId: exportIdParam } },
  "GET /api/finance/funds": { query: fundsQuery },
  "POST /api/finance/sponsorships/{donationId}/cover": {
    path: { donationId: sponsorshipIdParam },
    body: coverBody,
  },
  "POST /api/finance/gifts": { body: giftBody },
  "GET /api/finance/unfulfilled": {},
  "POST /api/finance/unfulfilled/{exceptionId}/resolve": {
    path: { exceptionId: unfulfilledIdParam },
    body: resolveUnfulfilledBody,
  },
  "GET /api/finance/initiatives/{initiativeId}/recognition": {
    path: { initiativeId: recognitionInitiativeParam },
  },
  "POST /api/finance/initiatives/{initiativeId}/recognition/{donationId}": {
    path: { initiativeId: recognitionInitiativeParam, donationId: recognitionDonationParam },
    body: recognitionBody,
  },
  "GET /api/me/dashboard": {},
  "GET /api/me/donations": { query: historyQuery },
  "GET /api/me/statement": { query: statementQuery },
} as const satisfies Record<RouteKeyOf<HttpGroup>, RouteRequest>;
