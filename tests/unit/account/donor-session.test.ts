import { describe, expect, it } from "vitest";
import {
  clearedSessionCookie,
  SESSION_COOKIE,
  type SessionKeys,
  sessionCookie,
  sessionTokenFrom,
  signDonorSession,
  verifyDonorSession,
} from "../../../functions/auth/session.ts";
import { donorIdOf } from "../../../functions/domain/donations/donor-identity.ts";
import { UnauthenticatedError } from "../../../functions/domain/errors.ts";

const now = new Date("2026-11-23T10:00:00Z");
const oldKey = { kid: "2026-10", secret: "an-old-key-that-is-at-least-32-characters" };
const newKey = { kid: "2026-11", secret: "a-new-key-that-is-also-at-least-32-characters" };
const session = {
  donorId: donorIdOf("Amal@Example.org", "salt-salt-salt-salt"),
  epoch: 0,
  locale: "ar" as const,
  sessionId: "ses_0123456789",
};

async function reason(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UnauthenticatedError);
  return (error as UnauthenticatedError).reason;
}

describe("donor identity", () => {
  it("is the same for an address however it is typed, and differs per address and per salt", () => {
    const id = donorIdOf(" amal@example.org ", "salt-salt-salt-salt");
    expect(id).toBe(session.donorId);
    expect(id).toMatch(/^dnr_[\w-]{26}$/);
    expect(donorIdOf("amal2@example.org", "salt-salt-salt-salt")).not.toBe(id);
    expect(donorIdOf("amal@example.org", "another-salt-entirely")).not.toBe(id);
  });
});

describe("donor session", () => {
  it("round-trips and keeps verifying with the previous key after a rotation", async () => {
    const { token, expiresAt } = await signDonorSession(session, [oldKey], now);
    expect(expiresAt.toISOString()).toBe("2026-12-23T10:00:00.000Z");
    const rotated: SessionKeys = [newKey, oldKey];
    await expect(verifyDonorSession(token, rotated, now)).resolves.toMatchObject({ ...session, expiresAt });
    const fresh = await signDonorSession(session, rotated, now);
    expect(JSON.parse(Buffer.from(fresh.token.split(".")[0] ?? "", "base64url").toString()).kid).toBe(
      "2026-11",
    );
    expect(await reason(verifyDonorSession(token, [newKey], now))).toBe("session_key_unknown");
  });

  it("refuses tampered, expired and foreign tokens", async () => {
    const { token } = await signDonorSession(session, [newKey], now);
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString());
    const forged = Buffer.from(
      JSON.stringify({ ...claims, sub: donorIdOf("other@example.org", "s".repeat(16)) }),
    ).toString("base64url");
    expect(await reason(verifyDonorSession(`${header}.${forged}.${signature}`, [newKey], now))).toBe(
      "session_invalid",
    );
    expect(await reason(verifyDonorSession(`${token}x`, [newKey], now))).toBe("session_invalid");
    const later = new Date(now.getTime() + 31 * 24 * 3600 * 1000);
    expect(await reason(verifyDonorSession(token, [newKey], later))).toBe("session_expired");
    const otherSecret = [{ kid: newKey.kid, secret: "x".repeat(40) }];
    expect(await reason(verifyDonorSession(token, otherSecret, now))).toBe("session_invalid");
    expect(await reason(verifyDonorSession("not-a-jwt", [newKey], now))).toBe("session_invalid");
  });

  it("reads its cookie from payload 2.0's cookies and writes an HttpOnly, SameSite=Lax one, Secure over https", () => {
    expect(sessionTokenFrom(["theme=dark", `${SESSION_COOKIE}=abc.def.ghi`])).toBe("abc.def.ghi");
    expect(sessionTokenFrom(undefined)).toBeUndefined();
    const expires = new Date("2026-12-23T10:00:00Z");
    const secure = sessionCookie("t", expires, "https://give.example.org");
    expect(secure).toContain("HttpOnly");
    expect(secure).toContain("SameSite=Lax");
    expect(secure).toContain("Secure");
    // A device whose clock is a month off keeps it for its 30 days all the same.
    expect(secure).toContain(`Max-Age=${30 * 86_400}`);
    expect(secure).toContain("Expires=Wed, 23 Dec 2026 10:00:00 GMT");
    expect(sessionCookie("t", expires, "http://localhost:8787")).not.toContain("Secure");
    expect(clearedSessionCookie("https://give.example.org")).toMatch(/Max-Age=0.*Expires=Thu, 01 Jan 1970/);
  });
});

describe("session keys", () => {
  it("accept a list, newest first, or the single object Secrets Manager generates", async () => {
    const { sessionKeysSchema } = await import("../../../functions/auth/session.ts");
    expect(sessionKeysSchema.parse([newKey, oldKey])).toEqual([newKey, oldKey]);
    expect(sessionKeysSchema.parse(newKey)).toEqual([newKey]);
    expect(() => sessionKeysSchema.parse([{ kid: "k", secret: "too short" }])).toThrow();
    expect(() => sessionKeysSchema.parse([])).toThrow();
  });
});
