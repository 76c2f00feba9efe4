/**
 * A donor's data rights over HTTP on the local stack: the export (only their own data, every page, a
 * bounded number of DynamoDB calls each), the session checks on it, and cross-site requests refused.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadSessionKeys } from "../../../functions/adapters/secrets.ts";
import { SESSION_TTL_SECONDS, signDonorSession } from "../../../functions/auth/session.ts";
import { loadConfig } from "../../../functions/config.ts";
import { EXPORT_PAGE_SIZE } from "../../../functions/domain/erasure/data-rights.ts";
import { donationRequest, sessionIdOf, startCheckout } from "../../support/donations.ts";
import {
  donorIdFor,
  exportPage,
  paidGift,
  postWith,
  sameOrigin,
  signIn,
} from "../../support/donor-accounts.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import {
  buildEvent,
  completedSession,
  invoiceObject,
  postWebhook,
  signedDelivery,
} from "../../support/stripe-events.ts";

const stack = withLocalStack();
const { table } = stack;
const unique = (name: string) => `${name}.${randomBytes(4).toString("hex")}@example.org`;

/** A monthly gift by the donor, charged `months` times through Stripe's invoice events. */
async function monthlyGift(donor: { name: string; email: string }, months: number) {
  const started = await startCheckout(
    stack.url,
    donationRequest({ donor, interval: "month", amount: { value: 5000, currency: "SAR" } }),
  );
  expect(started.status).toBe(201);
  const donationId = String(started.body.donationId);
  const subscription = `sub_${donationId.slice(-8)}`;
  const completed = buildEvent("checkout.session.completed", {
    ...completedSession({
      id: sessionIdOf(started.body.checkoutUrl),
      amount_total: 5000,
      currency: "sar",
      metadata: { donationId },
    }),
    mode: "subscription",
    payment_intent: null,
    subscription,
  });
  await postWebhook(stack.url, signedDelivery(completed as never));
  for (let month = 0; month < months; month++) {
    const invoice = invoiceObject({
      donationId,
      id: `in_${donationId.slice(-8)}_${month}`,
      amount: 5000,
      subscription,
      periodStart: 1_735_689_600 + month * 2_592_000,
    });
    const paid = await postWebhook(stack.url, signedDelivery(buildEvent("invoice.paid", invoice) as never));
    expect(paid.body.outcome).toBe("recorded");
  }
  return { donationId, donorId: await donorIdFor(donor.email) };
}

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
    const once = await paidGift(stack.url, donor);
    const theirs = await paidGift(stack.url, other);
    // A long history: a monthly gift with more charges than one page holds.
    const monthly = await monthlyGift(donor, EXPORT_PAGE_SIZE + 2);
    const mine = [once, monthly];
    const cookie = await signIn(stack, donor.email);
    const { pages, calls } = await wholeExport(cookie);

    expect(pages).toHaveLength(2);
    // The profile's GetItem, one Query of history rows, one BatchGet of their donations, whatever the size.
    expect(calls).toEqual([3, 3]);
    const [first] = pages as [Record<string, unknown>];
    expect(first.format).toBe("athar-donor-export/1");
    expect(first.donor).toMatchObject({ donorId: mine[0]?.donorId, name: donor.name, locale: "ar" });
    const gifts = pages.flatMap((page) => page.gifts as { donationId: string; entity: string }[]);
    expect(gifts).toHaveLength(EXPORT_PAGE_SIZE + 3);
    expect(new Set(gifts.map((gift) => JSON.stringify(gift))).size).toBe(gifts.length);
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
    const cookie = await signIn(stack, attacker.email);
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
    const cookie = await signIn(stack, donor.email);
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
    const cookie = await signIn(stack, donor.email);
    // Receipts of earlier payments are numbered and mailed in the background: let that finish first.
    await stack.drainStreams();
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
    const cookie = await signIn(stack, donor.email);
    await postWith(stack.url, "/api/auth/signout", { cookie, ...sameOrigin });
    const before = await table.allItems();
    const response = await postWith(stack.url, "/api/me/erasure", { cookie, ...sameOrigin });
    expect(response.status).toBe(401);
    expect((await table.allItems()).filter((item) => item.entity === "erasureRequest")).toEqual(
      before.filter((item) => item.entity === "erasureRequest"),
    );
  });
});
