/**
 * `/v1/*`: the Stripe API routes Athar's code (through the real SDK) and the CLI call, with Stripe's
 * authentication, idempotency keys, `expand` and error shapes.
 */
import type { IncomingMessage } from "node:http";
import qs from "qs";
import type Stripe from "stripe";
import { createRefund } from "./after-payment.ts";
import { createPortalSession } from "./billing-portal.ts";
import { createSession, expireSession, refreshExpiry } from "./checkout-flows.ts";
import { parseCheckoutParams } from "./checkout-params.ts";
import type { EmulatorContext } from "./context.ts";
import {
  type Handled,
  invalidRequest,
  jsonReply,
  resourceMissing,
  StripeApiError,
  stripeList,
} from "./http.ts";
import { nowSeconds } from "./objects.ts";
import { cancelSubscription, setCancelAtPeriodEnd } from "./subscriptions.ts";

type Params = Record<string, unknown>;
const parse = (text: string): Params => qs.parse(text, { depth: 10, arrayLimit: 100 });

/** Collections readable by id, with the object name Stripe's 404 message uses. */
const READABLE: Record<string, [object: string, label: string]> = {
  payment_intents: ["payment_intent", "payment_intent"],
  charges: ["charge", "charge"],
  invoices: ["invoice", "invoice"],
  invoice_payments: ["invoice_payment", "invoice_payment"],
  subscriptions: ["subscription", "subscription"],
  balance_transactions: ["balance_transaction", "balance transaction"],
  customers: ["customer", "customer"],
  products: ["product", "product"],
  refunds: ["refund", "refund"],
  disputes: ["dispute", "dispute"],
  payouts: ["payout", "payout"],
};

