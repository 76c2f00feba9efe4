/**
 * Passwordless sign-in over HTTP on the local stack: links e-mailed only to addresses that gave (the same
 * answer otherwise), links that work once and for 15 minutes, the rate limits and the session cookie
 * (signing out: signin-signout.test.ts).
 */
import { randomBytes } from "node:crypto";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { loadSessionKeys } from "../../../functions/adapters/secrets.ts";
import { verifyDonorSession } from "../../../functions/auth/session.ts";
import { loadConfig } from "../../../functions/config.ts";
import { hashSignInToken } from "../../../functions/domain/signin/signin.ts";
import { keys } from "../../../functions/table/keys.ts";
import { localClient } from "../../../local/dynamodb-local.ts";
import {
  callback,
  cookieOf,
  exportPage,
  latestSignInToken,
  paidGift,
  requestLink,
  signIn,
  signInMailsTo,
} from "../../support/donor-accounts.ts";
import { withLocalStack } from "../../support/local-stack.ts";

// Read at the handlers' cold start. Day-long windows: the clock never crosses one mid-test. Each test
// asks from its own viewer address, so only the per-IP test reaches that limit.
Object.assign(process.env, {
  SIGNIN_LIMIT_PER_EMAIL: "3",
  SIGNIN_WINDOW_PER_EMAIL_SECONDS: "86400",
  SIGNIN_LIMIT_PER_IP: "6",
  SIGNIN_WINDOW_PER_IP_SECONDS: "86400",
});

const stack = withLocalStack();
const { table } = stack;
let viewers = 0;
/** A fresh viewer address (CloudFront's header), so per-IP counts do not carry over between tests. */
const viewer = () => ({ "cloudfront-viewer-address": `198.51.100.${++viewers}:443` });
const unique = (name: string) => `${name}.${randomBytes(4).toString("hex")}@example.org`;

const rateLimitItems = async () =>
  (await table.allItems()).filter((item) =>
    ["rateLimitWindow", "signInLink", "signInRequest"].includes(String(item.entity)),
  );

describe("asking for a sign-in link", () => {
  it("e-mails a link to an address that gave, in the chosen language, and stores only its hash", async () => {
    const donor = { name: "Maryam Al-Saud", email: unique("maryam") };
    await paidGift(stack.url, donor);
    const asked = await requestLink(stack, donor.email, "en", viewer());
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ ok: true });
    const [mail] = await signInMailsTo(donor.email);
    expect(mail?.subject).toBe("Your sign-in link");
    expect(mail?.headers.get("content-language")).toBe("en");
    const token = await latestSignInToken(donor.email);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const links = (await table.allItems()).filter((item) => item.entity === "signInLink");
    expect(links.map((item) => item.pk)).toContain(keys.signInLink(hashSignInToken(token)).pk);
    expect(JSON.stringify(links)).not.toContain(token);
    const [link] = links.filter((item) => item.pk === keys.signInLink(hashSignInToken(token)).pk);
    // The TTL attribute: 15 minutes from now, in epoch seconds.
    expect(Number(link?.expiresAt) - Date.now() / 1000).toBeGreaterThan(14 * 60);
    expect(Number(link?.expiresAt) - Date.now() / 1000).toBeLessThanOrEqual(15 * 60);

    await requestLink(stack, donor.email, "ar", viewer());
    const arabic = (await signInMailsTo(donor.email)).at(-1);
    expect(arabic?.subject).toBe("رابط الدخول إلى حسابك");
  });

  it("answers an address that never gave exactly the same, after the same work, and sends nothing", async () => {
    const gave = { name: "Huda", email: unique("huda") };
    await paidGift(stack.url, gave);
    const stranger = unique("stranger");
    const [known, unknown] = [
      await requestLink(stack, gave.email, "en", viewer()),
      await requestLink(stack, stranger, "en", viewer()),
    ];
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    // Before answering, both did the same: the limits' transaction and the request's Put. Whether the
    // address gave is looked up after the answer, by the sign-in mail worker.
    for (const answer of [known, unknown]) {
      expect(answer.headers.get("x-athar-dynamodb-calls")).toBe("2");
      expect(answer.headers.get("x-athar-dynamodb-actions")).toBe("dynamodb:PutItem dynamodb:UpdateItem");
    }
    expect(await signInMailsTo(stranger)).toHaveLength(0);
    expect(await signInMailsTo(gave.email)).toHaveLength(1);
    // The worker read the profile, saved the link and forgot both requests.
    expect(stack.streamActions("signInMail")).toEqual([
      "dynamodb:DeleteItem",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
    ]);
    const kept = (await table.allItems()).filter((item) => item.entity === "signInRequest");
    expect(kept).toEqual([]);
    expect(JSON.stringify(await table.allItems())).not.toContain(stranger);
  });

  it("drops a request the worker gets to only after a link's 15 minutes (a late redrive), e-mailing nothing", async () => {
    const donor = { name: "Amal", email: unique("amal") };
    await paidGift(stack.url, donor);
    const requestId = `sir_LATE${randomBytes(4).toString("hex")}`;
    const item = {
      ...keys.signInRequest(requestId),
      entity: "signInRequest",
      requestId,
      email: donor.email,
      locale: "en",
      requestedAt: new Date(Date.now() - 16 * 60_000).toISOString(),
    };
    const client = DynamoDBDocumentClient.from(localClient(String(process.env.DYNAMODB_ENDPOINT)));
    const put = (Item: Record<string, unknown>) =>
      client.send(new PutCommand({ TableName: loadConfig().TABLE_NAME, Item }));
    await put(item);
    await stack.drainStreams();
    expect(await signInMailsTo(donor.email)).toHaveLength(0);
    expect((await table.allItems()).filter((row) => row.entity === "signInRequest")).toEqual([]);
    // The same request within the 15 minutes is e-mailed.
    const inTime = `${requestId}N`;
    await put({
      ...item,
      ...keys.signInRequest(inTime),
      requestId: inTime,
      requestedAt: new Date(Date.now() - 14 * 60_000).toISOString(),
    });
    client.destroy();
    await stack.drainStreams();
    expect(await signInMailsTo(donor.email)).toHaveLength(1);
  });

  it("counts the donor's gifts made before they ever signed in as theirs", async () => {
    const donor = { name: "Salem", email: unique("salem") };
    const first = await paidGift(stack.url, donor);
    // Typed differently at the second checkout: the same donor.
    const second = await paidGift(stack.url, { ...donor, email: donor.email.toUpperCase() });
    expect(second.donorId).toBe(first.donorId);
    const cookie = await signIn(stack, donor.email);
    const page = await exportPage(stack.url, cookie);
    expect((page.body.donations as { donationId: string }[]).map((d) => d.donationId).sort()).toEqual(
      [first.donationId, second.donationId].sort(),
    );
  });

  it("refuses an invalid address with 400 in the caller's language", async () => {
    const arabic = await requestLink(stack, "not-an-address", "ar", viewer());
    expect(arabic.status).toBe(400);
    expect(arabic.body.error).toBe("validation_failed");
    expect(arabic.body.details?.[0]).toMatchObject({ field: "email", code: "email_invalid" });
    expect(arabic.body.details?.[0]?.message).toMatch(/[\u0600-\u06FF]/);
  });

  it("redirects a form post back to the account page, whether or not the address gave", async () => {
    const response = await fetch(`${stack.url}/api/auth/link`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...viewer() },
      body: new URLSearchParams({ email: unique("form"), locale: "en" }).toString(),
      redirect: "manual",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/en/account/?sent=1");
  });

  it("limits links per address (429, in the caller's language) and writes nothing when refused", async () => {
    const donor = { name: "Noura", email: unique("noura") };
    await paidGift(stack.url, donor);
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await requestLink(stack, donor.email, "en", viewer())).status).toBe(202);
    }
    const before = await rateLimitItems();
    const refused = await requestLink(stack, donor.email, "en", viewer());
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(refused.body.message).toContain("sign-in links");
    const arabic = await requestLink(stack, donor.email, "ar", viewer());
    expect(arabic.status).toBe(429);
    expect(arabic.body.message).toContain("روابط دخول");
    // Same for an address that never gave: the limit says nothing about donors.
    expect(await rateLimitItems()).toEqual(before);
    expect(await signInMailsTo(donor.email)).toHaveLength(3);
  });

  it("limits links per client address", async () => {
    const from = viewer();
    for (let attempt = 0; attempt < 6; attempt++) {
      expect((await requestLink(stack, unique("ip"), "en", from)).status).toBe(202);
    }
    const before = await rateLimitItems();
    const refused = await requestLink(stack, unique("ip"), "en", from);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe("too_many_attempts");
    expect(await rateLimitItems()).toEqual(before);
  });
});

