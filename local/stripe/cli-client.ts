/**
 * How `npm run local:stripe` talks to a running `npm start`: the emulator's admin endpoints for what
 * Stripe does on its own, the real Stripe SDK for what Athar's staff would do through Stripe's API.
 */
import type Stripe from "stripe";
import { createStripeClient } from "../../functions/adapters/stripe.ts";
import { LOCAL_STRIPE_SECRET_KEY, LOCAL_STRIPE_WEBHOOK_SECRET } from "../../functions/config.ts";
import { ADMIN_PATH, type AdminResult } from "./admin-routes.ts";
import type { SessionSummary } from "./lookup.ts";
import type { Delivery } from "./state.ts";

/** A failure the CLI reports in one line and exits 1 for. */
export class CliError extends Error {}

export function createCliClient(baseUrl: string, secretKey = LOCAL_STRIPE_SECRET_KEY) {
  const unreachable = () =>
    new CliError(
      `Nothing answers at ${baseUrl}: is \`npm start\` running in local payment mode (no Stripe keys)?`,
    );

  async function call<T>(method: "GET" | "POST", action: string, body?: Record<string, unknown>): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${ADMIN_PATH}${action}`, {
        method,
        headers: { authorization: `Bearer ${secretKey}`, "content-type": "application/json" },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw unreachable();
    }
    const answer = (await response.json().catch(() => undefined)) as
      | { error?: { message?: string } }
      | undefined;
    if (!answer) throw unreachable();
    if (!response.ok)
      throw new CliError(answer.error?.message ?? `The emulator answered ${response.status}.`);
    return answer as T;
  }

  const stripe: Stripe = createStripeClient({
    secretKey,
    webhookSecret: LOCAL_STRIPE_WEBHOOK_SECRET,
    apiBase: new URL(baseUrl),
  });

  return {
    stripe,
    sessions: () => call<{ sessions: SessionSummary[] }>("GET", "sessions").then((answer) => answer.sessions),
    find: (ref: string) => call<SessionSummary>("GET", `find?ref=${encodeURIComponent(ref)}`),
    act: (action: string, body: Record<string, unknown> = {}) => call<AdminResult>("POST", action, body),
    /**
     * Runs a Stripe API call and answers the events it delivered: what the emulator delivered between
     * before and after (an API answer does not list them).
     */
    async withDeliveries<T>(apiCall: () => Promise<T>): Promise<{ result: T; deliveries: Delivery[] }> {
      const before = await call<{ count: number }>("GET", "deliveries?from=0");
      try {
        const result = await apiCall();
        const after = await call<{ deliveries: Delivery[] }>("GET", `deliveries?from=${before.count}`);
        return { result, deliveries: after.deliveries };
      } catch (error) {
        if (
          error instanceof Error &&
          "type" in error &&
          typeof error.type === "string" &&
          error.type.startsWith("Stripe")
        )
          throw new CliError(error.message);
        throw error;
      }
    },
  };
}

export type CliClient = ReturnType<typeof createCliClient>;
