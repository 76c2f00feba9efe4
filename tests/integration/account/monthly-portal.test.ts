import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import type { DashboardView } from "../../../contract/views/account.ts";
import { createDocumentClient } from "../../../functions/adapters/dynamodb.ts";
import { keys } from "../../../functions/table/keys.ts";
import { HOSTED_PORTAL_PATH } from "../../../local/stripe/billing-portal.ts";
import { donationRequest, sessionIdOf, startCheckout } from "../../support/donations.ts";
import { donorOfEmail, getAsDonor, sessionCookieFor } from "../../support/donor-sessions.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import { localStripe } from "../../support/local-stripe.ts";
import { pendingDonation } from "../../support/stripe-events.ts";

const stack = withLocalStack();
const FATIMAH = donorOfEmail("fatimah@example.com");

/** A monthly gift paid through the emulator's checkout, by the test donor unless another e-mail is given. */
async function paidMonthlyGift(email = "fatimah@example.com") {
  const started = await startCheckout(
    stack.url,
    donationRequest({
      amount: { value: 5000, currency: "SAR" },
      interval: "month",
      donor: { name: "Donor", email },
    }),
  );
  expect(started.status).toBe(201);
  const donationId = String(started.body.donationId);
  expect(sessionIdOf(started.body.checkoutUrl)).toMatch(/^cs_/);
  await localStripe(stack.url, "pay", donationId);
  return donationId;
}

async function manage(
  donationId: string,
  options: { cookie?: string; site?: string; form?: boolean } = {},
): Promise<Response> {
  return fetch(`${stack.url}/api/me/monthly/${donationId}/manage`, {
    method: "POST",
    redirect: "manual",
    headers: {
      ...(options.cookie ? { cookie: options.cookie } : {}),
      "sec-fetch-site": options.site ?? "same-origin",
      "content-type": options.form ? "application/x-www-form-urlencoded" : "application/json",
    },
    body: options.form ? "" : "{}",
  });
}

describe("POST /api/me/monthly/{donationId}/manage", () => {
  it("opens the local customer portal for the donor's own monthly gift, in the session's language", async () => {
    const donationId = await paidMonthlyGift();
    const response = await manage(donationId, { cookie: await sessionCookieFor(FATIMAH, { locale: "en" }) });
    expect(response.status).toBe(200);
    // The donation and the profile's session epoch, read in parallel.
    expect(response.headers.get("x-athar-dynamodb-calls")).toBe("2");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const { url } = (await response.json()) as { url: string };
    expect(url).toContain(`${HOSTED_PORTAL_PATH}bps_local`);

    const page = await (await fetch(url)).text();
    const donation = await stack.table.donation(donationId);
    expect(page).toContain(`data-subscription="${donation?.subscriptionId}"`);
    expect(page).toContain('lang="en" dir="ltr"');
    expect(page).toMatch(/href="http:\/\/[^"]+\/en\/account\/"/);
  });

  it("sends a form posted without JavaScript straight to the portal", async () => {
    const donationId = await paidMonthlyGift();
    const response = await manage(donationId, { cookie: await sessionCookieFor(FATIMAH), form: true });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toContain(`${HOSTED_PORTAL_PATH}bps_local`);
  });

  it("cancels at the period's end from the portal: the gift charges no more and the webhook records its end", async () => {
    const donationId = await paidMonthlyGift();
    const cookie = await sessionCookieFor(FATIMAH);
    const { url } = (await (await manage(donationId, { cookie })).json()) as { url: string };
    const subscriptionId = String((await stack.table.donation(donationId))?.subscriptionId);
    const cancel = await fetch(url, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ subscription: subscriptionId, action: "cancel" }).toString(),
    });
    expect(cancel.status).toBe(303);
    expect(await (await fetch(url)).text()).toContain("ينتهي في");
    expect((await stack.table.donation(donationId))?.canceledAt).toBeUndefined();
    // The webhook recorded customer.subscription.updated: the account shows the gift as ending.
    const dashboard = (await getAsDonor(stack.url, "/api/me/dashboard", cookie))
      .body as unknown as DashboardView;
    expect(dashboard.monthly.find((gift) => gift.donationId === donationId)?.status).toBe("ending");

    // The period runs out: Stripe ends the subscription instead of charging, and says so.
    const { types } = await localStripe(stack.url, "renew", donationId);
    expect(types).toEqual(["customer.subscription.deleted"]);
    const donation = await stack.table.donation(donationId);
    expect(donation?.canceledAt).toEqual(expect.any(String));
    expect(donation?.payments).toBe(1);
  });

  it("answers 404 for another donor's gift, a one-time gift and an unknown id, all alike", async () => {
    const monthly = await paidMonthlyGift();
    const once = await pendingDonation(stack.url, 5000, "once");
    await localStripe(stack.url, "pay", once.donationId);
    await paidMonthlyGift("someone.else@example.com");
    const someoneElse = await sessionCookieFor(donorOfEmail("someone.else@example.com"));
    const fatimah = await sessionCookieFor(FATIMAH);
    for (const [donationId, cookie] of [
      [monthly, someoneElse],
      [once.donationId, fatimah],
      ["don_01JDOESNOTEXIST000000000", fatimah],
    ] as const) {
      const response = await manage(donationId, { cookie });
      expect(response.status, donationId).toBe(404);
      const body = (await response.json()) as { error: string; message: string };
      expect(body.error).toBe("donation_not_found");
      expect(body.message).toBe("لم نجد هذا التبرع الشهري في حسابك.");
    }
  });

  it("asks to sign in without a session, or with one ended by a later sign-out", async () => {
    const email = "ended.session@example.com";
    const donor = donorOfEmail(email);
    const donationId = await paidMonthlyGift(email);
    const missing = await manage(donationId);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: string }).error).toBe("signin_required");
    // What signing out everywhere does to the profile ("auth" owns that route).
    const client = createDocumentClient({ region: "me-central-1", endpoint: process.env.DYNAMODB_ENDPOINT });
    await client.send(
      new UpdateCommand({
        TableName: process.env.TABLE_NAME,
        Key: keys.donorProfile(donor),
        UpdateExpression: "SET sessionEpoch = :epoch",
        ExpressionAttributeValues: { ":epoch": 3 },
      }),
    );
    client.destroy();
    const ended = await manage(donationId, { cookie: await sessionCookieFor(donor, { epoch: 2 }) });
    expect(ended.status).toBe(401);
    const current = await manage(donationId, { cookie: await sessionCookieFor(donor, { epoch: 3 }) });
    expect(current.status).toBe(200);
  });

  it("refuses a cross-site request before anything else", async () => {
    const donationId = await paidMonthlyGift();
    const cookie = await sessionCookieFor(FATIMAH);
    const response = await manage(donationId, { cookie, site: "cross-site" });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toBe("cross_site_request");
    expect(response.headers.get("x-athar-dynamodb-calls")).toBe("0");
  });
});
