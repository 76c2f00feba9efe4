/**
 * `/local-stripe/admin/*`: what happens at Stripe without Athar asking (a donor pays, a month passes, a
 * bank disputes, Stripe pays out), as JSON endpoints for `npm run local:stripe`. Each answers what it did
 * and the events it delivered with the webhook's HTTP status.
 */
import type { IncomingMessage } from "node:http";
import type Stripe from "stripe";
import { formatMoney } from "../../contract/money.ts";
import { chargeFor, closeDispute, createPayouts, createRefund, openDispute } from "./after-payment.ts";
import { expireSession, paySession, settleDelayedPayment } from "./checkout-flows.ts";
import type { EmulatorContext } from "./context.ts";
import { type Handled, invalidRequest, jsonReply, StripeApiError } from "./http.ts";
import { chargesOf, findSession, type SessionSummary, summarize } from "./lookup.ts";
import type { Delivery } from "./state.ts";
import { renewSubscription } from "./subscriptions.ts";

export const ADMIN_PATH = "/local-stripe/admin/";

/** The answer of every admin action. */
export interface AdminResult {
  done: string;
  deliveries: Delivery[];
  session?: SessionSummary;
  [object: string]: unknown;
}

type Body = Record<string, unknown>;

export function createAdminRoutes(context: EmulatorContext, options: { secretKey: string }) {
  const { state } = context;
  const recordOf = (body: Body) => {
    if (typeof body.ref !== "string" || !body.ref)
      throw invalidRequest("`ref` (a donation id or Stripe id) is required.", "ref");
    return findSession(state, body.ref);
  };
  const subscriptionOf = (body: Body) => {
    const record = recordOf(body);
    const sub =
      typeof record.session.subscription === "string"
        ? state.get<Stripe.Subscription>(record.session.subscription, "subscription")
        : undefined;
    if (!sub)
      throw invalidRequest(
        `${String(body.ref)} has no subscription (mode ${record.session.mode}, ${record.session.status}).`,
        "ref",
      );
    return { record, sub };
  };
  const latestCharge = (body: Body) => {
    if (typeof body.charge === "string") return chargeFor(context, { charge: body.charge });
    const record = recordOf(body);
    const charge = chargesOf(state, record).find((candidate) => candidate.status === "succeeded");
    if (!charge) throw invalidRequest(`${String(body.ref)} has no successful charge.`, "ref");
    return charge;
  };
  const disputeOf = (body: Body) => {
    const ref = String(body.ref ?? "");
    const found = ref.startsWith("dp_")
      ? state.get<Stripe.Dispute>(ref, "dispute")
      : state
          .list<Stripe.Dispute>("dispute")
          .find((dispute) => chargesOf(state, recordOf(body)).some((charge) => charge.id === dispute.charge));
    if (!found) throw invalidRequest(`${ref} has no dispute.`, "ref");
    return found;
  };

  const actions: Record<string, (body: Body) => Promise<AdminResult>> = {
    /** Stripe's API fails the next `requests` calls (the SDK retries twice, so one call takes three). */
    async outage(body) {
      const requests = Number(body.requests ?? 3);
      if (!Number.isInteger(requests) || requests < 0)
        throw invalidRequest("`requests` must be a whole number.", "requests");
      context.outage.remaining = requests;
      return { done: `the next ${requests} API requests fail`, deliveries: [] };
    },
    async pay(body) {
      const record = recordOf(body);
      const deliveries = await paySession(context, record);
      return { done: `paid ${record.session.id}`, deliveries, session: summarize(state, record) };
    },
    async settle(body) {
      const record = recordOf(body);
      const succeed = body.outcome === "succeed";
      if (!succeed && body.outcome !== "fail")
        throw invalidRequest("`outcome` must be succeed or fail.", "outcome");
      const deliveries = await settleDelayedPayment(context, record, succeed);
      return {
        done: `delayed payment ${succeed ? "succeeded" : "failed"}`,
        deliveries,
        session: summarize(state, record),
      };
    },
    async renew(body) {
      const { record, sub } = subscriptionOf(body);
      const deliveries = await renewSubscription(context, sub, body.fail === true);
      const done =
        sub.status === "canceled" ? `${sub.id} ended` : `renewed ${sub.id} (${sub.latest_invoice})`;
      return { done, deliveries, session: summarize(state, record), subscription: sub };
    },
    async "disputes/open"(body) {
      const charge = latestCharge(body);
      const { dispute, deliveries } = await openDispute(context, charge);
      return { done: `opened ${dispute.id} on ${charge.id}`, deliveries, dispute };
    },
    async "disputes/close"(body) {
      const won = body.outcome === "won";
      if (!won && body.outcome !== "lost") throw invalidRequest("`outcome` must be won or lost.", "outcome");
      const { dispute, deliveries } = await closeDispute(context, disputeOf(body), won);
      return { done: `${dispute.id} ${dispute.status}`, deliveries, dispute };
    },
    /**
     * A refund made in Stripe's dashboard, not through Athar: the same Refund as the API's; with
     * `deliver: false` its events never reach the webhook (the ledger does not know of it).
     */
    async refunds(body) {
      const charge = latestCharge(body);
      const amount = body.amount === undefined ? {} : { amount: body.amount };
      const { refund, deliveries } = await createRefund(context, { charge: charge.id, ...amount });
      return { done: `refunded ${refund.id} of ${charge.id} from the dashboard`, deliveries, refund };
    },
    /** Stripe's processing fee from now on: `percent` and `fixedMajorUnits` (a fee Athar did not expect). */
    async fees(body) {
      const percent = Number(body.percent ?? context.fees.percent);
      const fixedMajorUnits = Number(body.fixedMajorUnits ?? context.fees.fixedMajorUnits);
      if (!(percent >= 0 && percent < 100) || !(fixedMajorUnits >= 0))
        throw invalidRequest("`percent` must be 0 to 100 and `fixedMajorUnits` at least 0.", "percent");
      context.fees = { percent, fixedMajorUnits };
      return { done: `fees are ${percent} % + ${fixedMajorUnits}`, deliveries: [], fees: context.fees };
    },
    async payouts() {
      const { payouts, deliveries } = await createPayouts(context);
      const done = payouts
        .map(
          (payout) =>
            `paid out ${formatMoney({ value: payout.amount, currency: payout.currency.toUpperCase() }, "en")} (${payout.id})`,
        )
        .join("; ");
      return { done, deliveries, payouts };
    },
    async expire(body) {
      const record = recordOf(body);
      const deliveries = await expireSession(context, record);
      return { done: `expired ${record.session.id}`, deliveries, session: summarize(state, record) };
    },
  };

  async function route(request: IncomingMessage, action: string, query: URLSearchParams, body: Body) {
    if (request.method === "GET") {
      if (action === "sessions")
        return { sessions: state.sessions().map((record) => summarize(state, record)) };
      if (action === "find") return summarize(state, findSession(state, query.get("ref") ?? ""));
      if (action === "deliveries") {
        return {
          count: state.deliveryCount(),
          deliveries: state.deliveriesFrom(Number(query.get("from") ?? 0)),
        };
      }
    }
    const run = request.method === "POST" ? actions[action] : undefined;
    if (!run)
      throw new StripeApiError(404, `Unrecognized request URL (${request.method}: ${ADMIN_PATH}${action}).`);
    // `deliver: false`: what happens is real at Stripe, but its webhooks never arrive (a missing webhook).
    context.delivery.muted = body.deliver === false;
    try {
      return await run(body);
    } finally {
      context.delivery.muted = false;
    }
  }

  return {
    async handle(
      request: IncomingMessage,
      action: string,
      query: URLSearchParams,
      body: string,
    ): Promise<Handled> {
      if (request.headers.authorization !== `Bearer ${options.secretKey}`)
        return new StripeApiError(401, "Invalid API Key provided").toReply();
      try {
        const parsed = body ? (JSON.parse(body) as Body) : {};
        return jsonReply(200, await route(request, action, query, parsed));
      } catch (error) {
        if (error instanceof StripeApiError) return error.toReply();
        if (error instanceof SyntaxError) return invalidRequest("The body must be JSON.").toReply();
        throw error;
      }
    },
  };
}
