import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import { stripeFixture } from "./fixtures.ts";

export interface WebhookTarget {
  url: string;
  secret: string;
}

export function localId(prefix: string): string {
  return `${prefix}_local${randomBytes(12).toString("base64url").replace(/[-_]/g, "")}`;
}

/**
 * An event shaped like Stripe's (from its fixture) around a copy of the object as it is now, so later
 * changes to the object do not reach events already built. `previousAttributes` is what an `.updated`
 * event says changed.
 */
export function buildEvent(
  type: string,
  object: unknown,
  previousAttributes?: Record<string, unknown>,
): Stripe.Event {
  const event = stripeFixture<Record<string, unknown>>("event");
  return {
    ...event,
    id: localId("evt"),
    type,
    created: Math.floor(Date.now() / 1000),
    api_version: Stripe.API_VERSION,
    livemode: false,
    data: {
      object: structuredClone(object),
      ...(previousAttributes ? { previous_attributes: structuredClone(previousAttributes) } : {}),
    },
    pending_webhooks: 1,
  } as unknown as Stripe.Event;
}

/**
 * Stripe redelivers an event its endpoint did not take (no answer, or anything but 2xx) with exponential
 * back-off, for up to three days in live mode. The emulator, and the tests that play Stripe, keep the
 * policy on a local scale: up to 6 attempts, the waits doubling from 250 ms (each up to a quarter longer,
 * at random, so retries that failed together do not collide again), about 10 s in all.
 */
export const REDELIVERY = { attempts: 6, firstDelayMs: 250 } as const;

export const redeliveryDelayMs = (retry: number) =>
  REDELIVERY.firstDelayMs * 2 ** (retry - 1) * (1 + Math.random() / 4);

/**
 * Delivers with Stripe's redeliveries: `attempt` sends once (signed anew, as Stripe signs each attempt)
 * and tells whether it was taken. Returns the last answer and how many attempts it took.
 */
export async function redeliverUntilTaken<T>(
  attempt: () => Promise<{ taken: boolean; answer: T }>,
): Promise<{ answer: T; taken: boolean; attempts: number }> {
  for (let attempts = 1; ; attempts += 1) {
    const { taken, answer } = await attempt();
    if (taken || attempts >= REDELIVERY.attempts) return { answer, taken, attempts };
    await new Promise((resolve) => setTimeout(resolve, redeliveryDelayMs(attempts)));
  }
}

/** Signs with the real SDK's signing code and POSTs like Stripe does, redelivering like Stripe. */
export async function deliverEvent(target: WebhookTarget, event: Stripe.Event): Promise<number> {
  const payload = JSON.stringify(event, null, 2);
  const { answer: status, taken } = await redeliverUntilTaken(async () => {
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: target.secret });
    try {
      const response = await fetch(target.url, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": signature },
        body: payload,
      });
      return { taken: response.ok, answer: response.status };
    } catch (error) {
      console.error(`local stripe: delivering ${event.type} failed: ${(error as Error).message}`);
      return { taken: false, answer: 0 };
    }
  });
  if (!taken) console.error(`local stripe: webhook answered ${status} for ${event.type} ${event.id}`);
  return status;
}
