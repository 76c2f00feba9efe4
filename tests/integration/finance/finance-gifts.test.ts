/**
 * A bank transfer recorded offline by finance: ledger, receipt e-mailed, the donor's dashboard, fund
 * balances; each reference once (a gift whose request failed half-way is finished by recording it again).
 */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createDocumentClient } from "../../../functions/adapters/dynamodb.ts";
import { calendarPlace } from "../../../functions/domain/calendars.ts";
import { createDonationStore } from "../../../functions/table/donations/donation-store.ts";
import { donorOfEmail, getAsDonor, sessionCookieFor } from "../../support/donor-sessions.ts";
import { asStaff, auditEntries, funds, rowOf } from "../../support/finance-books.ts";
import { withLocalStack } from "../../support/local-stack.ts";

const stack = withLocalStack();
const { table } = stack;
const today = calendarPlace(new Date(), "Asia/Riyadh").gDate;
const todayQuery = `from=${today}&to=${today}`;

const EMAIL = "maryam.offline@example.com";
const gift = (overrides: Record<string, unknown> = {}) => ({
  donor: { name: "Maryam Al-Otaibi", email: EMAIL },
  amount: { value: 75_000, currency: "SAR" },
  designation: "sadaqah",
  method: "bank_transfer",
  bankReference: "FT-2026-0042",
  receivedAt: today,
  locale: "ar",
  ...overrides,
});

const postGift = (overrides: Record<string, unknown> = {}) =>
  asStaff(stack, "finance", "POST", "/api/finance/gifts", gift(overrides));

describe("an offline gift", () => {
  it("enters the ledger, gets a receipt by e-mail, shows on the donor's dashboard and in fund balances", async () => {
    const fundsBefore = await funds(stack, todayQuery);
    const recorded = await postGift();
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    // The donation with its reference's claim, the ledger's transaction, the audit entry.
    expect(recorded.calls).toBe(3);
    const donationId = String(recorded.body.donationId);
    expect(recorded.body).toMatchObject({
      method: "bank_transfer",
      reference: "FT-2026-0042",
      receipt: "queued",
    });
    expect(await table.ledgerEntries(donationId)).toEqual([
      expect.objectContaining({
        kind: "payment",
        ref: "bank:FT-2026-0042",
        amount: { value: 75_000, currency: "SAR" },
      }),
    ]);
    expect(await table.donation(donationId)).toMatchObject({
      paid: 75_000,
      offline: { method: "bank_transfer", reference: "FT-2026-0042", receivedAt: today },
    });

    await stack.drainStreams();
    const [receipt] = await table.receiptsOf(donationId);
    expect(receipt?.receiptNumber).toEqual(expect.any(String));
    expect(readdirSync(process.env.OUTBOX_DIR ?? "")).toContain(`receipt-${receipt?.receiptNumber}.eml`);

    const dashboard = await getAsDonor(
      stack.url,
      "/api/me/dashboard",
      await sessionCookieFor(donorOfEmail(EMAIL)),
    );
    expect(dashboard.status).toBe(200);
    expect((dashboard.body.totals as { allTime: unknown }).allTime).toEqual([
      { currency: "SAR", amount: 75_000, payments: 1 },
    ]);
    const grossOf = (balances: typeof fundsBefore) =>
      rowOf(balances, "sadaqah", "general", "SAR")?.gross ?? 0;
    expect(grossOf(await funds(stack, todayQuery)) - grossOf(fundsBefore)).toBe(75_000);

    const audited = (await auditEntries("gift.record")).filter((entry) => entry.target.id === donationId);
    expect(audited).toEqual([expect.objectContaining({ details: { donationId } })]);
    expect(JSON.stringify(audited)).not.toContain(EMAIL);
  });

  it("refuses a bank reference recorded already, writing nothing; checks its input; finance only", async () => {
    const items = async () => (await table.allItems()).length;
    const before = await items();
    const twice = await postGift({ bankReference: "ft-2026-0042" });
    expect(twice).toMatchObject({ status: 409, body: { error: "duplicate_bank_reference" } });
    expect(await items()).toBe(before);

    // A gift whose request failed after its donation was written: recording it again finishes it, once.
    const client = createDocumentClient({ region: "me-central-1", endpoint: process.env.DYNAMODB_ENDPOINT });
    const unfinished = {
      donationId: "don_unfinished_offline_1",
      fund: { kind: "general" as const },
      amount: { value: 12_000, currency: "SAR" },
      interval: "once" as const,
      designation: "zakat" as const,
      anonymous: false,
      donor: { name: "Maryam Al-Otaibi", email: EMAIL },
      locale: "ar" as const,
      createdAt: new Date().toISOString(),
      offline: {
        method: "bank_transfer" as const,
        reference: "FT-UNFINISHED-1",
        receivedAt: today,
        recordedBy: "stf_1",
      },
    };
    expect(
      await createDonationStore(client, process.env.TABLE_NAME ?? "").createOfflineDonation(unfinished),
    ).toBe(unfinished.donationId);
    client.destroy();
    const finished = await postGift({ bankReference: "FT-UNFINISHED-1" });
    expect(finished).toMatchObject({
      status: 201,
      body: {
        donationId: unfinished.donationId,
        amount: { value: 12_000, currency: "SAR" },
        designation: "zakat",
      },
    });
    expect(await table.ledgerEntries(unfinished.donationId)).toHaveLength(1);
    const finishedAgain = await postGift({ bankReference: "FT-UNFINISHED-1" });
    expect(finishedAgain).toMatchObject({ status: 409, body: { error: "duplicate_bank_reference" } });
    expect(await table.ledgerEntries(unfinished.donationId)).toHaveLength(1);

    const missing = await postGift({ bankReference: undefined });
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual([
      expect.objectContaining({ field: "bankReference", code: "bank_reference_required" }),
    ]);
    const future = await postGift({ receivedAt: "2999-01-01" });
    expect(future.body.details).toEqual([expect.objectContaining({ code: "received_in_future" })]);

    const cash = await postGift({ method: "cash", bankReference: undefined });
    expect(cash.status).toBe(201);
    expect(String(cash.body.reference)).toMatch(/^CASH-/);

    expect(
      (await asStaff(stack, "editor", "POST", "/api/finance/gifts", gift({ bankReference: "X-1000" })))
        .status,
    ).toBe(403);
    expect(
      (await asStaff(stack, "none", "POST", "/api/finance/gifts", gift({ bankReference: "X-1001" }))).status,
    ).toBe(401);
  });
});
