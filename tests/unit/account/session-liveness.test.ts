import { describe, expect, it } from "vitest";
import type { DonorSession } from "../../../functions/auth/session.ts";
import { isSessionLive, signedBefore } from "../../../functions/domain/account/session-liveness.ts";

const session = (issuedAt: string, epoch = 3): DonorSession => ({
  donorId: "dnr_x",
  epoch,
  locale: "ar",
  sessionId: "ses_abcdefgh",
  issuedAt: new Date(issuedAt),
  expiresAt: new Date("2026-12-01T00:00:00Z"),
});
const signed = session("2026-10-22T09:00:05Z");

describe("a donor's session is live", () => {
  it("only while the profile exists", () => {
    expect(isSessionLive(signed, undefined)).toBe(false);
    expect(isSessionLive(signed, { sessionEpoch: 3, bornAt: "2026-10-01T00:00:00.000Z" })).toBe(true);
  });

  it("only while no sign-out or erasure raised the epoch past it", () => {
    expect(isSessionLive(signed, { sessionEpoch: 4, bornAt: "2026-10-01T00:00:00.000Z" })).toBe(false);
    expect(isSessionLive(signed, { sessionEpoch: 2 })).toBe(true);
  });

  it("only on a profile born before it was signed (to the second tokens carry), whatever the new profile's epoch", () => {
    expect(
      isSessionLive(session("2026-10-22T09:00:05Z", 0), {
        sessionEpoch: 0,
        bornAt: "2026-10-22T09:00:06.000Z",
      }),
    ).toBe(false);
    expect(isSessionLive(signed, { sessionEpoch: 0, bornAt: "2026-10-22T09:00:05.999Z" })).toBe(true);
    expect(signedBefore(signed).toISOString()).toBe("2026-10-22T09:00:06.000Z");
  });
});
