/**
 * What the Stripe adapter sends to Stripe, checked against a local HTTP server that records each request
 * and answers with Stripe's own fixture objects (the SDK pointed at it with host, port and protocol).
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parse } from "qs";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../content/load.ts";
import { createStripeClient, createStripeGateway } from "../../functions/adapters/stripe.ts";
import { PaymentProviderError } from "../../functions/domain/errors.ts";
import { stripeFixture } from "../../local/stripe/fixtures.ts";

interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  form: Record<string, unknown>;
}

const recorded: Recorded[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: {} };
let server: Server;
let base: URL;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      recorded.push({
        method: request.method ?? "",
        path: request.url ?? "",
        headers: request.headers,
        form: parse(body),
      });
      response.writeHead(answer.status, { "content-type": "application/json", "request-id": "req_test" });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const initiative = loadContent().initiatives.find(
  (candidate) => candidate.id === "orphans-and-productive-families",
);
if (!initiative) throw new Error("the sample initiative is missing");

function gateway() {
  const settings = { secretKey: "sk_test_adapter", webhookSecret: "whsec_adapter", apiBase: base };
  const stripe = createStripeClient(settings);
  return createStripeGateway(stripe, settings);
}

const request = {
  donationId: "don_01TEST",
  initiative,
  amount: { value: 15050, currency: "SAR" },
  designation: "zakat" as const,
  donor: { name: "Huda", email: "huda@example.com" },
  locale: "ar" as const,
  successUrl: "https://give.example.org/ar/thanks/?session_id={CHECKOUT_SESSION_ID}",
  cancelUrl: "https://give.example.org/ar/initiatives/orphans-and-productive-families/canceled/",
  expiresAt: new Date("2026-11-23T10:30:00Z"),
};

describe("the Stripe adapter's requests", () => {
  it("creates a Checkout Session with the amount, the links back to the donation and an idempotency key", async () => {
    recorded.length = 0;
    const session = {
      ...stripeFixture<Stripe.Checkout.Session>("checkout.session"),
      id: "cs_test_adapter123",
      url: "https://checkout.stripe.com/c/pay/cs_test_adapter123",
    };
    answer = { status: 200, body: session };
    const created = await gateway().createCheckoutSession(request);

    expect(created).toEqual({ sessionId: "cs_test_adapter123", url: session.url });
    expect(recorded).toHaveLength(1);
    const [sent] = recorded as [Recorded];
    expect([sent.method, sent.path]).toEqual(["POST", "/v1/checkout/sessions"]);
    expect(sent.headers.authorization).toBe("Bearer sk_test_adapter");
    expect(sent.headers["idempotency-key"]).toBe("checkout-don_01TEST");
    expect(sent.form).toMatchObject({
      mode: "payment",
      client_reference_id: "don_01TEST",
      customer_email: "huda@example.com",
      submit_type: "donate",
      success_url: request.successUrl,
      cancel_url: request.cancelUrl,
      expires_at: String(Math.floor(request.expiresAt.getTime() / 1000)),
      metadata: { donationId: "don_01TEST", initiativeId: initiative.id, designation: "zakat" },
      payment_intent_data: { metadata: { donationId: "don_01TEST" } },
      line_items: [
        {
          quantity: "1",
          price_data: { currency: "sar", unit_amount: "15050", product_data: { name: initiative.title.ar } },
        },
      ],
    });
  });

  it("turns Stripe's refusal into a PaymentProviderError, keeping Stripe's error as the cause", async () => {
    answer = {
      status: 400,
      body: {
        error: { type: "invalid_request_error", message: "Amount too small", code: "amount_too_small" },
      },
    };
    const failure = await gateway()
      .createCheckoutSession(request)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PaymentProviderError);
    expect((failure as Error).cause).toMatchObject({
      type: "StripeInvalidRequestError",
      code: "amount_too_small",
    });
  });
});
