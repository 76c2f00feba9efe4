/**
 * A donor's data rights over HTTP on the local stack: the export (only their own data, every page, a
 * bounded number of DynamoDB calls each), the session checks on it, and cross-site requests refused.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadSessionKeys } from "../../functions/adapters/secrets.ts";
import { SESSION_TTL_SECONDS, signDonorSession } from "../../functions/auth/session.ts";
import { loadConfig } from "../../functions/config.ts";
import { EXPORT_PAGE_SIZE } from "../../functions/domain/data-rights.ts";
import {
  exportPage,
  paidGift,
  postWith,
  recordDonorGift,
  sameOrigin,
  signIn,
} from "../support/donor-accounts.ts";
import { withLocalStack } from "../support/local-stack.ts";

const stack = withLocalStack();
const { table } = stack;
const unique = (name: string) => `${name}.${randomBytes(4).toString("hex")}@example.org`;

/** Every page of the caller's export, following cursors; each page's DynamoDB call count. */
async function wholeExport(cookie: string) {
  const pages: Record<string, unknown>[] = [];
  const calls: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await exportPage(stack.url, cookie, cursor);
    expect(page.status).toBe(200);
    pages.push(page.body);
    calls.push(Number(page.headers.get("x-athar-dynamodb-calls")));
    cursor = page.body.cursor as string | undefined;
  } while (cursor);
  return { pages, calls };
}

describe("GET /api/me/export", () => {
  it("returns the caller's profile and every donation with its personal data, a page at a time", async () => {
    const donor = { name: "Zainab Al-Qahtani", email: unique("zainab"), phone: "+966501234567" };
    const other = { name: "Other Donor", email: unique("other") };
    const mine = [await paidGift(stack.url, donor), await paidGift(stack.url, donor)];
    const theirs = await paidGift(stack.url, other);
    // A long history (a monthly gift's charges): more rows than one page holds.
    const start = Date.parse("2025-01-01T00:00:00Z");
    for (let month = 0; month < EXPORT_PAGE_SIZE + 3; month++) {
      const donationId = mine[month % 2]?.donationId as string;
      await recordDonorGift(donor, {
        donationId,
        at: new Date(start + month * 86_400_000).toISOString(),
        value: 500,
      });
    }
    const cookie = await signIn(stack.url, donor.email);
    const { pages, calls } = await wholeExport(cookie);

    expect(pages).toHaveLength(2);
    // The profile's GetItem, one Query of history rows, one BatchGet of their donations, whatever the size.
    expect(calls).toEqual([3, 3]);
    const [first] = pages as [Record<string, unknown>];
    expect(first.format).toBe("athar-donor-export/1");
    expect(first.donor).toMatchObject({ donorId: mine[0]?.donorId, name: donor.name, locale: "ar" });
    const gifts = pages.flatMap((page) => page.gifts as { donationId: string; entity: string }[]);
    expect(gifts).toHaveLength(EXPORT_PAGE_SIZE + 3 + 2);
    const donations = pages.flatMap((page) => page.donations as Record<string, unknown>[]);
    const ids = new Set(donations.map((donation) => donation.donationId));
    expect([...ids].sort()).toEqual(mine.map((gift) => gift.donationId).sort());
    expect(ids.has(theirs.donationId)).toBe(false);
    expect(donations[0]).toMatchObject({
      donor: { name: donor.name, email: donor.email, phone: donor.phone },
    });
    expect(JSON.stringify(pages)).not.toContain(other.email);
    // No table keys in the export.
    expect(JSON.stringify(pages)).not.toMatch(/"pk"|"sk"/);
  });

  it("never reads another donor's rows, whatever cursor is sent", async () => {
    const victim = { name: "Victim Donor", email: unique("victim") };
    const attacker = { name: "Curious Donor", email: unique("curious") };
    const stolen = await paidGift(stack.url, victim);
    await paidGift(stack.url, attacker);
    const cookie = await signIn(stack.url, attacker.email);
    const victimRows = (await table.allItems()).filter((item) => item.pk === `DONOR#${stolen.donorId}`);
    const forged = [
      ...victimRows.map((row) => Buffer.from(String(row.sk)).toString("base64url")),
      Buffer.from("A#PROFILE").toString("base64url"),
      Buffer.from(`DONOR#${stolen.donorId}`).toString("base64url"),
    ];
    for (const cursor of forged) {
      const page = await exportPage(stack.url, cookie, cursor);
      expect(page.status).toBe(200);
      expect(JSON.stringify(page.body)).not.toContain(victim.email);
      expect(JSON.stringify(page.body)).not.toContain(stolen.donationId);
    }
    expect((await exportPage(stack.url, cookie, "not a cursor!")).status).toBe(400);
  });

  it("refuses no cookie, a tampered cookie, an expired one and one signed with an unknown key (401)", async () => {
    const donor = { name: "Sami", email: unique("sami") };
    const { donorId } = await paidGift(stack.url, donor);
    const cookie = await signIn(stack.url, donor.email);
    const token = cookie.slice("athar_session=".length);
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const otherDonor = Buffer.from(
      JSON.stringify({ ...claims, sub: "dnr_someoneelse0000000000000" }),
    ).toString("base64url");
    const keys = await loadSessionKeys(loadConfig());
    const expired = await signDonorSession(
      { donorId, epoch: 0, locale: "en", sessionId: "ses_expired01" },
      keys,
      new Date(Date.now() - (SESSION_TTL_SECONDS + 60) * 1000),
    );
    const unknownKey = await signDonorSession(
      { donorId, epoch: 0, locale: "en", sessionId: "ses_unknown01" },
      [{ kid: "elsewhere", secret: "a-key-this-deployment-never-had-0123456789" }],
      new Date(),
    );
    const flipped = `${signature.slice(0, -2)}${signature.at(-2) === "A" ? "B" : "A"}${signature.at(-1)}`;
    for (const bad of [
      "",
      `athar_session=${header}.${otherDonor}.${signature}`,
      `athar_session=${header}.${payload}.${flipped}`,
      `athar_session=${expired.token}`,
      `athar_session=${unknownKey.token}`,
    ]) {
      const page = await exportPage(stack.url, bad);
      expect(page.status, bad).toBe(401);
      expect(page.body.error).toBe("signin_required");
    }
    expect((await exportPage(stack.url, cookie)).status).toBe(200);
  });
});