describe("using a sign-in link", () => {
  it("sets a signed, HttpOnly, SameSite=Lax session cookie (not Secure on http://localhost) and redirects", async () => {
    const donor = { name: "Omar", email: unique("omar") };
    const { donorId } = await paidGift(stack.url, donor);
    await requestLink(stack, donor.email, "en", viewer());
    const response = await callback(stack.url, await latestSignInToken(donor.email));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/en/account/");
    expect(response.headers.get("x-athar-dynamodb-calls")).toBe("2");
    const [setCookie = ""] = response.headers.getSetCookie();
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i);
    const token = cookieOf(response).slice("athar_session=".length);
    const session = await verifyDonorSession(token, await loadSessionKeys(loadConfig()), new Date());
    expect(session).toMatchObject({ donorId, locale: "en", epoch: 0 });
  });

  it("works once: the second use redirects to the expired page without a cookie", async () => {
    const donor = { name: "Reem", email: unique("reem") };
    await paidGift(stack.url, donor);
    await requestLink(stack, donor.email, "ar", viewer());
    const token = await latestSignInToken(donor.email);
    const [first, second] = [await callback(stack.url, token), await callback(stack.url, token)];
    expect(first.headers.getSetCookie()).toHaveLength(1);
    expect(second.status).toBe(303);
    expect(second.headers.get("location")).toBe("/ar/account/?signin=expired");
    expect(second.headers.getSetCookie()).toEqual([]);
  });

  it("refuses a link past its 15 minutes even before the table's TTL has deleted it", async () => {
    const donor = { name: "Khalid", email: unique("khalid") };
    const { donorId } = await paidGift(stack.url, donor);
    const token = randomBytes(32).toString("base64url");
    const client = DynamoDBDocumentClient.from(localClient(process.env.DYNAMODB_ENDPOINT ?? ""));
    await client.send(
      new PutCommand({
        TableName: process.env.TABLE_NAME,
        Item: {
          ...keys.signInLink(hashSignInToken(token)),
          entity: "signInLink",
          donorId,
          locale: "en",
          expiresAt: Math.floor(Date.now() / 1000) - 1,
        },
      }),
    );
    client.destroy();
    const response = await callback(stack.url, token);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/en/account/?signin=expired");
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it("treats an unknown or malformed token as expired, in the negotiated language", async () => {
    for (const token of [randomBytes(32).toString("base64url"), "short", "../../etc"]) {
      const response = await fetch(`${stack.url}/api/auth/callback?token=${encodeURIComponent(token)}`, {
        redirect: "manual",
        headers: { "accept-language": "en-GB,en;q=0.9" },
      });
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/en/account/?signin=expired");
      expect(response.headers.getSetCookie()).toEqual([]);
    }
  });
});
