import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import ar from "../../../contract/messages/ar.json" with { type: "json" };
import en from "../../../contract/messages/en.json" with { type: "json" };
import { donationRequest, INITIATIVE_ID, startCheckout } from "../../support/donations.ts";
import { withLocalStack } from "../../support/local-stack.ts";

/**
 * A local stand-in for Cloudflare's siteverify: "good-token" passes (solved on this site, localhost),
 * "other-site-token" passes too but was solved on another host, "cloudflare-down" gets a 500.
 */
const verified: Record<string, string>[] = [];
const siteverify = createServer(async (request, response) => {
  let body = "";
  for await (const chunk of request) body += chunk;
  const fields = Object.fromEntries(new URLSearchParams(body));
  verified.push(fields);
  if (fields.response === "cloudflare-down") {
    response.writeHead(500).end();
    return;
  }
  const success =
    fields.secret === "test-secret" && ["good-token", "other-site-token"].includes(fields.response ?? "");
  const hostname = fields.response === "other-site-token" ? "donate.elsewhere.example" : "localhost";
  response.writeHead(200, { "content-type": "application/json" });
  response.end(
    JSON.stringify(
      success
        ? { success, "error-codes": [], challenge_ts: new Date().toISOString(), hostname }
        : { success, "error-codes": ["invalid-input-response"] },
    ),
  );
});
siteverify.listen(0, "127.0.0.1");
await once(siteverify, "listening");
afterAll(() => {
  siteverify.closeAllConnections();
  siteverify.close();
});

// Read by the handlers at their cold start, in withLocalStack's beforeAll.
Object.assign(process.env, {
  PUBLIC_TURNSTILE_SITE_KEY: "test-site-key",
  TURNSTILE_SECRET_KEY: "test-secret",
  TURNSTILE_VERIFY_URL: `http://127.0.0.1:${(siteverify.address() as AddressInfo).port}/siteverify`,
  LOG_LEVEL: "ERROR",
});

const stack = withLocalStack();
const viewer = { "cloudfront-viewer-address": "203.0.113.50:51000" };

describe("POST /api/checkout with Turnstile configured", () => {
  it("refuses a checkout without a token with 400, asking nobody and writing nothing", async () => {
    const before = await stack.table.allItems();
    verified.length = 0;
    const arabic = await startCheckout(stack.url, donationRequest({ locale: "ar" }), viewer);
    const english = await startCheckout(stack.url, donationRequest({ locale: "en" }), viewer);

    expect(arabic.status).toBe(400);
    expect(arabic.body).toEqual({ error: "bot_check_failed", message: ar.bot_check_failed });
    expect(english.body).toEqual({ error: "bot_check_failed", message: en.bot_check_failed });
    expect(verified).toEqual([]);
    expect(await stack.table.allItems()).toEqual(before);
  });

  it("refuses a token Cloudflare rejects, writing nothing, not even a rate-limit count", async () => {
    const before = await stack.table.allItems();
    const refused = await startCheckout(stack.url, donationRequest({ turnstileToken: "bad-token" }), viewer);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe("bot_check_failed");
    expect(refused.headers.get("x-athar-dynamodb-calls")).toBe("0");
    expect(await stack.table.allItems()).toEqual(before);
  });

  it("refuses a token solved on another site that shares the widget, writing nothing", async () => {
    const before = await stack.table.allItems();
    const refused = await startCheckout(
      stack.url,
      donationRequest({ turnstileToken: "other-site-token" }),
      viewer,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe("bot_check_failed");
    expect(await stack.table.allItems()).toEqual(before);
  });

  it("accepts a good token from JSON, verified with the viewer's address", async () => {
    verified.length = 0;
    const accepted = await startCheckout(
      stack.url,
      donationRequest({ turnstileToken: "good-token" }),
      viewer,
    );
    expect(accepted.status).toBe(201);
    expect(verified).toEqual([
      expect.objectContaining({ secret: "test-secret", response: "good-token", remoteip: "203.0.113.50" }),
    ]);
  });

  it("accepts the widget's form field from a form post", async () => {
    const response = await fetch(`${stack.url}/api/checkout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", ...viewer },
      body: new URLSearchParams({
        initiativeId: INITIATIVE_ID,
        amount: "100",
        currency: "SAR",
        name: "Test Donor",
        email: "form@example.com",
        locale: "en",
        "cf-turnstile-response": "good-token",
      }),
    });
    expect(response.status).toBe(303);
    expect(verified.at(-1)).toMatchObject({ response: "good-token" });
  });

  it("answers 503 in the caller's language when siteverify fails, and writes nothing", async () => {
    const before = await stack.table.allItems();
    const unavailable = await startCheckout(
      stack.url,
      donationRequest({ locale: "en", turnstileToken: "cloudflare-down" }),
      viewer,
    );
    expect(unavailable.status).toBe(503);
    expect(unavailable.body).toEqual({ error: "bot_check_unavailable", message: en.bot_check_unavailable });
    expect(await stack.table.allItems()).toEqual(before);
  });
});
