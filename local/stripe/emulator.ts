/**
 * Local payment mode: a small stand-in for Stripe's API (the endpoints Athar calls) and for its hosted
 * checkout page. The real `stripe` SDK is pointed here; outcomes on the page become Stripe-signed events
 * delivered to Athar's real webhook endpoint.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import qs from "qs";
import type Stripe from "stripe";
import { checkoutPage } from "./checkout-page.ts";
import { stripeFixture } from "./fixtures.ts";
import { createSessionStore, type LocalSession } from "./session-store.ts";
import { buildEvent, deliverEvent, localId, type WebhookTarget } from "./webhook-sender.ts";

export interface StripeEmulatorOptions {
  publicBaseUrl: string;
  secretKey: string;
  webhook: WebhookTarget;
  /** JSON file that keeps sessions across restarts of `npm start`; in memory when omitted. */
  stateFile?: string;
}

export const HOSTED_CHECKOUT_PATH = "/local-stripe/checkout/";

type Handled = { status: number; headers: Record<string, string>; body: string };

const jsonReply = (status: number, body: unknown): Handled => ({
  status,
  headers: { "content-type": "application/json", "request-id": localId("req") },
  body: JSON.stringify(body),
});

const stripeError = (status: number, type: string, message: string, code?: string) =>
  jsonReply(status, { error: { type, message, ...(code ? { code } : {}) } });

interface LineItemParam {
  quantity?: string;
  price_data?: { currency?: string; unit_amount?: string; product_data?: { name?: string } };
}

