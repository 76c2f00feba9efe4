import { describe, expect, it } from "vitest";
import { INITIATIVE_ID } from "../support/donations.ts";
import { withLocalStack } from "../support/local-stack.ts";
import {
  buildEvent,
  completedEvent,
  expiredEvent,
  pendingDonation,
  postWebhook,
  signedDelivery,
} from "../support/stripe-events.ts";

const stack = withLocalStack();
const { table } = stack;

describe("POST /api/stripe/webhook", () => {
  it("records a validly signed checkout.session.completed once, with its ledger entry and totals", async () => {
    const before = (await table.totals(INITIATIVE_ID, "SAR"))?.raised ?? 0;
    const { donationId, sessionId } = await pendingDonation(stack.url, 25000);
    const response = await postWebhook(
      stack.url,
      signedDelivery(completedEvent(donationId, sessionId, 25000)),
    );

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ received: true, outcome: "recorded" });
    expect(Number(response.headers.get("x-athar-dynamodb-calls"))).toBeLessThanOrEqual(2);
    const donation = await table.donation(donationId);
    expect(donation).toMatchObject({ status: "paid", amountReceived: { value: 25000, currency: "SAR" } });
    const ledger = await table.ledgerEntries(donationId);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({
      kind: "donation",
      amount: { value: 25000, currency: "SAR" },
      designation: "general",
    });
    expect((await table.totals(INITIATIVE_ID, "SAR"))?.raised).toBe(before + 25000);

    const status = await fetch(`${stack.url}/api/checkout/${sessionId}`).then((r) => r.json());
    expect(status).toMatchObject({ status: "paid", amount: { value: 25000, currency: "SAR" } });
  });

  it("keeps one donation when the same event is delivered three times", async () => {
    const { donationId, sessionId } = await pendingDonation(stack.url, 12000);
    const delivery = signedDelivery(completedEvent(donationId, sessionId, 12000));
    const before = await table.totals(INITIATIVE_ID, "SAR");
    const outcomes = [];
    for (let i = 0; i < 3; i += 1) outcomes.push((await postWebhook(stack.url, delivery)).body.outcome);

    expect(outcomes).toEqual(["recorded", "duplicate", "duplicate"]);
    expect(await table.ledgerEntries(donationId)).toHaveLength(1);
    const after = await table.totals(INITIATIVE_ID, "SAR");
    expect(after?.raised).toBe((before?.raised ?? 0) + 12000);
    expect(after?.donations).toBe((before?.donations ?? 0) + 1);
  });

  it("keeps one donation when concurrent deliveries of different events race for the same session", async () => {
    const { donationId, sessionId } = await pendingDonation(stack.url, 7000);
    const deliveries = [1, 2, 3].map(() => signedDelivery(completedEvent(donationId, sessionId, 7000)));
    const results = await Promise.all(deliveries.map((delivery) => postWebhook(stack.url, delivery)));

    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results.filter((r) => r.body.outcome === "recorded")).toHaveLength(1);
    expect(await table.ledgerEntries(donationId)).toHaveLength(1);
  });

  it("ends paid whichever order the expiry and completion events arrive in", async () => {
    for (const order of [
      ["expired", "completed"],
      ["completed", "expired"],
    ]) {
      const { donationId, sessionId } = await pendingDonation(stack.url, 9000);
      const expired = expiredEvent(donationId, sessionId);
      const events = { expired, completed: completedEvent(donationId, sessionId, 9000) };
      for (const name of order)
        await postWebhook(stack.url, signedDelivery(events[name as keyof typeof events]));
      expect((await table.donation(donationId))?.status, order.join(" then ")).toBe("paid");
      expect(await table.ledgerEntries(donationId)).toHaveLength(1);
    }
  });

  it("marks an abandoned checkout expired without touching the ledger", async () => {
    const { donationId, sessionId } = await pendingDonation(stack.url);
    const expired = expiredEvent(donationId, sessionId);
    const response = await postWebhook(stack.url, signedDelivery(expired));
    expect(response.body.outcome).toBe("recorded");
    expect((await table.donation(donationId))?.status).toBe("expired");
    expect(await table.ledgerEntries(donationId)).toHaveLength(0);
  });

  describe("refuses with 400 and writes nothing", () => {
    const cases = {
      "a missing signature": (body: string) => ({ body }),
      "a signature made with another secret": (body: string, event: unknown) => ({
        body,
        signature: signedDelivery(event as never, { secret: "whsec_someone_else" }).signature,
      }),
      "a signature older than 300 seconds": (body: string, event: unknown) => ({
        body,
        signature: signedDelivery(event as never, { timestamp: Math.floor(Date.now() / 1000) - 301 })
          .signature,
      }),
      "a body changed after signing": (_body: string, event: unknown) => {
        const delivery = signedDelivery(event as never);
        return {
          body: delivery.body.replace('"amount_total":10000', '"amount_total":99999'),
          signature: delivery.signature,
        };
      },
    };
    for (const [name, makeDelivery] of Object.entries(cases)) {
      it(name, async () => {
        const { donationId, sessionId } = await pendingDonation(stack.url);
        const event = completedEvent(donationId, sessionId);
        const itemsBefore = (await table.allItems()).length;
        const response = await postWebhook(stack.url, makeDelivery(JSON.stringify(event), event));

        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ error: "invalid_signature" });
        expect(typeof response.body.message).toBe("string");
        expect((await table.donation(donationId))?.status).toBe("pending");
        expect((await table.allItems()).length).toBe(itemsBefore);
      });
    }
  });

  it("acknowledges events it does not handle and events for donations it does not know", async () => {
    const other = await postWebhook(
      stack.url,
      signedDelivery(buildEvent("customer.created", { id: "cus_1" })),
    );
    expect(other).toMatchObject({ status: 200, body: { received: true, outcome: "ignored" } });
    const itemsBefore = (await table.allItems()).length;
    const stranger = await postWebhook(
      stack.url,
      signedDelivery(completedEvent("don_unknown", "cs_test_stranger")),
    );
    expect(stranger).toMatchObject({ status: 200, body: { outcome: "unknown_donation" } });
    expect((await table.allItems()).length).toBe(itemsBefore);
  });
});

describe("webhook bodies that API Gateway base64-encodes", () => {
  it("verifies the signature on the decoded bytes and records the payment", async () => {
    const { donationId, sessionId } = await pendingDonation(stack.url, 5500);
    const delivery = signedDelivery(completedEvent(donationId, sessionId, 5500));
    // A non-text content type makes the gateway (and our local adapter) pass the body base64-encoded.
    const response = await fetch(`${stack.url}/api/stripe/webhook`, {
      method: "POST",
      headers: { "content-type": "application/octet-stream", "stripe-signature": delivery.signature },
      body: delivery.body,
    });
    expect(response.status).toBe(200);
    expect((await table.donation(donationId))?.status).toBe("paid");
  });
});