describe("POST /api/me/erasure", () => {
  it("refuses cross-site requests (403) and changes nothing", async () => {
    const donor = { name: "Hessa", email: unique("hessa") };
    await paidGift(stack.url, donor);
    const cookie = await signIn(stack.url, donor.email);
    const before = await table.allItems();
    const attempts: Record<string, string>[] = [
      { cookie, "sec-fetch-site": "cross-site" },
      { cookie, "sec-fetch-site": "same-site" },
      { cookie, origin: "https://evil.example" },
    ];
    for (const headers of attempts) {
      const response = await postWith(stack.url, "/api/me/erasure", headers);
      expect(response.status).toBe(403);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    expect(await table.allItems()).toEqual(before);
    expect((await exportPage(stack.url, cookie)).status).toBe(200);
  });

  it("needs a current session", async () => {
    const donor = { name: "Badr", email: unique("badr") };
    await paidGift(stack.url, donor);
    const cookie = await signIn(stack.url, donor.email);
    await postWith(stack.url, "/api/auth/signout", { cookie, ...sameOrigin });
    const before = await table.allItems();
    const response = await postWith(stack.url, "/api/me/erasure", { cookie, ...sameOrigin });
    expect(response.status).toBe(401);
    expect((await table.allItems()).filter((item) => item.entity === "erasureRequest")).toEqual(
      before.filter((item) => item.entity === "erasureRequest"),
    );
  });
});
