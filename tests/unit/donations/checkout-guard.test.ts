import { describe, expect, it } from "vitest";
import {
  type BotCheck,
  type CheckoutGuardDeps,
  type CheckoutRefusal,
  emailRateLimitSubject,
  fixedWindow,
  guardCheckout,
  hashIdentifier,
  ipRateLimitSubject,
  type RateLimiter,
  type RateLimitKey,
  secondsUntilWindowEnds,
} from "../../../functions/domain/donations/checkout-guard.ts";
import { BotCheckFailedError, RateLimitedError } from "../../../functions/domain/errors.ts";

const SALT = "unit-test-salt-0123456789";
const at = (iso: string) => new Date(iso);

/** Fixed windows in memory, all keys counted together or none, like the DynamoDB store. */
function memoryRateLimiter() {
  const counts = new Map<string, number>();
  const calls: RateLimitKey[][] = [];
  const limiter: RateLimiter = {
    async consume(keys, now) {
      calls.push(keys);
      const slots = keys.map((key) => ({
        key,
        slot: `${key.scope}|${key.id}|${fixedWindow(now, key.windowSeconds).start}`,
      }));
      const over = slots.find(({ key, slot }) => (counts.get(slot) ?? 0) >= key.limit);
      if (over) {
        return {
          allowed: false,
          scope: over.key.scope,
          retryAfterSeconds: secondsUntilWindowEnds(now, over.key.windowSeconds),
        };
      }
      for (const { slot } of slots) counts.set(slot, (counts.get(slot) ?? 0) + 1);
      return { allowed: true };
    },
    async giveBack(keys, now) {
      for (const key of keys) {
        const slot = `${key.scope}|${key.id}|${fixedWindow(now, key.windowSeconds).start}`;
        counts.set(slot, Math.max(0, (counts.get(slot) ?? 0) - 1));
      }
    },
  };
  return { limiter, counts, calls };
}

function guard(options: { botCheck?: BotCheck } = {}) {
  const memory = memoryRateLimiter();
  const refusals: CheckoutRefusal[] = [];
  const deps: CheckoutGuardDeps = {
    rateLimiter: memory.limiter,
    botCheck: options.botCheck,
    limits: { perIp: { limit: 3, windowSeconds: 600 }, perEmail: { limit: 2, windowSeconds: 3600 } },
    identifierSalt: SALT,
    logRefusal: (refusal) => refusals.push(refusal),
  };
  return { deps, refusals, ...memory };
}

const attempt = (ip: string, email: string, now = at("2025-03-01T10:00:00Z"), token?: string) => ({
  clientIp: ip,
  email,
  turnstileToken: token,
  now,
});

