/**
 * Staff actions under concurrency: ten finance users pressing the same button at once get one effect, one
 * audit entry and, for the others, a clear 409, never a 500: resolving one reconciliation exception,
 * reconciling one payout, recording one bank transfer.
 */
import { describe, expect, it } from "vitest";
import { calendarPlace } from "../../../functions/domain/calendars.ts";
import { asStaff, auditEntries } from "../../support/finance-books.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import { donate, stripeAdmin } from "../../support/reconciliation.ts";

const stack = withLocalStack();
const AT_ONCE = 10;

const all = <T>(make: () => Promise<T>) => Promise.all(Array.from({ length: AT_ONCE }, make));
const statuses = (answers: { status: number }[]) => answers.map((answer) => answer.status).sort();

describe("ten staff doing the same thing at once", () => {
  it("resolve one exception once, and reconcile its payout once", async () => {
    // A gift paid without its webhook: its payout has one exception, missing_in_ledger.
    const donationId = await donate(stack.url, 20_000, "SAR");
    await stripeAdmin(stack.url, "pay", { ref: donationId, deliver: false });
    const [payout] = (await stripeAdmin(stack.url, "payouts")).payouts as { id: string }[];
    const job = await asStaff(stack, "finance", "POST", "/api/finance/payouts/import", {
      payoutId: payout?.id,
    });
    expect(job.status).toBe(202);
    await stack.drainStreams();
    await stack.runScheduled("financeImports");
    const detail = await asStaff(stack, "finance", "GET", `/api/finance/payouts/${payout?.id}`);
    const exceptions = detail.body.exceptions as { exceptionId: string; reason: string }[];
    expect(exceptions.map((exception) => exception.reason)).toEqual(["missing_in_ledger"]);
    const [exception] = exceptions as [{ exceptionId: string; reason: string }];

    const resolves = await all(() =>
      asStaff(stack, "finance", "POST", `/api/finance/exceptions/${exception.exceptionId}/resolve`, {
        note: "paid, webhook lost",
        action: "record_payment",
      }),
    );
    expect(statuses(resolves)).toEqual([200, ...Array(AT_ONCE - 1).fill(409)]);
    for (const answer of resolves.filter((each) => each.status === 409))
      expect(answer.body.error).toBe("exception_already_resolved");
    const resolvedAudit = (await auditEntries("exception.resolve")).filter(
      (entry) => entry.target.id === exception.exceptionId,
    );
    expect(resolvedAudit).toHaveLength(1);
    expect(await stack.table.ledgerEntries(donationId)).toHaveLength(1);
    const after = await asStaff(stack, "finance", "GET", `/api/finance/payouts/${payout?.id}`);
    expect(after.body).toMatchObject({ payout: { openExceptions: 0 } });

    const reconciles = await all(() =>
      asStaff(stack, "finance", "POST", `/api/finance/payouts/${payout?.id}/reconcile`),
    );
    expect(statuses(reconciles)).toEqual([200, ...Array(AT_ONCE - 1).fill(409)]);
    const reconciledAudit = (await auditEntries("payout.reconcile")).filter(
      (entry) => entry.target.id === payout?.id,
    );
    expect(reconciledAudit).toHaveLength(1);
  });

  it("record one bank transfer once", async () => {
    const today = calendarPlace(new Date(), "Asia/Riyadh").gDate;
    const gifts = await all(() =>
      asStaff(stack, "finance", "POST", "/api/finance/gifts", {
        donor: { name: "Salma Concurrent", email: "salma.concurrent@example.com" },
        amount: { value: 40_000, currency: "SAR" },
        designation: "sadaqah",
        method: "bank_transfer",
        bankReference: "FT-AT-ONCE-1",
        receivedAt: today,
        locale: "ar",
      }),
    );
    expect(statuses(gifts)).toEqual([201, ...Array(AT_ONCE - 1).fill(409)]);
    for (const answer of gifts.filter((each) => each.status === 409))
      expect(answer.body.error).toBe("duplicate_bank_reference");
    const donationId = String(gifts.find((answer) => answer.status === 201)?.body.donationId);
    expect(await stack.table.ledgerEntries(donationId)).toHaveLength(1);
    const audited = (await auditEntries("gift.record")).filter((entry) => entry.target.id === donationId);
    expect(audited).toHaveLength(1);
  });
});
