import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTurnstileVerifier } from "../../../functions/adapters/turnstile.ts";
import { BotCheckUnavailableError } from "../../../functions/domain/errors.ts";

/** A local stand-in for Cloudflare's siteverify: records each post and answers as the test says. */
type Answer = (response: ServerResponse) => void;
let answer: Answer;
const posts: { contentType: string | undefined; fields: Record<string, string> }[] = [];
let server: Server;
let verifyUrl: string;

const reply =
  (status: number, body: unknown): Answer =>
  (response) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  };

beforeAll(async () => {
  server = createServer(async (request: IncomingMessage, response) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    posts.push({
      contentType: request.headers["content-type"],
      fields: Object.fromEntries(new URLSearchParams(body)),
    });
    answer(response);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  verifyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/turnstile/v0/siteverify`;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  posts.length = 0;
});

const verifier = (timeoutMs = 2000) =>
  createTurnstileVerifier({
    secretKey: "0x4AAA-secret",
    verifyUrl,
    timeoutMs,
    expectedHostname: "give.example.org",
  });

describe("the Turnstile verifier", () => {
  it("posts the secret, the token, the donor's address and an idempotency key as a form", async () => {
    answer = reply(200, { success: true, "error-codes": [], hostname: "give.example.org" });
    expect(await verifier().verify("token-1", "203.0.113.7")).toBe(true);
    expect(await verifier().verify("token-2", "2001:db8::1")).toBe(true);

    expect(posts).toHaveLength(2);
    const [first, second] = posts;
    expect(first?.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(first?.fields).toEqual({
      secret: "0x4AAA-secret",
      response: "token-1",
      remoteip: "203.0.113.7",
      idempotency_key: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(second?.fields.remoteip).toBe("2001:db8::1");
    expect(second?.fields.idempotency_key).not.toBe(first?.fields.idempotency_key);
  });

  it("says no to a token solved on another host, or an answer without one", async () => {
    answer = reply(200, { success: true, "error-codes": [], hostname: "donate.elsewhere.example" });
    expect(await verifier().verify("token", "203.0.113.7")).toBe(false);
    answer = reply(200, { success: true, "error-codes": [] });
    expect(await verifier().verify("token", "203.0.113.7")).toBe(false);
  });

  it("expects Cloudflare's example.com with its documented dummy secret keys", async () => {
    const dummy = createTurnstileVerifier({
      secretKey: "1x0000000000000000000000000000000AA",
      verifyUrl,
      expectedHostname: "staging.give.example.org",
    });
    answer = reply(200, { success: true, "error-codes": [], hostname: "example.com" });
    expect(await dummy.verify("XXXX.DUMMY.TOKEN.XXXX", "203.0.113.7")).toBe(true);
    answer = reply(200, { success: true, "error-codes": [], hostname: "staging.give.example.org" });
    expect(await dummy.verify("XXXX.DUMMY.TOKEN.XXXX", "203.0.113.7")).toBe(false);
  });

  it("says no when Cloudflare says the token is bad, used or expired", async () => {
    answer = reply(200, { success: false, "error-codes": ["invalid-input-response"] });
    expect(await verifier().verify("forged", "203.0.113.7")).toBe(false);
    answer = reply(200, { success: false, "error-codes": ["timeout-or-duplicate"] });
    expect(await verifier().verify("replayed", "203.0.113.7")).toBe(false);
  });

  it("says no without asking Cloudflare when there is no token or it is too long", async () => {
    answer = reply(200, { success: true });
    expect(await verifier().verify(undefined, "203.0.113.7")).toBe(false);
    expect(await verifier().verify("", "203.0.113.7")).toBe(false);
    expect(await verifier().verify("x".repeat(2049), "203.0.113.7")).toBe(false);
    expect(posts).toHaveLength(0);
  });

  it("fails closed when siteverify answers 500", async () => {
    answer = reply(500, { error: "boom" });
    await expect(verifier().verify("token", "203.0.113.7")).rejects.toBeInstanceOf(BotCheckUnavailableError);
  });

  it("fails closed when our secret is refused: the donor is not at fault", async () => {
    answer = reply(200, { success: false, "error-codes": ["invalid-input-secret"] });
    await expect(verifier().verify("token", "203.0.113.7")).rejects.toMatchObject({
      code: "bot_check_unavailable",
      message: expect.stringContaining("invalid-input-secret"),
    });
  });

  it("fails closed on an answer that is not siteverify's", async () => {
    answer = (response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<html>captive portal</html>");
    };
    await expect(verifier().verify("token", "203.0.113.7")).rejects.toBeInstanceOf(BotCheckUnavailableError);
  });

  it("fails closed with BotCheckUnavailableError when siteverify does not answer in time", async () => {
    const pending: ServerResponse[] = [];
    answer = (response) => pending.push(response);
    const started = performance.now();
    await expect(verifier(150).verify("token", "203.0.113.7")).rejects.toBeInstanceOf(
      BotCheckUnavailableError,
    );
    expect(performance.now() - started).toBeLessThan(1500);
    for (const response of pending) response.destroy();
  });

  it("fails closed when siteverify cannot be reached", async () => {
    const unreachable = createTurnstileVerifier({
      secretKey: "0x4AAA-secret",
      verifyUrl: "http://127.0.0.1:1/siteverify",
      timeoutMs: 1000,
      expectedHostname: "give.example.org",
    });
    await expect(unreachable.verify("token", "203.0.113.7")).rejects.toBeInstanceOf(BotCheckUnavailableError);
  });
});