describe("identifier hashing", () => {
  it("is keyed by the salt and the scope, truncated to 32 hex characters", () => {
    const hash = hashIdentifier(SALT, "ip", "203.0.113.7");
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
    expect(hashIdentifier(SALT, "ip", "203.0.113.7")).toBe(hash);
    expect(hashIdentifier("another-salt-0123456789", "ip", "203.0.113.7")).not.toBe(hash);
    expect(hashIdentifier(SALT, "email", "203.0.113.7")).not.toBe(hash);
    expect(hashIdentifier(SALT, "ip", "203.0.113.8")).not.toBe(hash);
  });

  it("counts an IPv6 /64 as one viewer and IPv4-mapped IPv6 as the IPv4 address", () => {
    expect(ipRateLimitSubject("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(ipRateLimitSubject("2001:0db8:0001:0002:ffff:0:0:9")).toBe("2001:db8:1:2::/64");
    expect(ipRateLimitSubject("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(ipRateLimitSubject("::ffff:198.51.100.4")).toBe("198.51.100.4");
    expect(ipRateLimitSubject("198.51.100.4")).toBe("198.51.100.4");
  });

  it("counts one mailbox however it is typed", () => {
    expect(emailRateLimitSubject(" Fatimah+Gift1@Example.COM ")).toBe("fatimah@example.com");
    expect(emailRateLimitSubject("fatimah@example.com")).toBe("fatimah@example.com");
    expect(emailRateLimitSubject("+only@example.com")).toBe("+only@example.com");
    expect(emailRateLimitSubject("ali@example.com")).not.toBe(emailRateLimitSubject("fatimah@example.com"));
  });
});

describe("fixed windows", () => {
  it("start at multiples of their length and end one length later", () => {
    expect(fixedWindow(at("2025-03-01T10:07:30Z"), 600)).toEqual({
      start: Date.parse("2025-03-01T10:00:00Z") / 1000,
      end: Date.parse("2025-03-01T10:10:00Z") / 1000,
    });
    expect(fixedWindow(at("2025-03-01T10:10:00Z"), 600).start).toBe(
      Date.parse("2025-03-01T10:10:00Z") / 1000,
    );
    expect(fixedWindow(at("2025-03-01T10:59:59.999Z"), 3600).start).toBe(
      Date.parse("2025-03-01T10:00:00Z") / 1000,
    );
  });

  it("say how many whole seconds are left, at least one", () => {
    expect(secondsUntilWindowEnds(at("2025-03-01T10:07:30Z"), 600)).toBe(150);
    expect(secondsUntilWindowEnds(at("2025-03-01T10:09:59.200Z"), 600)).toBe(1);
    expect(secondsUntilWindowEnds(at("2025-03-01T10:00:00Z"), 600)).toBe(600);
  });
});

describe("guardCheckout", () => {
  it("counts both scopes with hashed identifiers and the configured limits", async () => {
    const { deps, calls } = guard();
    await guardCheckout(deps, attempt("203.0.113.7", "Fatimah@example.com"));
    expect(calls).toEqual([
      [
        { scope: "ip", id: hashIdentifier(SALT, "ip", "203.0.113.7"), limit: 3, windowSeconds: 600 },
        {
          scope: "email",
          id: hashIdentifier(SALT, "email", "fatimah@example.com"),
          limit: 2,
          windowSeconds: 3600,
        },
      ],
    ]);
    expect(JSON.stringify(calls)).not.toMatch(/203\.0\.113\.7|fatimah/i);
  });

  it("refuses the attempt after the per-address limit with the time left in the window", async () => {
    const { deps, refusals } = guard();
    const now = at("2025-03-01T10:07:30Z");
    for (const email of ["a@example.com", "b@example.com", "c@example.com"])
      await guardCheckout(deps, attempt("203.0.113.7", email, now));
    const refused = guardCheckout(deps, attempt("203.0.113.7", "d@example.com", now));
    await expect(refused).rejects.toBeInstanceOf(RateLimitedError);
    await expect(refused).rejects.toMatchObject({
      scope: "ip",
      retryAfterSeconds: 150,
      code: "too_many_attempts",
    });
    expect(refusals).toEqual([
      { reason: "rate_limit_ip", subject: hashIdentifier(SALT, "ip", "203.0.113.7").slice(0, 8) },
    ]);
    // Another address is not affected, and the next window starts afresh.
    await guardCheckout(deps, attempt("203.0.113.8", "d@example.com", now));
    await guardCheckout(deps, attempt("203.0.113.7", "e@example.com", at("2025-03-01T10:10:00Z")));
  });

  it("refuses the attempt after the per-e-mail limit, from any address", async () => {
    const { deps, refusals } = guard();
    await guardCheckout(deps, attempt("203.0.113.1", "fatimah@example.com"));
    await guardCheckout(deps, attempt("203.0.113.2", "Fatimah+2@example.com"));
    const refused = guardCheckout(deps, attempt("203.0.113.3", "fatimah@example.com"));
    await expect(refused).rejects.toMatchObject({ scope: "email", retryAfterSeconds: 3600 });
    expect(refusals.map((r) => r.reason)).toEqual(["rate_limit_email"]);
    expect(refusals[0]?.subject).toBe(hashIdentifier(SALT, "email", "fatimah@example.com").slice(0, 8));
    await guardCheckout(deps, attempt("203.0.113.3", "ali@example.com"));
  });

  it("asks the bot check first and counts nothing when it fails", async () => {
    const asked: [string | undefined, string][] = [];
    const botCheck: BotCheck = {
      async verify(token, ip) {
        asked.push([token, ip]);
        return token === "good-token";
      },
    };
    const { deps, calls, refusals } = guard({ botCheck });
    const failed = guardCheckout(deps, attempt("203.0.113.7", "a@example.com", undefined, "bad-token"));
    await expect(failed).rejects.toBeInstanceOf(BotCheckFailedError);
    await expect(guardCheckout(deps, attempt("203.0.113.7", "a@example.com"))).rejects.toMatchObject({
      code: "bot_check_failed",
    });
    expect(calls).toEqual([]);
    expect(refusals).toEqual([
      { reason: "bot_check", subject: hashIdentifier(SALT, "ip", "203.0.113.7").slice(0, 8) },
      { reason: "bot_check", subject: hashIdentifier(SALT, "ip", "203.0.113.7").slice(0, 8) },
    ]);
    await guardCheckout(deps, attempt("203.0.113.7", "a@example.com", undefined, "good-token"));
    expect(calls).toHaveLength(1);
    expect(asked).toEqual([
      ["bad-token", "203.0.113.7"],
      [undefined, "203.0.113.7"],
      ["good-token", "203.0.113.7"],
    ]);
  });

  it("lets every attempt through the bot check step when none is configured", async () => {
    const { deps, calls } = guard();
    await guardCheckout(deps, attempt("203.0.113.7", "a@example.com", undefined, undefined));
    expect(calls).toHaveLength(1);
  });
});
