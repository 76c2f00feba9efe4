/**
 * Erasure on the local stack: a donor with a dedicated gift (a card sent), an adoption recognised by name
 * and issued receipts asks for erasure; the worker removes every personal datum of theirs from the table
 * while ledger entries, receipts' amounts and every total stay as they were.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { describeReceipt } from "../../../contract/receipts/facts.ts";
import type { ReceiptView } from "../../../contract/receipts/view.ts";
import { loadStripeSettings } from "../../../functions/adapters/secrets.ts";
import { createStripeClient } from "../../../functions/adapters/stripe.ts";
import { loadConfig } from "../../../functions/config.ts";
import { adoptionRequest, availabilityOf, startAdoption, TEN_UNITS } from "../../support/adoptions.ts";
import { donationRequest, sessionIdOf, startCheckout } from "../../support/donations.ts";
import {
  exportPage,
  paidGift,
  postWith,
  requestLink,
  sameOrigin,
  signIn,
  signInMailsTo,
} from "../../support/donor-accounts.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import { localStripe } from "../../support/local-stripe.ts";
import { completedEvent, postWebhook, signedDelivery } from "../../support/stripe-events.ts";

const stack = withLocalStack();
const { table } = stack;
const tag = randomBytes(3).toString("hex");

const donor = { name: `Wadha Erasable ${tag}`, email: `wadha.${tag}@example.org`, phone: "+966551239876" };
const honoree = `Honoree Quillon ${tag}`;
const notified = { name: `Notified Brannoch ${tag}`, email: `brannoch.${tag}@example.net` };
const recognitionName = `Recognised Vexmoor ${tag}`;
/** Named in a checkout the donor started and never paid: it has no history row, yet it is theirs. */
const unpaidHonoree = `Unpaid Honoree Zarqa ${tag}`;
const bystander = { name: `Bystander Ostrander ${tag}`, email: `bystander.${tag}@example.org` };
const personalData = [
  donor.name,
  donor.email,
  donor.phone,
  honoree,
  notified.name,
  notified.email,
  recognitionName,
  unpaidHonoree,
];

/** Everything that moves money or counts it: it must not change. */
async function accounts() {
  const items = await table.allItems();
  const ledger = items.filter((item) => item.entity === "ledgerEntry");
  const totals = items.filter((item) => item.pk === "TOTALS").map(({ adopters: _adopters, ...rest }) => rest);
  const { generatedAt: _when, ...stats } = (await fetch(`${stack.url}/api/stats`).then((response) =>
    response.json(),
  )) as Record<string, unknown>;
  return { ledger, totals, stats };
}

async function adoptWithRecognition() {
  const started = await startAdoption(
    stack.url,
    adoptionRequest({ donor, recognition: { consent: true, name: recognitionName } }),
  );
  expect(started.status).toBe(201);
  const donationId = String(started.body.adoptionId);
  const paid = completedEvent(donationId, sessionIdOf(started.body.checkoutUrl), 1500000);
  expect((await postWebhook(stack.url, signedDelivery(paid))).body.outcome).toBe("recorded");
  return donationId;
}

