/**
 * A bank transfer that settles after its hold was given back and its units taken by someone else: the
 * money becomes a finance exception, which finance refunds or places in the general fund, once, audited;
 * through the local Stripe emulator, whose refund comes back through the webhook into the ledger.
 */
import { describe, expect, it } from "vitest";
import { keys } from "../../../functions/table/keys.ts";
import {
  adoptionRequest,
  availabilityOf,
  startAdoption,
  TEN_UNITS,
  ttlRemoval,
  unitCountsOf,
} from "../../support/adoptions.ts";
import { payByTransfer } from "../../support/donations.ts";
import { asStaff, auditEntries, funds, rowOf } from "../../support/finance-books.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import { localStripe } from "../../support/local-stripe.ts";

const stack = withLocalStack();
const { table } = stack;
/** One unit of TEN_UNITS, in halalas. */
const UNIT = 1_500_000;

/** A transfer started for `units`, whose hold the table's TTL then deletes (the transfer took too long). */
async function lapsedTransfer(units: number, name: string) {
  const started = await startAdoption(
    stack.url,
    adoptionRequest({ units, donor: { name, email: `${name.split(" ")[0]?.toLowerCase()}@example.org` } }),
  );
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const donationId = String(started.body.adoptionId);
  await payByTransfer(started.body.checkoutUrl);
  const hold = await table.row(keys.holdKey(donationId));
  expect(hold).toBeDefined();
  await table.remove(keys.holdKey(donationId));
  await stack.deliverStreamRecords("holds", { Records: [ttlRemoval(hold as Record<string, unknown>)] });
  return donationId;
}

const openList = async () => {
  const answer = await asStaff(stack, "finance", "GET", "/api/finance/unfulfilled");
  expect(answer.status).toBe(200);
  return answer.body.items as {
    exceptionId: string;
    donationId: string;
    status: string;
    payment: { ref: string };
  }[];
};

describe("a late payment for units taken meanwhile", () => {
  it("is a finance exception, refunded once however many resolve it at once, or placed in the general fund", async () => {
    const late = await lapsedTransfer(6, "Aisha Al-Qahtani");
    const later = await lapsedTransfer(4, "Badr Al-Otaibi");
    // Meanwhile someone else adopts all ten units.
    const taker = await startAdoption(
      stack.url,
      adoptionRequest({ units: 10, donor: { name: "Fatimah Al-Harbi", email: "fatimah@example.com" } }),
    );
    expect(taker.status).toBe(201);
    await localStripe(stack.url, "pay", String(taker.body.adoptionId));
    expect(await unitCountsOf(stack.url, TEN_UNITS)).toEqual({ adopted: 10, held: 0, free: 0 });

    // Both transfers settle: the money is in the ledger, the units are someone else's.
    await localStripe(stack.url, "settle", late, "--succeed");
    await localStripe(stack.url, "settle", later, "--succeed");
    expect(await unitCountsOf(stack.url, TEN_UNITS)).toEqual({ adopted: 10, held: 0, free: 0 });
    const open = await openList();
    expect(open.map((item) => [item.donationId, item.status]).sort()).toEqual(
      [
        [late, "open"],
        [later, "open"],
      ].sort(),
    );
    const [lateItem, laterItem] = [late, later].map((id) => open.find((item) => item.donationId === id));
    expect(lateItem).toMatchObject({
      initiativeId: TEN_UNITS,
      units: 6,
      designation: "general",
      payment: { amount: { value: 6 * UNIT, currency: "SAR" } },
    });

    // Only finance may see or resolve them.
    expect((await asStaff(stack, "editor", "GET", "/api/finance/unfulfilled")).status).toBe(403);
    const refundPath = `/api/finance/unfulfilled/${encodeURIComponent(String(lateItem?.exceptionId))}/resolve`;
    const refund = { action: "refund", note: "Units taken while the transfer was under way." };
    expect((await asStaff(stack, "editor", "POST", refundPath, refund)).status).toBe(403);
    expect((await asStaff(stack, "finance", "POST", refundPath, { action: "keep", note: "x" })).status).toBe(
      400,
    );

    // Ten finance officers refund it at once: one refund, one audit entry, nine clear 409s.
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => asStaff(stack, "finance", "POST", refundPath, refund)),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    expect(answers.filter((answer) => answer.status === 409).map((answer) => answer.body.error)).toEqual(
      Array(9).fill("exception_already_resolved"),
    );
    expect(answers.find((answer) => answer.status === 200)?.body).toMatchObject({ status: "refunded" });
    expect(await auditEntries("adoption.unfulfilled.refund")).toHaveLength(1);
    // The refund came back through the webhook: the ledger nets to nothing for this donation.
    await expect
      .poll(async () =>
        (await table.ledgerEntries(late)).map((entry) => [entry.kind, entry.signedAmount]).sort(),
      )
      .toEqual([
        ["payment", 6 * UNIT],
        ["refund", -6 * UNIT],
      ]);

    // The other goes to the general fund: a transfer between funds, not a refund.
    const day = new Date().toISOString().slice(0, 10);
    const before = await funds(stack, `from=${day}&to=${day}`);
    const movePath = `/api/finance/unfulfilled/${encodeURIComponent(String(laterItem?.exceptionId))}/resolve`;
    const moved = await asStaff(stack, "finance", "POST", movePath, {
      action: "general_fund",
      note: "The donor asked for the gift to serve the council's general needs.",
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ status: "general_fund", resolution: { action: "general_fund" } });
    const after = await funds(stack, `from=${day}&to=${day}`);
    const transfers = (balances: typeof before, fund: string) =>
      rowOf(balances, "general", fund, "SAR")?.transfers ?? 0;
    expect(transfers(after, "general") - transfers(before, "general")).toBe(4 * UNIT);
    expect(transfers(after, TEN_UNITS) - transfers(before, TEN_UNITS)).toBe(-4 * UNIT);
    // Kept, not refunded: the payment stands, beside the transfer's entry in the donation's ledger.
    expect((await table.ledgerEntries(later)).map((entry) => entry.kind).filter(Boolean)).toEqual([
      "payment",
    ]);
    expect(await table.row(keys.fundTransfer(later, `unfulfilled-${laterItem?.payment.ref}`))).toMatchObject({
      amount: { value: 4 * UNIT, currency: "SAR" },
      from: { designation: "general", fund: TEN_UNITS },
      to: { designation: "general", fund: "general" },
    });
    expect(await auditEntries("adoption.unfulfilled.general_fund")).toHaveLength(1);
    // Resolved: off the list, and a second resolve changes nothing.
    expect(await openList()).toEqual([]);
    const again = await asStaff(stack, "finance", "POST", movePath, { action: "refund", note: "again" });
    expect([again.status, again.body.error]).toEqual([409, "exception_already_resolved"]);
    expect(
      (await asStaff(stack, "finance", "POST", `/api/finance/unfulfilled/don_NONE.pi_x/resolve`, refund))
        .status,
    ).toBe(404);
  });
});