export function createApiRoutes(
  context: EmulatorContext,
  options: { secretKey: string; hostedPageBase: string; portalPageBase: string },
) {
  const { state } = context;

  function find<T>(collection: string, id: string): T {
    const [object, label] = READABLE[collection] ?? [collection, collection];
    const found = state.get<T>(id, object);
    if (!found) throw resourceMissing(label, id);
    return found;
  }

  function session(id: string) {
    const record = state.session(id);
    if (!record) throw resourceMissing("checkout.session", id);
    return record;
  }

  /** Replaces ids by the objects they name along each `expand` path ("data.invoice", "latest_charge"). */
  function expand(target: unknown, path: string[]): unknown {
    const [head, ...rest] = path;
    if (!head || typeof target !== "object" || target === null) return target;
    const record = target as Params;
    if (head === "data" && Array.isArray(record.data)) {
      record.data = record.data.map((element) => expand(element, rest));
      return record;
    }
    const value = record[head];
    const found =
      typeof value === "string" ? (state.anyObject(value) ?? state.session(value)?.session) : undefined;
    record[head] = expand(found ? structuredClone(found) : value, rest);
    return record;
  }

  function reply(body: unknown, params: Params): Handled {
    const paths = Array.isArray(params.expand) ? params.expand.map(String) : [];
    let shaped = structuredClone(body);
    for (const path of paths) shaped = expand(shaped, path.split("."));
    return jsonReply(200, shaped);
  }

  function list(collection: string, params: Params): Handled {
    const [object] = READABLE[collection] ?? [collection];
    let items = state.list<{ id: string } & Params>(object);
    const filters: Record<string, (item: Params) => boolean> = {
      charge: (item) => item.charge === params.charge,
      payment_intent: (item) => item.payment_intent === params.payment_intent,
      invoice: (item) => item.invoice === params.invoice,
      customer: (item) => item.customer === params.customer,
      type: (item) => item.type === params.type,
      payout: (item) => state.payoutOf(String(item.id)) === params.payout,
      payment: (item) =>
        (item.payment as Params | undefined)?.payment_intent ===
        (params.payment as Params | undefined)?.payment_intent,
    };
    for (const [name, keep] of Object.entries(filters))
      if (params[name] !== undefined) items = items.filter(keep);
    return reply(stripeList(`/v1/${collection}`, items, params), params);
  }

  async function post(path: string, params: Params): Promise<Handled> {
    if (path === "/v1/checkout/sessions")
      return reply(
        createSession(context, parseCheckoutParams(params, nowSeconds()), options.hostedPageBase),
        params,
      );
    const expiring = /^\/v1\/checkout\/sessions\/([\w]+)\/expire$/.exec(path)?.[1];
    if (expiring) {
      const record = session(expiring);
      await expireSession(context, record);
      return reply(record.session, params);
    }
    if (path === "/v1/refunds") return reply((await createRefund(context, params)).refund, params);
    if (path === "/v1/billing_portal/sessions")
      return reply(createPortalSession(context, params, options.portalPageBase), params);
    const subscriptionId = /^\/v1\/subscriptions\/([\w]+)$/.exec(path)?.[1];
    if (subscriptionId) {
      const sub = find<Stripe.Subscription>("subscriptions", subscriptionId);
      const unknown = Object.keys(params).find((key) => key !== "cancel_at_period_end" && key !== "expand");
      if (unknown)
        throw invalidRequest(`Received unknown parameter: ${unknown}`, unknown, "parameter_unknown");
      if (params.cancel_at_period_end !== undefined)
        await setCancelAtPeriodEnd(context, sub, params.cancel_at_period_end === "true");
      return reply(sub, params);
    }
    throw unrecognized("POST", path);
  }

  async function get(path: string, params: Params): Promise<Handled> {
    const sessionId = /^\/v1\/checkout\/sessions\/([\w]+)$/.exec(path)?.[1];
    if (sessionId) {
      const record = session(sessionId);
      await refreshExpiry(context, record);
      return reply(record.session, params);
    }
    if (path === "/v1/checkout/sessions")
      return reply(
        stripeList(
          path,
          state.sessions().map((record) => record.session),
          params,
        ),
        params,
      );
    const [, collection, id] = /^\/v1\/(\w+)(?:\/([\w]+))?$/.exec(path) ?? [];
    if (collection && READABLE[collection])
      return id ? reply(find(collection, id), params) : list(collection, params);
    throw unrecognized("GET", path);
  }

  const unrecognized = (method: string, path: string) =>
    new StripeApiError(404, `Unrecognized request URL (${method}: ${path}).`);

  async function route(
    request: IncomingMessage,
    path: string,
    query: string,
    body: string,
  ): Promise<Handled> {
    if (request.method === "GET") return get(path, parse(query));
    if (request.method === "DELETE") {
      const subscriptionId = /^\/v1\/subscriptions\/([\w]+)$/.exec(path)?.[1];
      if (!subscriptionId) throw unrecognized("DELETE", path);
      const sub = find<Stripe.Subscription>("subscriptions", subscriptionId);
      await cancelSubscription(context, sub);
      return reply(sub, parse(query));
    }
    if (request.method !== "POST") throw unrecognized(request.method ?? "", path);
    const key = request.headers["idempotency-key"];
    if (typeof key !== "string") return post(path, parse(body));
    // Stripe replays the first answer to a key, and refuses the key with other parameters.
    const saved = state.reply(key);
    if (saved && saved.request !== `${path}?${body}`)
      throw new StripeApiError(
        400,
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        { type: "idempotency_error" },
      );
    if (saved)
      return {
        status: saved.status,
        headers: { "content-type": "application/json", "idempotent-replayed": "true" },
        body: saved.body,
      };
    const answer = await post(path, parse(body));
    state.saveReply(key, { status: answer.status, body: answer.body, request: `${path}?${body}` });
    return answer;
  }

  return {
    async handle(request: IncomingMessage, path: string, query: string, body: string): Promise<Handled> {
      if (request.headers.authorization !== `Bearer ${options.secretKey}`)
        return new StripeApiError(401, "Invalid API Key provided").toReply();
      try {
        return await route(request, path, query, body);
      } catch (error) {
        if (error instanceof StripeApiError) return error.toReply();
        throw error;
      }
    },
  };
}
