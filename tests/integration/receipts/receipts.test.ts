/**
 * Receipts on DynamoDB Local: numbering by concurrent sequencers, the calendar year in the council's time
 * zone, the printable page's API, and the e-mails (receipts, one dedication card, giving up on a bad address).
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createCatalog } from "../../../functions/adapters/catalog.ts";
import { createDocumentClient } from "../../../functions/adapters/dynamodb.ts";
import { calendarPlace } from "../../../functions/domain/calendars.ts";
import { yearIn } from "../../../functions/domain/donations/payment-events.ts";
import type { DonationIntent, Movement } from "../../../functions/domain/model.ts";
import { MAX_MAIL_ATTEMPTS, mailReceipts } from "../../../functions/domain/receipts/mail.ts";
import { issueReceipts } from "../../../functions/domain/receipts/receipts.ts";
import { createDonationStore } from "../../../functions/table/donations/donation-store.ts";
import { createReceiptStore } from "../../../functions/table/receipts/receipt-store.ts";
import { ensureTable } from "../../../local/dynamodb-local.ts";
import { donationRequest, sessionIdOf, startCheckout } from "../../support/donations.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import { outboxMails } from "../../support/outbox.ts";
import {
  buildEvent,
  completedSession,
  invoiceObject,
  postWebhook,
  signedDelivery,
} from "../../support/stripe-events.ts";

const stack = withLocalStack();
const { table } = stack;
const client = createDocumentClient({ region: "me-central-1", endpoint: inject("dynamodbEndpoint") });
afterAll(() => client.destroy());
const catalog = createCatalog();
let tokens = 0;

/** A table of its own (no stream consumer), with `count` paid donations waiting for receipts. */
async function paymentsWaiting(count: number, at: (index: number) => string) {
  const name = `athar-receipts-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  await ensureTable(inject("dynamodbEndpoint"), name);
  const store = createDonationStore(client, name);
  for (let index = 0; index < count; index += 1) {
    const intent: DonationIntent = {
      donationId: `don_seq${index}`,
      fund: { kind: "general" },
      amount: { value: 5000, currency: "SAR" },
      interval: "once",
      designation: "sadaqah",
      anonymous: true,
      donor: { name: "Ali", email: "ali@example.com" },
      locale: "en",
      checkoutSessionId: `cs_test_seq${index}`,
      createdAt: at(index),
    };
    await store.createPendingDonation(intent);
    const donation = await store.findDonation(intent.donationId);
    const movement: Movement = {
      kind: "payment",
      ref: `pi_seq${index}`,
      amount: intent.amount,
      at: at(index),
    };
    if (!donation) throw new Error("missing donation");
    await store.apply(donation, {
      movements: [
        {
          movement,
          place: calendarPlace(movement.at, "Asia/Riyadh"),
          receiptYear: yearIn("Asia/Riyadh", movement.at),
        },
      ],
      marks: [],
    });
  }
  const receipts = createReceiptStore(client, name);
  const deps = {
    receipts,
    catalog,
    clock: { now: () => new Date() },
    newToken: () => {
      tokens += 1;
      return `token_${tokens}_abcdefghijklmnop`;
    },
  };
  return { receipts, deps };
}

describe("the receipt sequence", () => {
  it("issues 1..120 without gaps or repeats when four sequencers race", async () => {
    const { receipts, deps } = await paymentsWaiting(120, (index) =>
      new Date(Date.UTC(2026, 5, 1, 0, 0, index)).toISOString(),
    );
    const issued = (await Promise.all([1, 2, 3, 4].map(() => issueReceipts(deps, 2026)))).flat();

    expect(issued.map((receipt) => receipt.sequence).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 120 }, (_, index) => index + 1),
    );
    expect(new Set(issued.map((receipt) => receipt.donationId)).size).toBe(120);
    expect(await receipts.waiting(2026, 25)).toEqual({ lastIssued: 120, requests: [] });
    // Running again issues nothing new.
    expect(await issueReceipts(deps, 2026)).toEqual([]);
  }, 180_000); // 120 payments written one by one, then four racing sequencers: a minute or more on a busy 2-core machine.

  it("numbers a payment by the calendar year in the council's time zone", async () => {
    // 21:30 UTC on 31 December is 00:30 on 1 January in Riyadh.
    const { deps } = await paymentsWaiting(1, () => "2026-12-31T21:30:00.000Z");
    expect(await issueReceipts(deps, 2026)).toEqual([]);
    const [receipt] = await issueReceipts(deps, 2027);
    expect(receipt).toMatchObject({ receiptNumber: "2027-000001", year: 2027, sequence: 1 });
  });
});

describe("receipt e-mails", () => {
  it("stop retrying a failing address after five attempts, and keep the receipt", async () => {
    const { receipts, deps } = await paymentsWaiting(1, () => "2026-06-01T10:00:00.000Z");
    const [receipt] = await issueReceipts(deps, 2026);
    let now = Date.parse("2026-06-01T10:01:00Z");
    const failures: number[] = [];
    const mailDeps = {
      receipts,
      council: catalog.council(),
      mailer: { send: async () => Promise.reject(new Error("address rejected")) },
      clock: { now: () => new Date(now) },
      publicBaseUrl: "https://give.example.org",
      timeZone: "Asia/Riyadh",
      onFailure: (_: string, attempt: number) => failures.push(attempt),
    };
    for (let run = 0; run < MAX_MAIL_ATTEMPTS + 2; run += 1) {
      await mailReceipts(mailDeps);
      now += 10 * 60 * 1000; // past the lease
    }
    expect(failures).toEqual([1, 2, 3, 4, 5]);
    expect(await receipts.awaitingMail(10)).toEqual([]);
    expect(await receipts.find(receipt?.receiptNumber ?? "")).toMatchObject({
      mailGaveUpAt: expect.any(String),
    });
  });
});

describe("a monthly zakat gift with a dedication card, through the API", () => {
  it("e-mails a receipt per month in the donor's language and the card once; the printable page opens with its key only", async () => {
    const started = await startCheckout(
      stack.url,
      donationRequest({
        interval: "month",
        designation: "zakat",
        amount: { value: 30000, currency: "SAR" },
        dedication: { kind: "memory", name: "محمد", notify: { name: "سارة", email: "sara@example.com" } },
      }),
    );
    expect(started.status).toBe(201);
    const donationId = String(started.body.donationId);
    const sessionId = sessionIdOf(started.body.checkoutUrl);
    const subscription = `sub_${donationId.slice(-8)}`;
    const months = [0, 1].map((month) =>
      buildEvent(
        "invoice.paid",
        invoiceObject({
          donationId,
          id: `in_${donationId.slice(-8)}_${month}`,
          amount: 30000,
          subscription,
          periodStart: 1_780_000_000 + month * 2_592_000,
        }),
      ),
    );
    const completed = buildEvent("checkout.session.completed", {
      ...completedSession({ id: sessionId, amount_total: 30000, currency: "sar", metadata: { donationId } }),
      mode: "subscription",
      payment_intent: null,
      subscription,
    });
    for (const event of [months[0], completed, months[1]])
      await postWebhook(stack.url, signedDelivery(event as never));
    await stack.drainStreams();

    const receipts = await table.receiptsOf(donationId);
    expect(receipts).toHaveLength(2);
    const outbox = process.env.OUTBOX_DIR ?? "";
    expect(outboxMails(outbox, `dedication-${donationId}`)).toHaveLength(1);
    for (const receipt of receipts) {
      const mail = await simpleParser(readFileSync(join(outbox, `receipt-${receipt?.receiptNumber}.eml`)));
      expect(mail.to && "text" in mail.to ? mail.to.text : "").toContain("fatimah@example.com");
      expect(mail.subject).toContain(String(receipt?.receiptNumber));
      expect(mail.text).toContain("زكاة");
    }
    const status = await fetch(`${stack.url}/api/checkout/${sessionId}`).then((r) => r.json());
    expect(status).toMatchObject({ status: "paid", interval: "month", subscription: { active: true } });

    const [first] = receipts as [Record<string, string>];
    const page = await fetch(`${stack.url}/api/receipts/${first.receiptNumber}?k=${first.accessToken}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("private, no-store");
    const view = await page.json();
    expect(view.receipt).toMatchObject({
      receiptNumber: first.receiptNumber,
      designation: "zakat",
      donor: { name: "Fatimah Al-Harbi" },
    });
    expect(JSON.stringify(view)).not.toContain(first.accessToken);
    expect(JSON.stringify(view)).not.toContain("fatimah@example.com");
    expect(view.council.registration.number).toBe(catalog.council().registration.number);

    const wrong = await fetch(`${stack.url}/api/receipts/${first.receiptNumber}?k=${"x".repeat(22)}`, {
      headers: { "accept-language": "en" },
    });
    expect(wrong.status).toBe(404);
    expect(await wrong.json()).toMatchObject({
      error: "receipt_not_found",
      message: expect.stringContaining("receipt"),
    });
    const malformed = await fetch(`${stack.url}/api/receipts/../../etc?k=1`);
    expect(malformed.status).toBeGreaterThanOrEqual(400);
    expect(malformed.status).toBeLessThan(500);
  });
});
