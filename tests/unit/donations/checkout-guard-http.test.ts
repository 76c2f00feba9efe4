import { describe, expect, it } from "vitest";
import ar from "../../../contract/messages/ar.json" with { type: "json" };
import en from "../../../contract/messages/en.json" with { type: "json" };
import {
  loadDonorIdKey,
  loadRateLimitSalt,
  loadTurnstileSecretKey,
} from "../../../functions/adapters/secrets.ts";
import { LOCAL_DONOR_ID_KEY, LOCAL_RATE_LIMIT_SALT, loadConfig } from "../../../functions/config.ts";
import {
  BotCheckFailedError,
  BotCheckUnavailableError,
  RateLimitedError,
} from "../../../functions/domain/errors.ts";
import { errorResponse } from "../../../functions/http/errors.ts";
import {
  clientIp,
  type HttpEvent,
  parseViewerAddress,
  turnstileToken,
} from "../../../functions/http/request.ts";

const bodyOf = (result: ReturnType<typeof errorResponse>) => JSON.parse(String(result.body));

describe("refusals over HTTP", () => {
  it("answers too many attempts with 429, Retry-After and the wait in the caller's language", () => {
    const english = errorResponse(new RateLimitedError("ip", 150), "en", false);
    expect(english.statusCode).toBe(429);
    expect(english.headers?.["retry-after"]).toBe("150");
    expect(bodyOf(english)).toEqual({
      error: "too_many_attempts",
      message: en.too_many_attempts.replace("{wait}", "3 minutes"),
    });

    const arabic = errorResponse(new RateLimitedError("email", 45), "ar", false);
    expect(arabic.headers?.["retry-after"]).toBe("45");
    expect(bodyOf(arabic).message).toBe(ar.too_many_attempts.replace("{wait}", "دقيقة"));
    // Arabic counts with its own plural forms: two is dual, three to ten plural, eleven and up singular.
    const arabicWait = (seconds: number) =>
      bodyOf(errorResponse(new RateLimitedError("email", seconds), "ar", false)).message;
    expect(arabicWait(120)).toContain("دقيقتان");
    expect(arabicWait(5 * 60)).toContain("5 دقائق");
    // An hour and more is said in hours, never as tens or thousands of minutes.
    expect(arabicWait(3600)).toContain("المدة المتبقية: ساعة.");
    expect(arabicWait(81_600)).toContain("المدة المتبقية: 23 ساعة.");
  });

  it("sends Retry-After with the error page of a form post too", () => {
    const page = errorResponse(new RateLimitedError("ip", 600), "ar", true);
    expect(page.statusCode).toBe(429);
    expect(page.headers?.["retry-after"]).toBe("600");
    expect(page.headers?.["content-type"]).toContain("text/html");
    expect(page.body).toContain(ar.too_many_attempts.replace("{wait}", "10 دقائق"));
  });

  it("answers a failed bot check with 400 and an unavailable one with 503, both explained", () => {
    const failed = errorResponse(new BotCheckFailedError(), "en", false);
    expect(failed.statusCode).toBe(400);
    expect(bodyOf(failed)).toEqual({ error: "bot_check_failed", message: en.bot_check_failed });
    expect(failed.headers?.["retry-after"]).toBeUndefined();

    const unavailable = errorResponse(new BotCheckUnavailableError("siteverify timed out"), "ar", false);
    expect(unavailable.statusCode).toBe(503);
    expect(bodyOf(unavailable)).toEqual({
      error: "bot_check_unavailable",
      message: ar.bot_check_unavailable,
    });
    expect(unavailable.body).not.toContain("siteverify");
  });
});

function event(headers: Record<string, string>, sourceIp = "198.51.100.1", body?: string): HttpEvent {
  return {
    headers,
    body,
    isBase64Encoded: false,
    requestContext: { http: { sourceIp } },
  } as unknown as HttpEvent;
}

describe("the client address", () => {
  it.each([
    ["203.0.113.7:46532", "203.0.113.7"],
    ["2001:db8:85a3::8a2e:370:7334:46532", "2001:db8:85a3::8a2e:370:7334"],
    ["[2001:db8:85a3::8a2e:370:7334]:443", "2001:db8:85a3::8a2e:370:7334"],
    ["[::1]:8080", "::1"],
    [" 203.0.113.7:443 ", "203.0.113.7"],
  ])("reads CloudFront-Viewer-Address %s as %s", (header, expected) => {
    expect(parseViewerAddress(header)).toBe(expected);
  });

  it.each([[""], ["203.0.113.7"], ["not-an-address:443"], ["[2001:db8::1]"], ["999.1.1.1:443"]])(
    "ignores a malformed CloudFront-Viewer-Address %j",
    (header) => {
      expect(parseViewerAddress(header)).toBeUndefined();
    },
  );

  it("prefers the viewer address CloudFront sends, else the source of the connection", () => {
    expect(clientIp(event({ "cloudfront-viewer-address": "203.0.113.7:443" }))).toBe("203.0.113.7");
    expect(clientIp(event({}))).toBe("198.51.100.1");
    expect(clientIp(event({ "cloudfront-viewer-address": "garbage" }))).toBe("198.51.100.1");
  });
});

