/**
 * What the SES mailer sends, checked against a local HTTP server that records each request and answers
 * as the SES v2 API does (the real SESv2Client pointed at it with `endpoint` and fake credentials).
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSesMailer } from "../../../functions/adapters/mailer-ses.ts";
import { AtharError } from "../../../functions/domain/errors.ts";
import { EmailDeliveryError } from "../../../functions/receipts/errors.ts";
import { renderReceiptEmail } from "../../../functions/receipts/receipt-email.ts";
import { council, monthlyKwdZakat, PUBLIC_BASE_URL, sender } from "../../support/receipts.ts";

interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

const recorded: Recorded[] = [];
let answer: { status: number; headers?: Record<string, string>; body: unknown };
let server: Server;
let client: SESv2Client;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      recorded.push({
        method: request.method ?? "",
        path: request.url ?? "",
        headers: request.headers,
        body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"),
      });
      response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  client = new SESv2Client({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: "me-central-1",
    credentials: { accessKeyId: "AKIDATHARTEST", secretAccessKey: "athar-test-secret" },
    maxAttempts: 1,
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  recorded.length = 0;
  answer = { status: 200, body: { MessageId: "0100018e-athar-test-message" } };
});

const email = renderReceiptEmail(monthlyKwdZakat, council, { publicBaseUrl: PUBLIC_BASE_URL });

describe("the Amazon SES mailer", () => {
  it("sends the message as raw MIME through SendEmail, signed, with its configuration set", async () => {
    await createSesMailer({ client, from: sender, configurationSet: "athar-receipts" }).send(email);
    expect(recorded).toHaveLength(1);
    const request = recorded[0] as Recorded;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v2/email/outbound-emails");
    expect(request.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDATHARTEST\/\d{8}\/me-central-1\/ses\//,
    );
    expect(request.body).toMatchObject({
      FromEmailAddress: sender.email,
      Destination: { ToAddresses: ["fatima@example.org"] },
      ConfigurationSetName: "athar-receipts",
      EmailTags: [
        { Name: "kind", Value: "receipt" },
        { Name: "ref", Value: `receipt-${monthlyKwdZakat.receiptNumber}` },
      ],
    });

    const data = (request.body.Content as { Raw: { Data: string } }).Raw.Data;
    const parsed = await simpleParser(Buffer.from(data, "base64"));
    expect(parsed.subject).toBe(email.subject);
    expect(parsed.messageId).toBe("<receipt-2026-000456@charities-council.example.org>");
    expect(parsed.from?.value).toEqual([{ name: sender.name.en, address: sender.email }]);
    const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
    expect(to?.value).toEqual([{ name: "فاطمة العتيبي", address: "fatima@example.org" }]);
    expect(parsed.text?.trim()).toBe(email.text.trim());
    expect(parsed.html).toBe(email.html);
  });

  it("leaves the configuration set out when none is given", async () => {
    await createSesMailer({ client, from: sender }).send(email);
    expect(recorded[0]?.body).not.toHaveProperty("ConfigurationSetName");
  });

  it.each([
    [500, { "x-amzn-errortype": "InternalFailure" }, { message: "Internal failure" }, "InternalFailure"],
    [
      400,
      { "x-amzn-errortype": "MessageRejected" },
      { message: "Email address is not verified." },
      "MessageRejected",
    ],
  ])(
    "turns a %i answer into an EmailDeliveryError that keeps the cause",
    async (status, headers, body, name) => {
      answer = { status, headers, body };
      const sending = createSesMailer({ client, from: sender }).send(email);
      await expect(sending).rejects.toBeInstanceOf(EmailDeliveryError);
      const error = (await sending.catch((caught: unknown) => caught)) as EmailDeliveryError;
      expect(error).toBeInstanceOf(AtharError);
      expect(error.code).toBe("email_delivery_failed");
      expect(error.message).toContain("receipt-2026-000456");
      expect((error.cause as Error).name).toBe(name);
    },
  );
});
