/**
 * The donor's partition as the webhook and the receipt worker write it: the donor's id on the donation,
 * the profile's counters, one history row per movement with its receipt once numbered, and nothing for a
 * donation made before donor accounts existed.
 */
import { describe, expect, it } from "vitest";
import { createDocumentClient } from "../../../functions/adapters/dynamodb.ts";
import { LOCAL_DONOR_ID_KEY } from "../../../functions/config.ts";
import { donorIdOf } from "../../../functions/domain/donations/donor-identity.ts";
import { createDonationStore } from "../../../functions/table/donations/donation-store.ts";
import { keys } from "../../../functions/table/keys.ts";
import { adoptionRequest, MONTHLY_ORPHANS, startAdoption } from "../../support/adoptions.ts";
import { donationRequest, INITIATIVE_ID, sessionIdOf, startCheckout } from "../../support/donations.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import { localStripe } from "../../support/local-stripe.ts";
import { completedEvent, postWebhook, signedDelivery } from "../../support/stripe-events.ts";

const stack = withLocalStack();
const { table } = stack;

async function paidGift(email: string, value: number) {
  const started = await startCheckout(
    stack.url,
    donationRequest({ amount: { value, currency: "SAR" }, donor: { name: "Maryam", email } }),
  );
  expect(started.status).toBe(201);
  const donationId = String(started.body.donationId);
  const paid = await postWebhook(
    stack.url,
    signedDelivery(completedEvent(donationId, sessionIdOf(started.body.checkoutUrl), value)),
  );
  expect(paid.body.outcome).toBe("recorded");
  return donationId;
}

describe("the donor's rows, written with the ledger", () => {
  it("keys the donation to the donor's e-mail and moves their profile and history with every payment", async () => {
    const donorId = donorIdOf("maryam@example.com", LOCAL_DONOR_ID_KEY);
    const first = await paidGift("Maryam@Example.com", 10_000);
    const second = await paidGift("maryam@example.com", 2_500);

    expect(await table.donation(first)).toMatchObject({ donorId });
    expect(await table.donation(second)).toMatchObject({ donorId });
    const profile = await table.row(keys.donorProfile(donorId));
    expect(profile).toMatchObject({
      entity: "donorProfile",
      donorId,
      name: "Maryam",
      locale: "ar",
      "c#all#-#SAR": 12_500,
      "n#all#-#SAR": 2,
      "c#des#general#SAR": 12_500,
      [`c#ini#${INITIATIVE_ID}#SAR`]: 12_500,
    });
    expect(profile?.sessionEpoch).toBeUndefined();

    await stack.drainStreams();
    const [receipt] = await table.receiptsOf(first);
    const [entry] = await table.ledgerEntries(first);
    const gift = await table.row(
      keys.donorGift(donorId, String(entry?.at), first, `payment#${String(entry?.ref)}`),
    );
    expect(gift).toMatchObject({
      entity: "donorGift",
      donationId: first,
      kind: "payment",
      amount: { value: 10_000, currency: "SAR" },
      signedAmount: 10_000,
      fund: "initiative",
      initiativeId: INITIATIVE_ID,
      receipt: { number: receipt?.receiptNumber, accessToken: receipt?.accessToken },
    });
  });

  it("lists a paid monthly sponsorship among the donor's monthly gifts, once however many months are paid", async () => {
    const email = "sponsor@example.com";
    const started = await startAdoption(
      stack.url,
      adoptionRequest({
        initiativeId: MONTHLY_ORPHANS,
        interval: "month",
        designation: "zakat",
        donor: { name: "Sponsor", email },
      }),
    );
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const donationId = String(started.body.adoptionId);
    await localStripe(stack.url, "pay", donationId);
    await localStripe(stack.url, "renew", donationId);
    const donorId = donorIdOf(email, LOCAL_DONOR_ID_KEY);
    const monthly = (await table.allItems()).filter(
      (item) => item.pk === keys.donorProfile(donorId).pk && item.entity === "donorMonthly",
    );
    expect(monthly).toEqual([
      expect.objectContaining({
        sk: keys.donorMonthly(donorId, donationId).sk,
        donationId,
        kind: "adoption",
        initiativeId: MONTHLY_ORPHANS,
        designation: "zakat",
        units: 1,
        startedAt: (await table.donation(donationId))?.createdAt,
      }),
    ]);
    expect(await table.row(keys.donorProfile(donorId))).toMatchObject({
      [`n#ini#${MONTHLY_ORPHANS}#SAR`]: 2,
    });
  });

  it("writes no donor rows for a donation made before donor accounts (no donorId)", async () => {
    const client = createDocumentClient({ region: "me-central-1", endpoint: process.env.DYNAMODB_ENDPOINT });
    const store = createDonationStore(client, String(process.env.TABLE_NAME));
    const intent = {
      donationId: "don_BEFOREACCOUNTS",
      fund: { kind: "general" as const },
      amount: { value: 3_000, currency: "SAR" },
      interval: "once" as const,
      designation: "sadaqah" as const,
      anonymous: false,
      donor: { name: "Old", email: "old@example.com" },
      locale: "en" as const,
      checkoutSessionId: "cs_test_BEFOREACCOUNTS",
      createdAt: "2026-01-05T10:00:00.000Z",
    };
    await store.createPendingDonation(intent);
    const paid = await postWebhook(
      stack.url,
      signedDelivery(completedEvent(intent.donationId, intent.checkoutSessionId, 3_000)),
    );
    expect(paid.body.outcome).toBe("recorded");
    await stack.drainStreams();
    expect(await table.receiptsOf(intent.donationId)).toHaveLength(1);
    const donors = (await table.allItems()).filter((item) => String(item.pk).startsWith("DONOR#"));
    expect(donors.map((item) => item.sk).filter((sk) => String(sk).includes(intent.donationId))).toEqual([]);
    expect(
      donors.some(
        (item) => item.pk === keys.donorProfile(donorIdOf(intent.donor.email, LOCAL_DONOR_ID_KEY)).pk,
      ),
    ).toBe(false);
    client.destroy();
  });
});