export function createStripeEmulator(options: StripeEmulatorOptions) {
  const store = createSessionStore(options.stateFile);

  function createSession(params: Record<string, unknown>, idempotencyKey: string | undefined): Handled {
    if (idempotencyKey) {
      const existing = store.byIdempotencyKey(idempotencyKey);
      if (existing) return jsonReply(200, existing.session);
    }
    const items = (params.line_items ?? []) as LineItemParam[];
    const first = items[0]?.price_data;
    if (!first?.currency || !first.unit_amount || !params.success_url || !params.cancel_url) {
      return stripeError(
        400,
        "invalid_request_error",
        "line_items with price_data, success_url and cancel_url are required",
      );
    }
    const amountTotal = items.reduce(
      (sum, item) => sum + Number(item.price_data?.unit_amount ?? 0) * Number(item.quantity ?? 1),
      0,
    );
    const id = localId("cs_test");
    const now = Math.floor(Date.now() / 1000);
    const session = {
      ...stripeFixture<Stripe.Checkout.Session>("checkout.session"),
      id,
      object: "checkout.session",
      created: now,
      expires_at: Number(params.expires_at ?? now + 24 * 3600),
      mode: (params.mode as Stripe.Checkout.Session.Mode) ?? "payment",
      status: "open",
      payment_status: "unpaid",
      payment_intent: null,
      amount_subtotal: amountTotal,
      amount_total: amountTotal,
      currency: first.currency,
      customer_email: (params.customer_email as string) ?? null,
      customer_details: null,
      client_reference_id: (params.client_reference_id as string) ?? null,
      metadata: (params.metadata as Stripe.Metadata) ?? {},
      submit_type: (params.submit_type as Stripe.Checkout.Session.SubmitType) ?? null,
      success_url: String(params.success_url),
      cancel_url: String(params.cancel_url),
      url: `${options.publicBaseUrl}${HOSTED_CHECKOUT_PATH}${id}`,
      shipping_cost: null,
      shipping_address_collection: null,
      total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
      currency_conversion: null,
    } as Stripe.Checkout.Session;
    store.put({ session, productName: first.product_data?.name ?? "" }, idempotencyKey);
    return jsonReply(200, session);
  }

  /** Sessions past their expiry become expired (and say so by webhook) when next touched, as in Stripe. */
  async function refreshExpiry(record: LocalSession): Promise<void> {
    const { session } = record;
    if (session.status === "open" && session.expires_at * 1000 <= Date.now()) await expire(record);
  }

  async function expire(record: LocalSession): Promise<void> {
    record.session.status = "expired";
    store.put(record);
    await deliverEvent(options.webhook, buildEvent("checkout.session.expired", record.session));
  }

  async function pay(record: LocalSession): Promise<void> {
    record.session.status = "complete";
    record.session.payment_status = "paid";
    record.session.payment_intent = localId("pi");
    record.session.customer_details = {
      ...stripeFixture<Stripe.Checkout.Session>("checkout.session").customer_details,
      email: record.session.customer_email,
    } as Stripe.Checkout.Session.CustomerDetails;
    store.put(record);
    await deliverEvent(options.webhook, buildEvent("checkout.session.completed", record.session));
  }

  function authorized(request: IncomingMessage): boolean {
    return request.headers.authorization === `Bearer ${options.secretKey}`;
  }

  async function handleApi(request: IncomingMessage, path: string, body: string): Promise<Handled> {
    if (!authorized(request)) return stripeError(401, "invalid_request_error", "Invalid API Key provided");
    if (request.method === "POST" && path === "/v1/checkout/sessions") {
      const key = request.headers["idempotency-key"];
      return createSession(qs.parse(body, { depth: 10 }), typeof key === "string" ? key : undefined);
    }
    const retrieve = /^\/v1\/checkout\/sessions\/([\w]+)$/.exec(path);
    if (request.method === "GET" && retrieve?.[1]) {
      const record = store.get(retrieve[1]);
      if (!record)
        return stripeError(
          404,
          "invalid_request_error",
          `No such checkout.session: '${retrieve[1]}'`,
          "resource_missing",
        );
      await refreshExpiry(record);
      return jsonReply(200, record.session);
    }
    return stripeError(
      404,
      "invalid_request_error",
      `Unrecognized request URL (${request.method}: ${path}).`,
    );
  }

  async function handleHostedPage(
    request: IncomingMessage,
    sessionId: string,
    body: string,
  ): Promise<Handled> {
    const record = store.get(sessionId);
    const page = (status: number, html: string, headers: Record<string, string> = {}) => ({
      status,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers },
      body: html,
    });
    if (!record) return page(404, "<!doctype html><title>Not found</title><p>No such checkout session.</p>");
    await refreshExpiry(record);
    if (request.method !== "POST") return page(200, checkoutPage(record));
    if (record.session.status !== "open") return page(409, checkoutPage(record, "closed"));
    const outcome = new URLSearchParams(body).get("outcome");
    if (outcome === "paid") {
      await pay(record);
      const success = (record.session.success_url ?? "").replace("{CHECKOUT_SESSION_ID}", record.session.id);
      return page(303, "", { location: success });
    }
    if (outcome === "canceled") {
      // Stripe keeps a cancelled session open until it expires; expiring it now returns it promptly.
      await expire(record);
      return page(303, "", { location: record.session.cancel_url ?? options.publicBaseUrl });
    }
    if (outcome === "failed") return page(402, checkoutPage(record, "declined"));
    return page(400, checkoutPage(record));
  }

  return {
    /** Handles the request if it is the emulator's; returns false to let the caller route it. */
    async handle(request: IncomingMessage, response: ServerResponse, body: Buffer): Promise<boolean> {
      const path = new URL(request.url ?? "/", "http://localhost").pathname;
      let reply: Handled;
      if (path.startsWith("/v1/")) reply = await handleApi(request, path, body.toString("utf8"));
      else if (path.startsWith(HOSTED_CHECKOUT_PATH)) {
        reply = await handleHostedPage(
          request,
          path.slice(HOSTED_CHECKOUT_PATH.length),
          body.toString("utf8"),
        );
      } else return false;
      response.writeHead(reply.status, reply.headers);
      response.end(reply.body);
      return true;
    },
  };
}
