import { describe, expect, it } from "vitest";
import ar from "../../../contract/messages/ar.json" with { type: "json" };
import en from "../../../contract/messages/en.json" with { type: "json" };
import { donationRequest, INITIATIVE_ID, sessionIdOf, startCheckout } from "../../support/donations.ts";
import { withLocalStack } from "../../support/local-stack.ts";

const stack = withLocalStack();
const { table } = stack;

describe("POST /api/checkout (JSON)", () => {
  it("creates a pending donation and a Stripe checkout session, with two DynamoDB calls", async () => {
    const response = await startCheckout(
      stack.url,
      donationRequest({ amount: { value: 30000, currency: "SAR" } }),
    );

    expect(response.status).toBe(201);
    expect(Object.keys(response.body).sort()).toEqual(["checkoutUrl", "donationId"]);
    // One transaction for the rate limits (tests/integration/donations/rate-limits.test.ts), one for the donation.
    expect(response.headers.get("x-athar-dynamodb-calls")).toBe("2");
    const donationId = String(response.body.donationId);
    const sessionId = sessionIdOf(response.body.checkoutUrl);
    expect(await table.donation(donationId)).toMatchObject({
      fund: { kind: "initiative", initiativeId: INITIATIVE_ID },
      amount: { value: 30000, currency: "SAR" },
      interval: "once",
      checkoutSessionId: sessionId,
    });
    // The session was created through the real Stripe SDK and carries the link back to the donation.
    const page = await fetch(String(response.body.checkoutUrl));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('lang="ar"');
    expect(html).toContain("كفالة الأيتام");
  });

  it("answers the thank-you page with status, amount and initiative but no personal data", async () => {
    const response = await startCheckout(stack.url, donationRequest());
    const sessionId = sessionIdOf(response.body.checkoutUrl);
    const status = await fetch(`${stack.url}/api/checkout/${sessionId}`);
    const body = await status.json();

    expect(status.status).toBe(200);
    expect(status.headers.get("x-athar-dynamodb-calls")).toBe("2");
    expect(body).toEqual({
      sessionId,
      status: "pending",
      interval: "once",
      amount: { value: 10000, currency: "SAR" },
      initiative: {
        id: INITIATIVE_ID,
        title: { ar: expect.any(String), en: "Orphan care and productive families" },
      },
    });
    expect(JSON.stringify(body)).not.toContain("fatimah");
  });

  const invalid: [string, Record<string, unknown>, string, string][] = [
    ["an unknown initiative", { initiativeId: "no-such-initiative" }, "initiativeId", "initiative_unknown"],
    [
      "a currency the council does not take",
      { amount: { value: 1000000, currency: "JPY" } },
      "amount.currency",
      "currency_not_accepted",
    ],
    [
      "an amount below the minimum",
      { amount: { value: 499, currency: "SAR" } },
      "amount.value",
      "amount_below_minimum",
    ],
    [
      "a fractional minor amount",
      { amount: { value: 100.5, currency: "SAR" } },
      "amount.value",
      "amount_invalid",
    ],
    ["a malformed e-mail", { donor: { name: "Ali", email: "ali@" } }, "donor.email", "email_invalid"],
    ["a missing name", { donor: { email: "ali@example.com" } }, "donor.name", "name_required"],
    ["an interval other than once or monthly", { interval: "week" }, "interval", "interval_invalid"],
    ["an unknown designation", { designation: "waqf" }, "designation", "designation_invalid"],
    ["a filled honeypot field", { website: "https://spam.example" }, "website", "request_refused"],
    [
      "a KWD amount not in steps of 0.010",
      { amount: { value: 1255, currency: "KWD" } },
      "amount.value",
      "amount_three_decimal_step",
    ],
  ];
  for (const [name, override, field, code] of invalid) {
    it(`refuses ${name} with 400 in the caller's language and writes nothing`, async () => {
      const before = (await table.allItems()).length;
      const arabic = await startCheckout(stack.url, donationRequest({ ...override, locale: "ar" }));
      const english = await startCheckout(stack.url, donationRequest({ ...override, locale: "en" }));

      expect(arabic.status).toBe(400);
      expect(arabic.body).toMatchObject({ error: "validation_failed", message: ar.validation_failed });
      expect(arabic.body.details).toContainEqual(expect.objectContaining({ field, code }));
      const arabicDetail = arabic.body.details?.find((d) => d.field === field);
      expect(arabicDetail?.message).toMatch(/[\u0600-\u06FF]/);
      expect(english.body.message).toBe(en.validation_failed);
      expect(english.body.details?.find((d) => d.field === field)?.message).toMatch(
        /^[\x20-\x7E\u00a0-\u00ff]+$/,
      );
      expect((await table.allItems()).length).toBe(before);
    });
  }

  it("uses Accept-Language when the body names no locale", async () => {
    const { locale: _locale, ...withoutLocale } = donationRequest({ donor: { name: "A", email: "x" } });
    const response = await startCheckout(stack.url, withoutLocale, {
      "accept-language": "en-GB,en;q=0.8,ar;q=0.5",
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe(en.validation_failed);
  });

  it("refuses a body that is not JSON, and an unsupported content type", async () => {
    const broken = await fetch(`${stack.url}/api/checkout`, {
      method: "POST",
      headers: { "content-type": "application/json", "accept-language": "ar" },
      body: "{ not json",
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({
      error: "validation_failed",
      details: [{ code: "invalid_json" }],
    });
    const xml = await fetch(`${stack.url}/api/checkout`, {
      method: "POST",
      headers: { "content-type": "application/xml" },
      body: "<donation/>",
    });
    expect(xml.status).toBe(400);
    expect(await xml.json()).toMatchObject({ details: [{ code: "unsupported_media_type" }] });
  });
});

describe("POST /api/checkout (form post without JavaScript)", () => {
  const form = (fields: Record<string, string>) =>
    fetch(`${stack.url}/api/checkout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        initiativeId: INITIATIVE_ID,
        currency: "SAR",
        locale: "ar",
        interval: "once",
        designation: "general",
        name: "سارة",
        email: "sara@example.com",
        ...fields,
      }),
    });

  it("answers 303 to the checkout page, reading the amount in major units (Arabic digits too)", async () => {
    const response = await form({ amount: "١٥٠٫٥٠" });
    expect(response.status).toBe(303);
    const location = response.headers.get("location") ?? "";
    expect(location).toContain("/local-stripe/checkout/cs_");
    const items = await table.allItems();
    const donation = items.find((item) => item.checkoutSessionId === sessionIdOf(location));
    expect(donation?.amount).toEqual({ value: 15050, currency: "SAR" });
  });

  it("shows errors as a page in the donor's language and writes nothing", async () => {
    const before = (await table.allItems()).length;
    const response = await form({ amount: "12.345", locale: "ar" });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("text/html");
    const page = await response.text();
    expect(page).toContain('dir="rtl"');
    expect(page).toContain(ar.amount_invalid);
    expect((await table.allItems()).length).toBe(before);
  });
});

describe("GET /api/checkout/{sessionId}", () => {
  it("answers 404 for an unknown session and 400 for a malformed id", async () => {
    const unknown = await fetch(`${stack.url}/api/checkout/cs_test_doesnotexist`, {
      headers: { "accept-language": "en" },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: "checkout_not_found", message: en.checkout_not_found });
    const malformed = await fetch(`${stack.url}/api/checkout/not-a-session`);
    expect(malformed.status).toBe(400);
  });
});

describe("GET /api/health", () => {
  it("answers 200 {ok:true} without touching the table", async () => {
    const response = await fetch(`${stack.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get("x-athar-dynamodb-calls")).toBe("0");
  });
});