describe("the Turnstile token", () => {
  const json = { "content-type": "application/json" };
  const form = { "content-type": "application/x-www-form-urlencoded" };
  it("comes from the widget's form field or the JSON body's turnstileToken", () => {
    expect(turnstileToken(event(form, undefined, "amount=10&cf-turnstile-response=tok%2B1"))).toBe("tok+1");
    expect(turnstileToken(event(json, undefined, JSON.stringify({ turnstileToken: "tok-2" })))).toBe("tok-2");
  });

  it("is absent when missing, empty or not a string", () => {
    expect(turnstileToken(event(form, undefined, "amount=10&cf-turnstile-response="))).toBeUndefined();
    expect(turnstileToken(event(json, undefined, JSON.stringify({ turnstileToken: 42 })))).toBeUndefined();
    expect(turnstileToken(event(json, undefined, "{}"))).toBeUndefined();
  });
});

describe("the checkout guard's configuration", () => {
  it("defaults to 10 checkouts per address per 10 minutes and 5 per e-mail per hour", () => {
    expect(loadConfig({}).checkoutLimits).toEqual({
      perIp: { limit: 10, windowSeconds: 600 },
      perEmail: { limit: 5, windowSeconds: 3600 },
    });
    const tuned = loadConfig({ CHECKOUT_LIMIT_PER_IP: "3", CHECKOUT_WINDOW_PER_EMAIL_SECONDS: "60" });
    expect(tuned.checkoutLimits).toEqual({
      perIp: { limit: 3, windowSeconds: 600 },
      perEmail: { limit: 5, windowSeconds: 60 },
    });
    expect(() => loadConfig({ CHECKOUT_LIMIT_PER_IP: "0" })).toThrow(/CHECKOUT_LIMIT_PER_IP/);
  });

  it("uses the configured salt, a documented one locally, and insists on the secret in AWS", async () => {
    expect(await loadRateLimitSalt(loadConfig({ RATE_LIMIT_SALT: "a-salt-of-sixteen+" }))).toBe(
      "a-salt-of-sixteen+",
    );
    expect(await loadRateLimitSalt(loadConfig({}))).toBe(LOCAL_RATE_LIMIT_SALT);
    const aws = loadConfig({ ATHAR_ENV: "aws", STRIPE_SECRET_ARN: "arn:aws:secretsmanager:x" });
    await expect(loadRateLimitSalt(aws)).rejects.toThrow(/RATE_LIMIT_SALT_ARN/);
  });

  it("keys donors' ids apart from the rate limits' salt, and insists on its own secret in AWS", async () => {
    const both = loadConfig({ RATE_LIMIT_SALT: "a-salt-of-sixteen+", DONOR_ID_KEY: "a-donor-key-of-16+" });
    expect(await loadDonorIdKey(both)).toBe("a-donor-key-of-16+");
    expect(await loadRateLimitSalt(both)).toBe("a-salt-of-sixteen+");
    expect(await loadDonorIdKey(loadConfig({}))).toBe(LOCAL_DONOR_ID_KEY);
    expect(LOCAL_DONOR_ID_KEY).not.toBe(LOCAL_RATE_LIMIT_SALT);
    const aws = loadConfig({
      ATHAR_ENV: "aws",
      STRIPE_SECRET_ARN: "arn:aws:secretsmanager:x",
      RATE_LIMIT_SALT_ARN: "arn:aws:secretsmanager:salt",
    });
    await expect(loadDonorIdKey(aws)).rejects.toThrow(/DONOR_ID_KEY_ARN/);
    expect(() => loadConfig({ DONOR_ID_KEY: "too-short" })).toThrow(/DONOR_ID_KEY/);
  });

  it("turns the bot check on with a site key, which then needs a secret key", async () => {
    expect(await loadTurnstileSecretKey(loadConfig({ TURNSTILE_SECRET_KEY: "0x-secret" }))).toBeUndefined();
    expect(
      await loadTurnstileSecretKey(loadConfig({ PUBLIC_TURNSTILE_SITE_KEY: "", TURNSTILE_SECRET_KEY: "s" })),
    ).toBe(undefined);
    const enabled = loadConfig({ PUBLIC_TURNSTILE_SITE_KEY: "0x-site", TURNSTILE_SECRET_KEY: "0x-secret" });
    expect(await loadTurnstileSecretKey(enabled)).toBe("0x-secret");
    await expect(
      loadTurnstileSecretKey(loadConfig({ PUBLIC_TURNSTILE_SITE_KEY: "0x-site" })),
    ).rejects.toThrow(/no Turnstile secret key/);
  });
});