describe("erasure of a donor's personal data", () => {
  it("removes every personal datum of the donor while ledger, receipts' amounts and totals stay", async () => {
    const dedicated = await paidGift(stack.url, donor, {
      amount: { value: 25000, currency: "SAR" },
      dedication: { kind: "memory", name: honoree, notify: notified },
    });
    const adoptionId = await adoptWithRecognition();
    const kept = await paidGift(stack.url, bystander);
    const unpaid = await startCheckout(
      stack.url,
      donationRequest({ donor, dedication: { kind: "honor", name: unpaidHonoree } }),
    );
    expect(unpaid.status).toBe(201);
    await stack.drainStreams();
    const before = await table.allItems();
    for (const datum of personalData) expect(JSON.stringify(before), datum).toContain(datum);
    const recognised = await availabilityOf(stack.url, TEN_UNITS);
    expect(JSON.stringify(recognised.body)).toContain(recognitionName);
    const receipts = [
      ...(await table.receiptsOf(dedicated.donationId)),
      ...(await table.receiptsOf(adoptionId)),
    ] as Record<string, string>[];
    expect(receipts).toHaveLength(2);
    const accountsBefore = await accounts();

    const cookie = await signIn(stack, donor.email);
    const response = await postWith(stack.url, "/api/me/erasure", { cookie, ...sameOrigin });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: "scheduled" });
    expect(response.headers.getSetCookie()[0]).toMatch(/^athar_session=;/);
    // Every session ends at once, before the worker has even run.
    expect((await exportPage(stack.url, cookie)).status).toBe(401);
    await stack.drainStreams();

    const after = await table.allItems();
    const text = JSON.stringify(after).toLowerCase();
    for (const datum of personalData) expect(text, datum).not.toContain(datum.toLowerCase());
    expect(after.filter((item) => item.pk === `DONOR#${dedicated.donorId}`)).toEqual([]);
    // Only the erasure request still names the donor's hashed id: no later charge or refund can link
    // a donation back to them.
    expect(
      after.filter((item) => JSON.stringify(item).includes(dedicated.donorId)).map((item) => item.entity),
    ).toEqual(["erasureRequest"]);
    expect(after.find((item) => item.entity === "erasureRequest")).toMatchObject({
      donorId: dedicated.donorId,
      status: "done",
    });
    expect(after.find((item) => item.entity === "erasureRequest")?.gsi1pk).toBeUndefined();
    // The bystander's data is theirs to keep.
    expect(JSON.stringify(after)).toContain(bystander.email);
    expect((await table.donation(kept.donationId))?.donor).toMatchObject(bystander);

    // Amounts and dates as accounting requires; the donation is still there, nameless.
    expect(await accounts()).toEqual(accountsBefore);
    expect(await table.donation(dedicated.donationId)).toMatchObject({
      amount: { value: 25000, currency: "SAR" },
      paid: 25000,
      donor: { name: "", email: "" },
      dedication: { kind: "memory", name: "" },
    });
    // The adopter stays counted in the recognition list, without a name.
    const unrecognised = await availabilityOf(stack.url, TEN_UNITS);
    expect(JSON.stringify(unrecognised.body)).not.toContain(recognitionName);
    expect(unrecognised.body.adopted).toBe(recognised.body.adopted);

    // The printable receipt still opens, with a neutral label in place of the name.
    for (const receipt of receipts) {
      const page = await fetch(`${stack.url}/api/receipts/${receipt.receiptNumber}?k=${receipt.accessToken}`);
      expect(page.status).toBe(200);
      const view = (await page.json()) as ReceiptView;
      expect(view.receipt.amount).toEqual(receipt.amount);
      const donorFact = (locale: "ar" | "en") =>
        describeReceipt(view.receipt, view.council, { locale }).facts.find((fact) => fact.key === "donor");
      expect(donorFact("en")?.value).toBe("Erased at the donor's request");
      expect(donorFact("ar")?.value).toBe("محذوف بطلب المتبرع");
    }

    // The address no longer has an account: asking for a link sends nothing.
    const mailsBefore = (await signInMailsTo(donor.email)).length;
    expect((await requestLink(stack, donor.email)).status).toBe(202);
    expect(await signInMailsTo(donor.email)).toHaveLength(mailsBefore);
  });

  it("is idempotent: the catch-up schedule running again changes nothing", async () => {
    const late = { name: `Late Eraser ${tag}`, email: `late.${tag}@example.org` };
    const gift = await paidGift(stack.url, late);
    await stack.drainStreams();
    const cookie = await signIn(stack, late.email);
    expect((await postWith(stack.url, "/api/me/erasure", { cookie, ...sameOrigin })).status).toBe(202);
    await stack.runScheduled("erasure");
    await stack.drainStreams();
    const once = await table.allItems();
    await stack.runScheduled("erasure");
    expect(await table.allItems()).toEqual(once);
    expect(JSON.stringify(once)).not.toContain(late.email);
    expect(once.filter((item) => item.pk === `DONOR#${gift.donorId}`)).toEqual([]);
  });

  it("stops a monthly gift still running, as the payment provider sees it", async () => {
    const monthly = { name: `Monthly Eraser ${tag}`, email: `monthly.${tag}@example.org` };
    const started = await startCheckout(
      stack.url,
      donationRequest({ donor: monthly, interval: "month", amount: { value: 5000, currency: "SAR" } }),
    );
    const donationId = String(started.body.donationId);
    await localStripe(stack.url, "pay", donationId);
    const subscriptionId = String((await table.donation(donationId))?.subscriptionId);
    expect(subscriptionId).toMatch(/^sub_/);
    expect((await table.donation(donationId))?.canceledAt).toBeUndefined();

    const cookie = await signIn(stack, monthly.email);
    expect((await postWith(stack.url, "/api/me/erasure", { cookie, ...sameOrigin })).status).toBe(202);
    await stack.drainStreams();

    // Stripe's own record, and its customer.subscription.deleted event back through the webhook.
    const stripe = createStripeClient(await loadStripeSettings(loadConfig()));
    expect((await stripe.subscriptions.retrieve(subscriptionId)).status).toBe("canceled");
    const donation = await table.donation(donationId);
    expect(donation?.canceledAt).toEqual(expect.any(String));
    expect(donation?.donor).toEqual({ name: "", email: "" });
  });
});
