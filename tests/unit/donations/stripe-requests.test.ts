/**
 * What the Stripe adapter sends to Stripe, checked against a local HTTP server that records each request
 * and answers with Stripe's own fixture objects (the SDK pointed at it with host, port and protocol).
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parse } from "qs";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../../content/load.ts";
import { createStripeClient, createStripeGateway } from "../../../functions/adapters/stripe.ts";
import { PaymentProviderError } from "../../../functions/domain/errors.ts";
import { stripeFixture } from "../../../local/stripe/fixtures.ts";

interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  form: Record<string, unknown>;
}

const recorded: Recorded[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: {} };
/** Answers by path prefix, for calls that make several requests; `answer` otherwise. */
let answersByPath: Record<string, unknown> = {};
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
      const path = new URL(request.url ?? "/", "http://x").pathname;
      const routed = Object.entries(answersByPath).find(([prefix]) => path.startsWith(prefix));
      response.writeHead(routed ? 200 : answer.status, {
        "content-type": "application/json",
        "request-id": "req_test",
      });
      response.end(JSON.stringify(routed ? routed[1] : answer.body));
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
  title: initiative.title.ar,
  interval: "once" as const,
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
      metadata: {
        donationId: "don_01TEST",
        fund: "initiative",
        initiativeId: initiative.id,
        designation: "zakat",
        interval: "once",
      },
      locale: "auto",
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

describe("monthly gifts, fee cover and the general fund", () => {
  it("opens a subscription session with a monthly price, metadata on the subscription and no submit_type", async () => {
    recorded.length = 0;
    answer = {
      status: 200,
      body: {
        ...stripeFixture<Stripe.Checkout.Session>("checkout.session"),
        id: "cs_test_m",
        url: "https://x/cs_test_m",
      },
    };
    await gateway().createCheckoutSession({
      ...request,
      interval: "month",
      locale: "en",
      title: initiative.title.en,
      feeCover: { value: 480, currency: "SAR" },
    });
    const [sent] = recorded as [Recorded];
    expect(sent.form).toMatchObject({
      mode: "subscription",
      locale: "en",
      subscription_data: { metadata: { donationId: "don_01TEST", interval: "month" } },
      line_items: [
        {
          price_data: {
            unit_amount: "15050",
            recurring: { interval: "month" },
            product_data: { name: initiative.title.en },
          },
        },
        {
          price_data: {
            unit_amount: "480",
            recurring: { interval: "month" },
            product_data: { name: "Payment processing fee cover" },
          },
        },
      ],
    });
    expect(sent.form).not.toHaveProperty("submit_type");
    expect(sent.form).not.toHaveProperty("payment_intent_data");
  });

  it("says general fund in the metadata when there is no initiative", async () => {
    recorded.length = 0;
    answer = {
      status: 200,
      body: {
        ...stripeFixture<Stripe.Checkout.Session>("checkout.session"),
        id: "cs_test_g",
        url: "https://x/cs_test_g",
      },
    };
    await gateway().createCheckoutSession({ ...request, initiative: undefined, title: "الصندوق العام" });
    const [sent] = recorded as [Recorded];
    expect(sent.form.metadata).toEqual({
      donationId: "don_01TEST",
      fund: "general",
      designation: "zakat",
      interval: "once",
    });
  });
});

describe("finding the donation of a payment, and listing refunds", () => {
  it("reads the payment intent's metadata first", async () => {
    recorded.length = 0;
    answersByPath = {
      "/v1/payment_intents/": {
        ...stripeFixture<Stripe.PaymentIntent>("payment_intent"),
        id: "pi_9",
        metadata: { donationId: "don_once" },
      },
    };
    expect(await gateway().findDonationOfPayment("pi_9")).toBe("don_once");
    expect(recorded.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v1/payment_intents/pi_9"]);
  });

  it("falls back to the invoice of a monthly charge, through invoice payments", async () => {
    recorded.length = 0;
    const invoice = {
      ...stripeFixture<Stripe.Invoice>("invoice"),
      parent: {
        type: "subscription_details",
        subscription_details: { subscription: "sub_1", metadata: { donationId: "don_month" } },
      },
    };
    answersByPath = {
      "/v1/payment_intents/": {
        ...stripeFixture<Stripe.PaymentIntent>("payment_intent"),
        id: "pi_8",
        metadata: {},
      },
      "/v1/invoice_payments": {
        object: "list",
        has_more: false,
        url: "/v1/invoice_payments",
        data: [{ ...stripeFixture<Stripe.InvoicePayment>("invoice_payment"), invoice }],
      },
    };
    expect(await gateway().findDonationOfPayment("pi_8")).toBe("don_month");
    const list = recorded[1] as Recorded;
    expect(list.method).toBe("GET");
    expect(decodeURIComponent(list.path)).toContain("payment[payment_intent]=pi_8");
    expect(decodeURIComponent(list.path)).toContain("expand[0]=data.invoice");
  });

  it("lists a charge's refunds as movements, leaving out failed ones", async () => {
    const refund = stripeFixture<Stripe.Refund>("refund");
    answersByPath = {
      "/v1/refunds": {
        object: "list",
        has_more: false,
        url: "/v1/refunds",
        data: [
          {
            ...refund,
            id: "re_a",
            amount: 500,
            currency: "sar",
            status: "succeeded",
            charge: "ch_1",
            created: 1_790_000_000,
          },
          {
            ...refund,
            id: "re_b",
            amount: 700,
            currency: "sar",
            status: "canceled",
            charge: "ch_1",
            created: 1_790_000_001,
          },
        ],
      },
    };
    expect(await gateway().listRefunds("ch_1")).toEqual([
      {
        kind: "refund",
        ref: "re_a",
        amount: { value: 500, currency: "SAR" },
        at: new Date(1_790_000_000_000).toISOString(),
        chargeId: "ch_1",
      },
    ]);
  });

  it("turns an unreachable provider into PaymentProviderError", async () => {
    answersByPath = {};
    answer = { status: 500, body: { error: { type: "api_error", message: "down" } } };
    await expect(gateway().listRefunds("ch_1")).rejects.toBeInstanceOf(PaymentProviderError);
    answer = { status: 200, body: {} };
  });
});
