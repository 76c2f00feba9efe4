/**
 * A deployment whose Stripe secret still holds the stack's placeholder: the payment functions start, refuse
 * payments with 503 payments_not_configured in the caller's language, and take them once the keys are in,
 * without a redeploy. Secrets Manager is a local HTTP server answering as its JSON API does; the real SDK
 * (through Powertools' getSecret) signs and parses.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { clearCaches } from "@aws-lambda-powertools/parameters";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCatalog } from "../../../functions/adapters/catalog.ts";
import { gatewayAwaitingKeys } from "../../../functions/adapters/payments-awaiting-keys.ts";
import { loadConfig } from "../../../functions/config.ts";
import { startDonation } from "../../../functions/domain/donations/donations.ts";
import { PaymentsNotConfiguredError } from "../../../functions/domain/errors.ts";
import { paymentGateway } from "../../../functions/handlers/wiring.ts";
import { errorBody, statusFor } from "../../../functions/http/errors.ts";
import { completedEvent, signedDelivery } from "../../support/stripe-events.ts";

const SECRET_ARN = "arn:aws:secretsmanager:me-central-1:123456789012:secret:athar/stripe-AbCdEf";
/** What CloudFormation generates for a secret created without a value. */
const PLACEHOLDER = "x8Y#kT2m,Qv9^Lp4Zr7!Wn3eHs6Ja1Bc";
const KEYS = { secretKey: "sk_live_51AtharTestKey", webhookSecret: "whsec_athar_test_secret" };

let secretString = PLACEHOLDER;
let failWith: { status: number; type: string } | undefined;
const requests: { target: string; body: Record<string, unknown>; authorization: string }[] = [];
let server: Server;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
      requests.push({
        target: String(request.headers["x-amz-target"]),
        body,
        authorization: String(request.headers.authorization),
      });
      response.setHeader("content-type", "application/x-amz-json-1.1");
      if (failWith) {
        response.writeHead(failWith.status, { "x-amzn-errortype": failWith.type });
        response.end(JSON.stringify({ __type: failWith.type, message: "refused" }));
        return;
      }
      response.writeHead(200);
      response.end(
        JSON.stringify({
          ARN: SECRET_ARN,
          Name: "athar/stripe",
          VersionId: "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111",
          SecretString: secretString,
          VersionStages: ["AWSCURRENT"],
          CreatedDate: 1_790_000_000,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    AWS_REGION: "me-central-1",
    AWS_ACCESS_KEY_ID: "AKIDATHARTEST",
    AWS_SECRET_ACCESS_KEY: "athar-test-secret",
    AWS_MAX_ATTEMPTS: "1",
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  secretString = PLACEHOLDER;
  failWith = undefined;
  requests.length = 0;
  clearCaches();
});

const awsConfig = () =>
  loadConfig({
    ATHAR_ENV: "aws",
    STRIPE_SECRET_ARN: SECRET_ARN,
    PUBLIC_BASE_URL: "https://give.council.org.sa",
  });

describe("payments before the deployment's Stripe keys are in", () => {
  it("are refused with 503 payments_not_configured, in Arabic and English, and taken once the keys are there", async () => {
    const gateway = await paymentGateway(awsConfig());
    expect(requests[0]).toMatchObject({
      target: "secretsmanager.GetSecretValue",
      body: { SecretId: SECRET_ARN },
    });
    expect(requests[0]?.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDATHARTEST\/\d{8}\/me-central-1\/secretsmanager\//,
    );

    const refusal = await gateway.ready().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PaymentsNotConfiguredError);
    expect(statusFor(refusal)).toBe(503);
    expect(errorBody(refusal, "en")).toEqual({
      error: "payments_not_configured",
      message: "Online giving is not open yet on this site. Nothing was charged; please try again later.",
    });
    expect(errorBody(refusal, "ar")).toEqual({
      error: "payments_not_configured",
      message: "لم يُفتح التبرع الإلكتروني في هذا الموقع بعد. لم يُخصم أي مبلغ؛ حاول مرة أخرى لاحقًا.",
    });
    await expect(gateway.listRefunds("ch_1")).rejects.toBeInstanceOf(PaymentsNotConfiguredError);
    const delivery = signedDelivery(completedEvent("don_1", "cs_test_1234567890") as never, {
      secret: KEYS.webhookSecret,
    });
    expect(() => gateway.parseWebhookEvent(delivery.body, delivery.signature)).toThrow(
      PaymentsNotConfiguredError,
    );

    // The operator puts the keys in; once the cached value has expired, the same warm function takes them.
    secretString = JSON.stringify(KEYS);
    clearCaches();
    await gateway.ready();
    expect(gateway.parseWebhookEvent(delivery.body, delivery.signature)).toMatchObject({
      donationId: "don_1",
      providerType: "checkout.session.completed",
    });
  });

  it("refuses a donation before counting, holding or writing anything", async () => {
    const gateway = await gatewayAwaitingKeys(async () => {
      throw new PaymentsNotConfiguredError("not yet");
    });
    const touched: string[] = [];
    const untouchable = new Proxy(
      {},
      {
        get: (_target, name) => {
          touched.push(String(name));
          return () => Promise.reject(new Error(`${String(name)} must not be called`));
        },
      },
    );
    const refusal = await startDonation(
      {
        payments: gateway,
        guard: untouchable,
        store: untouchable,
        catalog: createCatalog(),
        clock: { now: () => new Date("2026-10-22T09:00:00Z") },
        newId: () => "don_1",
        publicBaseUrl: "https://give.council.org.sa",
      } as never,
      {
        amount: { value: 10000, currency: "SAR" },
        interval: "once",
        designation: "sadaqah",
        donor: { name: "Ali", email: "ali@example.com" },
        locale: "ar",
      } as never,
      { ip: "192.0.2.1" } as never,
    ).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PaymentsNotConfiguredError);
    expect(touched).toEqual([]);
  });

  it("does not take a Secrets Manager failure for missing keys: the cold start fails, as it should", async () => {
    failWith = { status: 400, type: "AccessDeniedException" };
    const failure = await paymentGateway(awsConfig()).catch((error: unknown) => error);
    expect(failure).not.toBeInstanceOf(PaymentsNotConfiguredError);
    expect((failure as Error).cause).toMatchObject({ name: "AccessDeniedException" });
  });
});
