import { describe, expect, it } from "vitest";
import { keys } from "../../../functions/table/keys.ts";
import { INITIATIVE_ID } from "../../support/donations.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import {
  buildEvent,
  chargeObject,
  completedEvent,
  expiredEvent,
  pendingDonation,
  postWebhook,
  refundObject,
  signedDelivery,
  signRaw,
} from "../../support/stripe-events.ts";

const stack = withLocalStack();
const { table } = stack;

const statusOf = async (sessionId: string) =>
  (await fetch(`${stack.url}/api/checkout/${sessionId}`).then((r) => r.json())) as Record<string, unknown>;

const raised = async (key: { pk: string; sk: string }) => Number((await table.row(key))?.raised ?? 0);

describe("POST /api/stripe/webhook", () => {
  it("records a validly signed checkout.session.completed once: ledger entry, totals and a receipt", async () => {
    const totals = [
      keys.initiativeTotals(INITIATIVE_ID, "SAR"),
      keys.designationTotals("general", "SAR"),
      keys.currencyTotals("SAR"),
    ];
    const before = await Promise.all(totals.map(raised));
    const { donationId, sessionId } = await pendingDonation(stack.url, 25000);
    const response = await postWebhook(
      stack.url,
      signedDelivery(completedEvent(donationId, sessionId, 25000)),
    );

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ received: true, outcome: "recorded" });
    expect(Number(response.headers.get("x-athar-dynamodb-calls"))).toBe(2);
    expect(await table.donation(donationId)).toMatchObject({ paid: 25000, payments: 1, refunded: 0 });
    const ledger = await table.ledgerEntries(donationId);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({
      kind: "payment",
      amount: { value: 25000, currency: "SAR" },
      signedAmount: 25000,
      designation: "general",
      initiativeId: INITIATIVE_ID,
    });
    expect(await Promise.all(totals.map(raised))).toEqual(before.map((value) => value + 25000));
    expect(await statusOf(sessionId)).toMatchObject({
      status: "paid",
      amount: { value: 25000, currency: "SAR" },
    });

    await stack.drainStreams();
    const [receipt] = await table.receiptsOf(donationId);
    expect(receipt).toMatchObject({
      donationId,
      amount: { value: 25000, currency: "SAR" },
      designation: "general",
      fund: { kind: "initiative", initiativeId: INITIATIVE_ID },
      receiptNumber: expect.stringMatching(/^\d{4}-\d{6}$/),
    });
  });

  it("keeps one payment when the same event is delivered three times", async () => {
    const { donationId, sessionId } = await pendingDonation(stack.url, 12000);
    const delivery = signedDelivery(completedEvent(donationId, sessionId, 12000));
    const before = await table.totals(INITIATIVE_ID, "SAR");
    const responses = [];
    for (let i = 0; i < 3; i += 1) responses.push(await postWebhook(stack.url, delivery));

    expect(responses.map((response) => response.body.outcome)).toEqual([
      "recorded",
      "duplicate",
      "duplicate",
    ]);
    // A duplicate costs the read and the transaction that finds its movement recorded.
    expect(responses.map((response) => Number(response.headers.get("x-athar-dynamodb-calls")))).toEqual([
      2, 2, 2,
    ]);
    expect(await table.ledgerEntries(donationId)).toHaveLength(1);
    const after = await table.totals(INITIATIVE_ID, "SAR");
    expect(after?.raised).toBe((before?.raised ?? 0) + 12000);
    expect(after?.donations).toBe((before?.donations ?? 0) + 1);
    await stack.drainStreams();
    expect(await table.receiptsOf(donationId)).toHaveLength(1);
  });

  it("keeps one payment when concurrent deliveries of different events report the same payment", async () => {
    const { donationId, sessionId } = await pendingDonation(stack.url, 7000);
    const deliveries = [1, 2, 3].map(() => signedDelivery(completedEvent(donationId, sessionId, 7000)));
    const results = await Promise.all(deliveries.map((delivery) => postWebhook(stack.url, delivery)));

    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results.filter((r) => r.body.outcome === "recorded")).toHaveLength(1);
    expect(await table.ledgerEntries(donationId)).toHaveLength(1);
    expect(await table.donation(donationId)).toMatchObject({ paid: 7000, payments: 1 });
  });

  it("ends paid whichever order the expiry and completion events arrive in", async () => {
    for (const order of [
      ["expired", "completed"],
      ["completed", "expired"],
    ]) {
      const { donationId, sessionId } = await pendingDonation(stack.url, 9000);
      const events = {
        expired: expiredEvent(donationId, sessionId),
        completed: completedEvent(donationId, sessionId, 9000),
      };
      for (const name of order)
        await postWebhook(stack.url, signedDelivery(events[name as keyof typeof events]));
      expect((await statusOf(sessionId)).status, order.join(" then ")).toBe("paid");
      expect(await table.ledgerEntries(donationId)).toHaveLength(1);
    }
  });

  it("marks an abandoned checkout expired without touching the ledger", async () => {
    const { donationId, sessionId } = await pendingDonation(stack.url);
    const expired = signedDelivery(expiredEvent(donationId, sessionId));
    expect((await postWebhook(stack.url, expired)).body.outcome).toBe("recorded");
    expect((await postWebhook(stack.url, expired)).body.outcome).toBe("duplicate");
    expect((await statusOf(sessionId)).status).toBe("expired");
    expect(await table.ledgerEntries(donationId)).toHaveLength(0);
  });

  it("records refunds as new ledger entries that reduce the totals, once each, and ends refunded", async () => {
    const { donationId, sessionId } = await pendingDonation(stack.url, 20000);
    const paymentIntent = `pi_test_${donationId.slice(-10)}`;
    await postWebhook(stack.url, signedDelivery(completedEvent(donationId, sessionId, 20000)));
    const before = await raised(keys.designationTotals("general", "SAR"));
    const first = refundObject({ id: `re_a${donationId.slice(-8)}`, charge: "ch_x", amount: 5000 });
    const second = refundObject({ id: `re_b${donationId.slice(-8)}`, charge: "ch_x", amount: 15000 });
    const charge = (refunds: ReturnType<typeof refundObject>[]) => {
      const object = chargeObject({ id: "ch_x", paymentIntent, donationId, amount: 20000 });
      return buildEvent("charge.refunded", {
        ...object,
        amount_refunded: refunds.reduce((sum, refund) => sum + refund.amount, 0),
        refunds: { object: "list", data: refunds, has_more: false, url: "/v1/refunds" },
      });
    };
    const partial = charge([first]);
    const full = charge([first, second]);
    // The later event (listing both refunds) first, then the earlier one, then the later one again.
    const outcomes = [];
    for (const event of [full, partial, full])
      outcomes.push((await postWebhook(stack.url, signedDelivery(event))).body.outcome);

    expect(outcomes).toEqual(["recorded", "duplicate", "duplicate"]);
    const ledger = await table.ledgerEntries(donationId);
    expect(ledger.map((entry) => [entry.kind, entry.signedAmount]).sort()).toEqual([
      ["payment", 20000],
      ["refund", -15000],
      ["refund", -5000],
    ]);
    expect(await raised(keys.designationTotals("general", "SAR"))).toBe(before - 20000);
    expect((await statusOf(sessionId)).status).toBe("refunded");
  });

  describe("refuses with 400 and writes nothing", () => {
    const cases = {
      "a missing signature": (body: string) => ({ body }),
      "a signature made with another secret": (body: string) => ({
        body,
        signature: signRaw(body, "whsec_someone_else"),
      }),
      "a signature older than 300 seconds": (body: string) => ({
        body,
        signature: signRaw(body, undefined, Math.floor(Date.now() / 1000) - 301),
      }),
      "a body changed after signing": (body: string) => ({
        body: body.replace('"amount_total":10000', '"amount_total":99999'),
        signature: signRaw(body),
      }),
    };
    for (const [name, makeDelivery] of Object.entries(cases)) {
      it(name, async () => {
        const { donationId, sessionId } = await pendingDonation(stack.url);
        const event = completedEvent(donationId, sessionId);
        const itemsBefore = (await table.allItems()).length;
        const response = await postWebhook(stack.url, makeDelivery(JSON.stringify(event)));

        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ error: "invalid_signature" });
        expect(typeof response.body.message).toBe("string");
        expect((await statusOf(sessionId)).status).toBe("pending");
        expect((await table.allItems()).length).toBe(itemsBefore);
      });
    }

    it("a correctly signed body that is not JSON, or an event without its amount", async () => {
      const { donationId, sessionId } = await pendingDonation(stack.url);
      const itemsBefore = (await table.allItems()).length;
      const garbage = await postWebhook(stack.url, { body: "{oops", signature: signRaw("{oops") });
      const event = completedEvent(donationId, sessionId);
      (event.data.object as { amount_total: unknown }).amount_total = "ten thousand";
      const amountless = await postWebhook(stack.url, signedDelivery(event));

      for (const response of [garbage, amountless]) {
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ error: "malformed_event" });
      }
      expect((await table.allItems()).length).toBe(itemsBefore);
    });
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
    expect((await statusOf(sessionId)).status).toBe("paid");
  });
});
