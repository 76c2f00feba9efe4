/**
 * A donor reads only their own data: without a valid, live session nothing is read, and no parameter of
 * the request (another donor's id, another donor's cursor) reaches anyone else's partition.
 */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import type { DashboardView, HistoryPage } from "../../../contract/views/account.ts";
import { createDocumentClient } from "../../../functions/adapters/dynamodb.ts";
import { SESSION_TTL_SECONDS } from "../../../functions/auth/session.ts";
import { keys } from "../../../functions/table/keys.ts";
import { payOnce } from "../../support/account-gifts.ts";
import { donorOfEmail, getAsDonor, sessionCookieFor } from "../../support/donor-sessions.ts";
import { withLocalStack } from "../../support/local-stack.ts";

const stack = withLocalStack();
const ALICE = "alice@example.com";
const BASMA = "basma@example.com";
const ROUTES = ["/api/me/dashboard", "/api/me/donations", "/api/me/statement?calendar=gregorian&year=2026"];

beforeAll(async () => {
  for (let index = 0; index < 3; index += 1) {
    const at = `2026-0${index + 2}-01T09:00:00Z`;
    await payOnce(stack.url, { email: ALICE, value: 1_000, currency: "SAR", designation: "sadaqah", at });
    await payOnce(stack.url, {
      email: BASMA,
      name: "Basma",
      value: 9_000,
      currency: "SAR",
      designation: "zakat",
      at,
    });
  }
});

const expectSignInRequired = async (cookie: string | undefined, why: string) => {
  for (const route of ROUTES) {
    const response = await getAsDonor(stack.url, route, cookie);
    expect(response.status, `${why}: ${route}`).toBe(401);
    expect(response.body).toMatchObject({ error: "signin_required" });
  }
};

describe("the account routes without a valid session", () => {
  it("answer 401 without a cookie, with a tampered one, an expired one, or one signed with another key", async () => {
    await expectSignInRequired(undefined, "no cookie");
    const valid = await sessionCookieFor(donorOfEmail(ALICE));
    const [name, token = ""] = valid.split("=");
    const [header, claims, signature = ""] = token.split(".");
    // Claims rewritten to name Basma, with Alice's signature.
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(String(claims), "base64url").toString()),
        sub: donorOfEmail(BASMA),
      }),
    ).toString("base64url");
    await expectSignInRequired(`${name}=${header}.${forged}.${signature}`, "tampered claims");
    const flipped = `${signature.slice(0, -2)}${signature.at(-2) === "A" ? "B" : "A"}${signature.at(-1)}`;
    await expectSignInRequired(`${name}=${header}.${claims}.${flipped}`, "tampered signature");
    const longAgo = new Date(Date.now() - (SESSION_TTL_SECONDS + 60) * 1000);
    await expectSignInRequired(await sessionCookieFor(donorOfEmail(ALICE), { now: longAgo }), "expired");
    const otherKeys = [{ kid: "other", secret: "a_completely_different_secret_of_enough_length" }];
    await expectSignInRequired(await sessionCookieFor(donorOfEmail(ALICE), { keys: otherKeys }), "other key");
  });

  it("answer 401 for a session signed before the donor's sessions were ended, 200 for a later one", async () => {
    const email = "ended@example.com";
    await payOnce(stack.url, {
      email,
      value: 2_000,
      currency: "SAR",
      designation: "sadaqah",
      at: "2026-03-01T09:00:00Z",
    });
    const client = createDocumentClient({ region: "me-central-1", endpoint: process.env.DYNAMODB_ENDPOINT });
    // What signing out everywhere does to the profile ("auth" owns that route).
    await client.send(
      new UpdateCommand({
        TableName: process.env.TABLE_NAME,
        Key: keys.donorProfile(donorOfEmail(email)),
        UpdateExpression: "SET sessionEpoch = :epoch",
        ExpressionAttributeValues: { ":epoch": 2 },
      }),
    );
    client.destroy();
    await expectSignInRequired(await sessionCookieFor(donorOfEmail(email), { epoch: 1 }), "ended session");
    for (const route of ROUTES) {
      const response = await getAsDonor(
        stack.url,
        route,
        await sessionCookieFor(donorOfEmail(email), { epoch: 2 }),
      );
      expect(response.status, route).toBe(200);
    }
  });
});

describe("a signed-in donor", () => {
  it("sees only their own data, whatever id the query names", async () => {
    const cookie = await sessionCookieFor(donorOfEmail(ALICE));
    const basma = donorOfEmail(BASMA);
    for (const query of ["", `?donorId=${basma}`, `?donor=${basma}&id=${basma}&pk=DONOR%23${basma}`]) {
      const dashboard = await getAsDonor(stack.url, `/api/me/dashboard${query}`, cookie);
      expect((dashboard.body as unknown as DashboardView).totals.allTime, query).toEqual([
        { currency: "SAR", amount: 3_000, payments: 3 },
      ]);
      const history = await getAsDonor(stack.url, `/api/me/donations${query}`, cookie);
      const amounts = (history.body as unknown as HistoryPage).items.map((item) => item.amount.value);
      expect(amounts, query).toEqual([1_000, 1_000, 1_000]);
    }
  });

  it("cannot page with another donor's cursor, nor with a mangled one (400 on cursor)", async () => {
    const basmaPage = await getAsDonor(
      stack.url,
      "/api/me/donations?limit=1",
      await sessionCookieFor(donorOfEmail(BASMA)),
    );
    const basmaCursor = String((basmaPage.body as unknown as HistoryPage).cursor);
    expect(basmaCursor.length).toBeGreaterThan(0);
    const alice = await sessionCookieFor(donorOfEmail(ALICE));
    for (const cursor of [basmaCursor, "not-a-cursor", Buffer.from('{"d":1}').toString("base64url")]) {
      const response = await getAsDonor(
        stack.url,
        `/api/me/donations?cursor=${encodeURIComponent(cursor)}`,
        alice,
      );
      expect(response.status, cursor).toBe(400);
      expect(response.body).toMatchObject({ error: "validation_failed", details: [{ field: "cursor" }] });
    }
  });
});
