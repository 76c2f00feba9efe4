/**
 * The Stripe emulator on an ephemeral in-process server, delivering to a capture server that verifies
 * every event with the real SDK's `constructEvent` (as Athar's webhook does) and keeps it.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { createStripeClient } from "../../functions/adapters/stripe.ts";
import { LOCAL_STRIPE_SECRET_KEY } from "../../functions/config.ts";
import type { AdminResult } from "../../local/stripe/admin-routes.ts";
import { createStripeEmulator, HOSTED_CHECKOUT_PATH } from "../../local/stripe/emulator.ts";

/** The key `npm start` gives the emulator, so the CLI (which uses it) can drive the harness too. */
export const SECRET_KEY = LOCAL_STRIPE_SECRET_KEY;
const WEBHOOK_SECRET = "whsec_local_stripe_harness";

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function readBody(request: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface Harness {
  url: string;
  stripe: Stripe;
  /** Every verified event, in delivery order. */
  events: Stripe.Event[];
  /** Deliveries whose signature did not verify (must stay empty). */
  rejected: string[];
  /** The status the capture server answers with (200 unless a test wants Athar to fail). */
  webhookStatus: number;
  admin(action: string, body?: Record<string, unknown>): Promise<{ status: number; body: AdminResult }>;
  hostedPage(sessionId: string, outcome: string): Promise<Response>;
  /** Events delivered since the call, emptying the record. */
  take(): Stripe.Event[];
  stop(): Promise<void>;
}

export async function startHarness(options: { failedAttemptsBeforeCancel?: number } = {}): Promise<Harness> {
  const events: Stripe.Event[] = [];
  const rejected: string[] = [];
  const harness = { webhookStatus: 200 } as Harness;
  const capture = createServer(async (request, response) => {
    const payload = (await readBody(request)).toString("utf8");
    try {
      const signature = String(request.headers["stripe-signature"]);
      events.push(Stripe.webhooks.constructEvent(payload, signature, WEBHOOK_SECRET, 300));
      response.writeHead(harness.webhookStatus).end();
    } catch (error) {
      rejected.push((error as Error).message);
      response.writeHead(400).end();
    }
  });
  const captureUrl = await listen(capture);

  let emulator: ReturnType<typeof createStripeEmulator> | undefined;
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    if (!(await emulator?.handle(request, response, body))) response.writeHead(404).end();
  });
  const url = await listen(server);
  emulator = createStripeEmulator({
    publicBaseUrl: url,
    secretKey: SECRET_KEY,
    webhook: { url: `${captureUrl}/api/stripe/webhook`, secret: WEBHOOK_SECRET },
    ...options,
  });
  const stripe = createStripeClient({
    secretKey: SECRET_KEY,
    webhookSecret: WEBHOOK_SECRET,
    apiBase: new URL(url),
  });

  return Object.assign(harness, {
    url,
    stripe,
    events,
    rejected,
    async admin(action: string, body: Record<string, unknown> = {}) {
      const response = await fetch(`${url}/local-stripe/admin/${action}`, {
        method: "POST",
        headers: { authorization: `Bearer ${SECRET_KEY}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as AdminResult };
    },
    hostedPage(sessionId: string, outcome: string) {
      return fetch(`${url}${HOSTED_CHECKOUT_PATH}${sessionId}`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ outcome }).toString(),
      });
    },
    take() {
      return events.splice(0, events.length);
    },
    async stop() {
      for (const running of [server, capture]) {
        running.closeAllConnections();
        await new Promise((resolve) => running.close(resolve));
      }
    },
  });
}

/** The object an event carries, typed; fails the test when the event is missing. */
export function objectOf<T>(event: Stripe.Event | undefined): T {
  if (!event) throw new Error("expected an event, got none");
  return event.data.object as T;
}

export interface GiftOptions {
  donationId: string;
  mode?: "payment" | "subscription";
  amount?: number;
  currency?: string;
  /** The donor covers the processing fee: a second line item. */
  feeCover?: number;
}

/** A Checkout Session created with exactly the parameters Athar sends. */
export function createGiftSession(stripe: Stripe, gift: GiftOptions) {
  const mode = gift.mode ?? "payment";
  const currency = gift.currency ?? "sar";
  const metadata = {
    donationId: gift.donationId,
    initiativeId: "orphans-and-productive-families",
    fund: "general",
    designation: "zakat",
    interval: mode === "subscription" ? "month" : "once",
  };
  const recurring = mode === "subscription" ? { recurring: { interval: "month" as const } } : {};
  const item = (name: string, unit_amount: number) => ({
    quantity: 1,
    price_data: { currency, unit_amount, product_data: { name }, ...recurring },
  });
  return stripe.checkout.sessions.create(
    {
      mode,
      line_items: [
        item("كفالة الأيتام", gift.amount ?? 10000),
        ...(gift.feeCover ? [item("Processing fee", gift.feeCover)] : []),
      ],
      metadata,
      client_reference_id: gift.donationId,
      customer_email: "donor@example.com",
      locale: "ar",
      success_url: "http://localhost/ar/thanks/?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "http://localhost/ar/initiatives/orphans-and-productive-families/canceled/",
      expires_at: Math.floor(Date.now() / 1000) + 3600,
      ...(mode === "payment"
        ? { payment_intent_data: { metadata }, submit_type: "donate" as const }
        : { subscription_data: { metadata } }),
    },
    { idempotencyKey: `checkout-${gift.donationId}` },
  );
}