describe("the names an initiative page thanks", () => {
  const KITS = "productive-family-kits";
  const path = `/api/finance/initiatives/${KITS}/recognition`;
  const publicNames = async () =>
    ((await availabilityOf(stack.url, KITS)).body.recognition as { name: string | null }[]).map(
      (entry) => entry.name,
    );

  it("can be hidden by finance (the page then says 'a donor') and shown again, once each, audited", async () => {
    const started = await startAdoption(
      stack.url,
      adoptionRequest({
        initiativeId: KITS,
        units: 1,
        donor: { name: "Salem Al-Dosari", email: "salem@example.org" },
        recognition: { consent: true, name: "Salem & Family" },
      }),
    );
    const donationId = String(started.body.adoptionId);
    await localStripe(stack.url, "pay", donationId);
    expect(await publicNames()).toContain("Salem & Family");

    const listed = await asStaff(stack, "finance", "GET", path);
    expect(listed.status).toBe(200);
    expect(listed.calls).toBe(1);
    expect(listed.body.names).toEqual([
      { donationId, name: "Salem & Family", units: 1, since: expect.any(String), hidden: false },
    ]);
    expect((await asStaff(stack, "editor", "GET", path)).status).toBe(403);

    const hide = { hidden: true, note: "Asked by the donor by phone." };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => asStaff(stack, "finance", "POST", `${path}/${donationId}`, hide)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(5).fill(200));
    expect(answers.filter((answer) => answer.body.changed === true)).toHaveLength(1);
    expect(await auditEntries("recognition.hide")).toHaveLength(1);
    expect(await publicNames()).not.toContain("Salem & Family");
    expect(await publicNames()).toContain(null);

    const shown = await asStaff(stack, "finance", "POST", `${path}/${donationId}`, {
      hidden: false,
      note: "By mistake.",
    });
    expect(shown.body).toMatchObject({ hidden: false, changed: true });
    expect(await publicNames()).toContain("Salem & Family");
    expect(await auditEntries("recognition.show")).toHaveLength(1);

    const missing = await asStaff(stack, "finance", "POST", `${path}/don_NOBODY`, hide);
    expect([missing.status, missing.body.error]).toEqual([404, "recognition_not_found"]);
    const bad = await asStaff(stack, "finance", "POST", `${path}/${donationId}`, {
      hidden: "yes",
      note: "x",
    });
    expect(bad.status).toBe(400);
  });
});
