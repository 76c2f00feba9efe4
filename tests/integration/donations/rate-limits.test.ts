import { describe, expect, it } from "vitest";
import ar from "../../../contract/messages/ar.json" with { type: "json" };
import {
  fixedWindow,
  hashIdentifier,
  ipRateLimitSubject,
  secondsUntilWindowEnds,
} from "../../../functions/domain/donations/checkout-guard.ts";
import { keys } from "../../../functions/table/keys.ts";
import { donationRequest, startCheckout } from "../../support/donations.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import { asRetryingDonor } from "../../support/retrying-donor.ts";
import { runClockFrom } from "../../support/test-clock.ts";

// Day-long windows (UTC days), and a clock that starts at 01:20 UTC: no test crosses into a new window,
// and the wait a refused donor is told is 22 h 40 min, said as 23 hours.
runClockFrom("2026-10-22T01:20:00.000Z");
// The handlers read these at their cold start (in withLocalStack's beforeAll).
const WINDOW = 86_400;
const SALT = "rate-limits-integration-salt";
Object.assign(process.env, {
  CHECKOUT_LIMIT_PER_IP: "10",
  CHECKOUT_WINDOW_PER_IP_SECONDS: String(WINDOW),
  CHECKOUT_LIMIT_PER_EMAIL: "5",
  CHECKOUT_WINDOW_PER_EMAIL_SECONDS: String(WINDOW),
  RATE_LIMIT_SALT: SALT,
  // Each refusal logs a warning; this file makes dozens on purpose.
  LOG_LEVEL: "ERROR",
});

const stack = withLocalStack();
const { table } = stack;

/** A checkout as the viewer at `ip` sends it through CloudFront. */
const checkout = (ip: string, email: string, locale: "ar" | "en" = "ar") =>
  startCheckout(stack.url, donationRequest({ donor: { name: "Test Donor", email }, locale }), {
    "cloudfront-viewer-address": `${ip}:40000`,
  });

const donationCount = async () =>
  (await table.allItems()).filter((item) => item.entity === "donation").length;

describe("checkout rate limits over HTTP", () => {
  it("refuses the 11th checkout from one address with 429 and Retry-After, writing nothing", async () => {
    for (let n = 1; n <= 10; n++) {
      const accepted = await checkout("203.0.113.10", `ip-test-${n}@example.com`);
      expect(accepted.status, `checkout ${n}`).toBe(201);
      expect(accepted.headers.get("x-athar-dynamodb-calls")).toBe("2");
    }
    const before = await table.allItems();
    const longest = secondsUntilWindowEnds(new Date(), WINDOW);
    const refused = await checkout("203.0.113.10", "ip-test-11@example.com");
    const shortest = secondsUntilWindowEnds(new Date(), WINDOW);

    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeLessThanOrEqual(longest);
    expect(retryAfter).toBeGreaterThanOrEqual(shortest);
    expect(refused.body.error).toBe("too_many_attempts");
    expect(refused.headers.get("x-athar-dynamodb-calls")).toBe("1");
    expect(refused.body.message).toBe(ar.too_many_attempts.replace("{wait}", "23 ساعة"));
    const english = await checkout("203.0.113.10", "ip-test-12@example.com", "en");
    expect(english.status).toBe(429);
    expect(english.body.message).toBe(
      "Too many donation attempts in a short time. Please wait 23 hours and try again.",
    );
    expect(await table.allItems()).toEqual(before);

    // Another viewer is not affected.
    expect((await checkout("203.0.113.11", "ip-test-13@example.com")).status).toBe(201);
  });

  it("answers a form post over the limit (the address above) with the error page and Retry-After", async () => {
    const form = new URLSearchParams({
      initiativeId: String(donationRequest().initiativeId),
      amount: "100",
      currency: "SAR",
      name: "Test Donor",
      email: "form-test@example.com",
      locale: "ar",
    });
    const response = await fetch(`${stack.url}/api/checkout`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "cloudfront-viewer-address": "203.0.113.10:40000",
      },
      body: form,
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await response.text()).toContain(ar.too_many_attempts.split("{wait}")[0]);
  });

  it("refuses the 6th checkout for one e-mail from different addresses, without counting that address", async () => {
    for (let n = 1; n <= 5; n++) {
      expect((await checkout(`198.51.100.${n}`, "repeat@example.com")).status, `checkout ${n}`).toBe(201);
    }
    const donations = await donationCount();
    const refused = await checkout("198.51.100.6", "Repeat@Example.com");
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe("too_many_attempts");
    expect(await donationCount()).toBe(donations);

    const windowStart = fixedWindow(new Date(), WINDOW).start;
    const refusedAddress = keys.rateLimitWindow(
      "ip",
      hashIdentifier(SALT, "ip", "198.51.100.6"),
      windowStart,
    );
    const countedAddress = keys.rateLimitWindow(
      "ip",
      hashIdentifier(SALT, "ip", "198.51.100.5"),
      windowStart,
    );
    const items = await table.allItems();
    expect(items.find((item) => item.pk === refusedAddress.pk)).toBeUndefined();
    expect(items.find((item) => item.pk === countedAddress.pk)).toMatchObject({ attempts: 1 });

    expect((await checkout("198.51.100.6", "someone-else@example.com")).status).toBe(201);
  });

  it("counts an IPv6 /64 as one viewer", async () => {
    const accepted = await checkout("[2001:db8:7:7::1]", "v6-a@example.com");
    expect(accepted.status).toBe(201);
    const item = (await table.allItems()).find(
      (candidate) =>
        candidate.pk ===
        keys.rateLimitWindow(
          "ip",
          hashIdentifier(SALT, "ip", ipRateLimitSubject("2001:db8:7:7:ffff::2")),
          fixedWindow(new Date(), WINDOW).start,
        ).pk,
    );
    expect(item).toMatchObject({ attempts: 1 });
  });

  it("lets exactly 10 of 30 parallel checkouts from one address through", async () => {
    const donations = await donationCount();
    // A checkout caught in the burst's collisions is told to try again in a second, and does.
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, n) =>
        asRetryingDonor(() => checkout("192.0.2.30", `burst-${n}@example.com`)),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20);
    for (const refused of responses.filter((response) => response.status === 429)) {
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(3600);
    }
    expect(await donationCount()).toBe(donations + 10);
  });

  it("stores neither an address nor an e-mail, only salted hashes", async () => {
    const rateItems = (await table.allItems()).filter((item) => item.entity === "rateLimitWindow");
    expect(rateItems.length).toBeGreaterThan(0);
    const stored = JSON.stringify(rateItems);
    for (const identifier of ["203.0.113.10", "198.51.100", "2001:db8", "@example.com", "repeat"]) {
      expect(stored).not.toContain(identifier);
    }
  });
});
