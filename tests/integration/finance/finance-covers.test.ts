/**
 * A lapsed monthly sponsorship covered from the general fund: units kept past the old end, the transfer in
 * fund balances, nothing raised; once per request id, audited.
 */
import { describe, expect, it } from "vitest";
import { createDocumentClient } from "../../../functions/adapters/dynamodb.ts";
import { sweepAdoptions } from "../../../functions/domain/adoption/adoption.ts";
import { calendarPlace } from "../../../functions/domain/calendars.ts";
import { addMonths } from "../../../functions/domain/finance/funds/sponsorship-cover.ts";
import { createInventoryStore } from "../../../functions/table/adoption/inventory-store.ts";
import { keys } from "../../../functions/table/keys.ts";
import { adoptionRequest, MONTHLY_ORPHANS, startAdoption, unitCountsOf } from "../../support/adoptions.ts";
import { donationRequest, startCheckout } from "../../support/donations.ts";
import { asStaff, auditEntries, funds, rowOf } from "../../support/finance-books.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import { localStripe } from "../../support/local-stripe.ts";

const stack = withLocalStack();
const { table } = stack;
const today = calendarPlace(new Date(), "Asia/Riyadh").gDate;
const todayQuery = `from=${today}&to=${today}`;
const stats = async () =>
  (await fetch(`${stack.url}/api/stats`).then((r) => r.json())) as Record<string, unknown>;

async function sponsorship() {
  const started = await startAdoption(
    stack.url,
    adoptionRequest({ initiativeId: MONTHLY_ORPHANS, units: 1, interval: "month", designation: "zakat" }),
  );
  expect(started.status).toBe(201);
  const donationId = String(started.body.adoptionId);
  await localStripe(stack.url, "pay", donationId);
  return donationId;
}

const cover = (donationId: string, body: Record<string, unknown>, role: "finance" | "editor" = "finance") =>
  asStaff(stack, role, "POST", `/api/finance/sponsorships/${donationId}/cover`, body);

describe("covering a lapsed sponsorship from the general fund", () => {
  it("keeps its units adopted for the months covered, moves fund balances only, and happens once", async () => {
    const donationId = await sponsorship();
    await localStripe(stack.url, "cancel", donationId);
    const lapsed = await table.row(keys.adoption(donationId));
    expect(lapsed).toMatchObject({ state: "active", endsAt: expect.any(String) });
    const oldEnd = String(lapsed?.endsAt);
    const unitsBefore = await unitCountsOf(stack.url, MONTHLY_ORPHANS);
    const statsBefore = await stats();
    const fundsBefore = await funds(stack, todayQuery);

    const request = { requestId: "cover-request-0001", months: 3, note: "Sponsor lost their job" };
    const first = await cover(donationId, request);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    // The cover, the donation and its adoption read; one transaction; the audit entry.
    expect(first.calls).toBe(5);
    const newEnd = addMonths(oldEnd, 3);
    expect(first.body).toMatchObject({
      recorded: true,
      months: 3,
      amount: { value: 3 * 30_000, currency: "SAR" },
      from: { designation: "general", fund: "general" },
      to: { designation: "general", fund: MONTHLY_ORPHANS },
      previousEnd: oldEnd,
      endsAt: newEnd,
    });
    const again = await cover(donationId, request);
    expect(again.status).toBe(200);
    expect(again.calls).toBe(1);
    expect(again.body).toMatchObject({ recorded: false, endsAt: newEnd });
    expect(
      (await table.ledgerEntries(donationId)).filter((entry) => entry.entity === "fundTransfer"),
    ).toHaveLength(1);
    expect(await table.row(keys.adoption(donationId))).toMatchObject({ state: "active", endsAt: newEnd });

    // The general fund paid the initiative; nothing was raised, no donor's figures moved.
    const fundsAfter = await funds(stack, todayQuery);
    const transfers = (balances: typeof fundsAfter, fund: string) =>
      rowOf(balances, "general", fund, "SAR")?.transfers ?? 0;
    expect(transfers(fundsAfter, "general") - transfers(fundsBefore, "general")).toBe(-90_000);
    expect(transfers(fundsAfter, MONTHLY_ORPHANS) - transfers(fundsBefore, MONTHLY_ORPHANS)).toBe(90_000);
    expect(fundsAfter.designations.find((d) => d.designation === "zakat")).toEqual(
      fundsBefore.designations.find((d) => d.designation === "zakat"),
    );
    expect(await stats()).toEqual({ ...statsBefore, generatedAt: expect.any(String) });

    // The sweep past the old end keeps the units; past the new end it gives them back.
    const client = createDocumentClient({ region: "me-central-1", endpoint: process.env.DYNAMODB_ENDPOINT });
    const inventory = createInventoryStore(client, process.env.TABLE_NAME ?? "");
    const at = (iso: string, ms: number) => ({ now: () => new Date(Date.parse(iso) + ms) });
    expect(await sweepAdoptions({ inventory, clock: at(oldEnd, 1000) })).toMatchObject({ ended: 0 });
    expect(await unitCountsOf(stack.url, MONTHLY_ORPHANS)).toEqual(unitsBefore);
    expect(await sweepAdoptions({ inventory, clock: at(newEnd, 1000) })).toMatchObject({ ended: 1 });
    client.destroy();
    expect(await cover(donationId, { ...request, requestId: "cover-request-0002" })).toMatchObject({
      status: 409,
      body: { error: "sponsorship_ended" },
    });

    const audited = (await auditEntries("sponsorship.cover")).filter(
      (entry) => entry.target.id === donationId,
    );
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({
      details: { coverId: "cover-request-0001", months: 3, endsAt: newEnd },
    });
  });

  it("refuses a sponsorship still paid, a one-time gift, months out of 1..12, and anyone but finance", async () => {
    const active = await sponsorship();
    const body = { requestId: "cover-request-0100", months: 2, note: "check" };
    expect(await cover(active, body)).toMatchObject({ status: 409, body: { error: "sponsorship_active" } });
    await localStripe(stack.url, "cancel", active);
    for (const months of [0, 13])
      expect(await cover(active, { ...body, months })).toMatchObject({
        status: 409,
        body: { error: "cover_months_invalid" },
      });
    const once = await startCheckout(stack.url, donationRequest());
    await localStripe(stack.url, "pay", String(once.body.donationId));
    expect(await cover(String(once.body.donationId), body)).toMatchObject({
      status: 409,
      body: { error: "not_a_sponsorship" },
    });
    expect((await cover(active, body, "editor")).status).toBe(403);
    expect(
      (await asStaff(stack, "none", "POST", `/api/finance/sponsorships/${active}/cover`, body)).status,
    ).toBe(401);
    expect(await table.row(keys.fundTransfer(active, body.requestId))).toBeUndefined();
  });
});
