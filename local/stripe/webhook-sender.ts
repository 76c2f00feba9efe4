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

/** Signs with the real SDK's signing code and POSTs like Stripe does; retries a few times like Stripe. */
export async function deliverEvent(target: WebhookTarget, event: Stripe.Event): Promise<number> {
  const payload = JSON.stringify(event, null, 2);
  let status = 0;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: target.secret });
    try {
      const response = await fetch(target.url, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": signature },
        body: payload,
      });
      status = response.status;
      if (response.ok) return status;
    } catch (error) {
      console.error(`local stripe: delivering ${event.type} failed: ${(error as Error).message}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200 * (attempt + 1)));
  }
  console.error(`local stripe: webhook answered ${status} for ${event.type} ${event.id}`);
  return status;
}
