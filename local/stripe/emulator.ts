/**
 * Local payment mode: a stand-in for Stripe's API (what Athar calls), its hosted checkout page and what
 * Stripe does on its own later (renewals, refunds, disputes, payouts). The real `stripe` SDK is pointed
 * here; everything that happens becomes a Stripe-signed event delivered to Athar's real webhook endpoint.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ADMIN_PATH, createAdminRoutes } from "./admin-routes.ts";
import { createApiRoutes } from "./api-routes.ts";
import { HOSTED_PORTAL_PATH, handlePortalPage } from "./billing-portal.ts";
import { expireSession, paySession, refreshExpiry, startDelayedPayment } from "./checkout-flows.ts";
import { checkoutPage } from "./checkout-page.ts";
import type { EmulatorContext } from "./context.ts";
import { type Handled, jsonReply } from "./http.ts";
import { DEFAULT_FEE_RATE, type FeeRate } from "./objects.ts";
import { DEFAULT_SETTLEMENT } from "./settlement.ts";
import { createEmulatorState } from "./state.ts";
import { buildEvent, deliverEvent, type WebhookTarget } from "./webhook-sender.ts";

export interface StripeEmulatorOptions {
  publicBaseUrl: string;
  secretKey: string;
  webhook: WebhookTarget;
  /** JSON file that keeps the emulator's objects across restarts of `npm start`; in memory when omitted. */
  stateFile?: string;
  /** Stripe's processing fee on each charge; default 2.9 % + 1.00 of the currency. */
  fees?: FeeRate;
  /** The currency the account settles and pays out in (lower case); default `sar`. */
  settlementCurrency?: string;
  /** Failed attempts on a renewal invoice before the subscription is canceled; default 3, as Stripe's. */
  failedAttemptsBeforeCancel?: number;
}

export const HOSTED_CHECKOUT_PATH = "/local-stripe/checkout/";

export function createStripeEmulator(options: StripeEmulatorOptions) {
  const state = createEmulatorState(options.stateFile);
  const context: EmulatorContext = {
    state,
    fees: options.fees ?? DEFAULT_FEE_RATE,
    settlement: { currency: (options.settlementCurrency ?? DEFAULT_SETTLEMENT.currency).toLowerCase() },
    delivery: { muted: false },
    failedAttemptsBeforeCancel: options.failedAttemptsBeforeCancel ?? 3,
    outage: { remaining: 0 },
    async publish(type, object, previousAttributes) {
      const event = buildEvent(type, object, previousAttributes);
      // A muted event is recorded with status 0 (never reached Athar), as an unreachable endpoint is.
      const { muted } = context.delivery;
      const status = muted ? 0 : await deliverEvent(options.webhook, event);
      const delivery = { event: event.id, type, status, ...(muted ? { withheld: true as const } : {}) };
      state.recordDelivery(delivery);
      return delivery;
    },
  };
  const hostedPageBase = `${options.publicBaseUrl}${HOSTED_CHECKOUT_PATH}`;
  const api = createApiRoutes(context, {
    secretKey: options.secretKey,
    hostedPageBase,
    portalPageBase: `${options.publicBaseUrl}${HOSTED_PORTAL_PATH}`,
  });
  const admin = createAdminRoutes(context, { secretKey: options.secretKey });

  async function handleHostedPage(
    request: IncomingMessage,
    sessionId: string,
    body: string,
  ): Promise<Handled> {
    const record = state.session(sessionId);
    const page = (status: number, html: string, headers: Record<string, string> = {}) => ({
      status,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers },
      body: html,
    });
    if (!record) return page(404, "<!doctype html><title>Not found</title><p>No such checkout session.</p>");
    await refreshExpiry(context, record);
    if (request.method !== "POST") return page(200, checkoutPage(record));
    if (record.session.status !== "open") return page(409, checkoutPage(record, "closed"));
    const outcome = new URLSearchParams(body).get("outcome");
    const success = () =>
      (record.session.success_url ?? "").replace("{CHECKOUT_SESSION_ID}", record.session.id);
    if (outcome === "paid") {
      await paySession(context, record);
      return page(303, "", { location: success() });
    }
    if (outcome === "delayed" && record.session.mode === "payment") {
      await startDelayedPayment(context, record);
      return page(303, "", { location: success() });
    }
    if (outcome === "canceled") {
      // Stripe keeps a cancelled session open until it expires; expiring it now returns it promptly.
      await expireSession(context, record);
      return page(303, "", { location: record.session.cancel_url ?? options.publicBaseUrl });
    }
    // A declined card: Stripe keeps the session open and sends nothing.
    if (outcome === "failed") return page(402, checkoutPage(record, "declined"));
    return page(400, checkoutPage(record));
  }

  return {
    /** Handles the request if it is the emulator's; returns false to let the caller route it. */
    async handle(request: IncomingMessage, response: ServerResponse, body: Buffer): Promise<boolean> {
      const url = new URL(request.url ?? "/", "http://localhost");
      const path = url.pathname;
      const text = body.toString("utf8");
      let reply: Handled;
      if (path.startsWith("/v1/") && context.outage.remaining > 0) {
        context.outage.remaining -= 1;
        reply = jsonReply(500, {
          error: { type: "api_error", message: "An unexpected error occurred (local outage)." },
        });
      } else if (path.startsWith("/v1/")) reply = await api.handle(request, path, url.search.slice(1), text);
      else if (path.startsWith(ADMIN_PATH))
        reply = await admin.handle(request, path.slice(ADMIN_PATH.length), url.searchParams, text);
      else if (path.startsWith(HOSTED_CHECKOUT_PATH))
        reply = await handleHostedPage(request, path.slice(HOSTED_CHECKOUT_PATH.length), text);
      else if (path.startsWith(HOSTED_PORTAL_PATH))
        reply = await handlePortalPage(
          context,
          request.method ?? "GET",
          path.slice(HOSTED_PORTAL_PATH.length),
          text,
        );
      else return false;
      state.flush();
      response.writeHead(reply.status, reply.headers);
      response.end(reply.body);
      return true;
    },
  };
}
