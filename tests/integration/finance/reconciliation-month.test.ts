/**
 * A month of giving (one-time and monthly gifts in SAR, USD and KWD, renewals, refunds through the API and
 * from Stripe's dashboard, disputes won and lost, a payment whose webhook never came, a fee Stripe changed,
 * a ledger entry Stripe never had)
 * played through the local stack and the Stripe emulator; Stripe pays it out in SAR; the import reconciles
 * it to exactly the exceptions made on purpose; importing again changes nothing; staff resolve them and
 * only then mark the payout reconciled.
 */
import type { Stripe } from "stripe";
import { describe, expect, it } from "vitest";
import type { ImportJob } from "../../../contract/finance/reconciliation.ts";
import { createDocumentClient } from "../../../functions/adapters/dynamodb.ts";
import { loadConfig } from "../../../functions/config.ts";
import {
  markReconciled,
  resolveException,
} from "../../../functions/domain/finance/reconciliation/actions.ts";
import { createDonationStore } from "../../../functions/table/donations/donation-store.ts";
import { createAuditStore } from "../../../functions/table/finance/audit-store.ts";
import { createReconciliationStore } from "../../../functions/table/finance/reconciliation-store.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import { localStripe } from "../../support/local-stripe.ts";
import { donate, financeStaff, paidGift, stripeAdmin } from "../../support/reconciliation.ts";
import { completedEvent, pendingDonation, postWebhook, signedDelivery } from "../../support/stripe-events.ts";

const stack = withLocalStack();
const { table } = stack;

function finance() {
  const config = loadConfig();
  const client = createDocumentClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });
  const clock = { now: () => new Date() };
  const store = createReconciliationStore(client, config.TABLE_NAME);
  const audit = createAuditStore(client, config.TABLE_NAME, clock);
  return {
    store,
    audit,
    deps: {
      store,
      donations: createDonationStore(client, config.TABLE_NAME),
      audit,
      clock,
      timeZone: config.COUNCIL_TIME_ZONE,
    },
  };
}

let jobs = 0;
/** What `POST /api/finance/payouts/import` does: writes a job; the stream wakes the finance worker. */
async function importPayouts(store: ReturnType<typeof finance>["store"]): Promise<ImportJob> {
  jobs += 1;
  const jobId = `imp_month_${jobs}`;
  await store.createImportJob({
    jobId,
    status: "queued",
    createdAt: new Date().toISOString(),
    requestedBy: financeStaff.staffId,
    progress: { payouts: 0, imported: 0, skipped: 0, transactions: 0, exceptions: 0 },
  });
  await stack.drainStreams();
  const job = await store.findImportJob(jobId);
  expect(job?.status, JSON.stringify(job)).toBe("done");
  return job as ImportJob;
}

/** Everything but the import jobs themselves, in a stable order. */
const tableState = async () =>
  (await table.allItems())
    .filter((item) => !String(item.pk).startsWith("RECON_IMPORT#"))
    .sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));

const ledgerRefs = async (donationId: string) =>
  (await table.ledgerEntries(donationId)).map((entry) => `${entry.kind}:${entry.ref}`).sort();

describe("a month of giving reconciled against Stripe's payout", () => {
  it("finds exactly the exceptions made on purpose, imports idempotently, and reconciles once resolved", async () => {
    const { store, deps, audit } = finance();
    const url = stack.url;

    // One-time gifts in the three currencies, and two monthly gifts renewed.
    await paidGift(url, 10000, "SAR");
    await paidGift(url, 5000, "USD");
    await paidGift(url, 10000, "KWD");
    const monthlySar = await paidGift(url, 20000, "SAR", "month");
    await localStripe(url, "renew", monthlySar);
    await localStripe(url, "renew", monthlySar);
    const monthlyUsd = await paidGift(url, 3000, "USD", "month");
    await localStripe(url, "renew", monthlyUsd);
    // A payment the ledger has and Stripe never had (a correctly signed event for money that never came).
    const phantom = await pendingDonation(url, 9000);
    expect(
      (await postWebhook(url, signedDelivery(completedEvent(phantom.donationId, phantom.sessionId, 9000))))
        .status,
    ).toBe(200);
    const phantomRef = `pi_test_${phantom.donationId.slice(-10)}`;
    // Refunds: one through Stripe's API (its webhook arrives), one in Stripe's dashboard (it never does).
    const refundedByApi = await paidGift(url, 15000, "SAR");
    await localStripe(url, "refund", refundedByApi, "--amount", "50");
    await localStripe(url, "refund", monthlySar, "--amount", "20");
    const refundedInDashboard = await paidGift(url, 20000, "KWD");
    const dashboard = await stripeAdmin(url, "refunds", {
      ref: refundedInDashboard,
      amount: 5000,
      deliver: false,
    });
    const dashboardRefund = dashboard.refund as Stripe.Refund;
    // Disputes, one won and one lost.
    const won = await paidGift(url, 8000, "SAR");
    await localStripe(url, "dispute", "open", won);
    await localStripe(url, "dispute", "close", won, "--won");
    const lost = await paidGift(url, 4000, "USD");
    await localStripe(url, "dispute", "open", lost);
    await localStripe(url, "dispute", "close", lost, "--lost");
    // A payment whose webhook never came.
    const unheard = await donate(url, 12000, "SAR");
    const silent = await stripeAdmin(url, "pay", { ref: unheard, deliver: false });
    expect(silent.deliveries.every((delivery) => delivery.withheld)).toBe(true);
    // Stripe charged a fee other than the council's configured rate (3.5 % instead of 2.9 %).
    await stripeAdmin(url, "fees", { percent: 3.5, fixedMajorUnits: 1 });
    const dearFee = await paidGift(url, 10000, "SAR");
    await stripeAdmin(url, "fees", { percent: 2.9, fixedMajorUnits: 1 });
    await stack.drainStreams();

    const paidOut = await stripeAdmin(url, "payouts");
    const [payout] = paidOut.payouts as Stripe.Payout[];
    expect(paidOut.payouts).toHaveLength(1);
    expect(payout?.currency).toBe("sar");
    const payoutId = String(payout?.id);

    const first = await importPayouts(store);
    expect(first.progress).toMatchObject({ payouts: 1, imported: 1, skipped: 0, exceptions: 4 });
    const summary = await store.findPayout(payoutId);
    expect(summary).toMatchObject({ amount: payout?.amount, currency: "SAR", openExceptions: 4 });
    const details = await store.payoutDetails(payoutId, {});
    // The payout's own transaction, 8 one-time and 3 + 2 monthly charges, 3 refunds, 3 dispute adjustments.
    expect(details.transactions).toHaveLength(1 + 9 + 5 + 3 + 3);
    const intentOf = async (donationId: string) => {
      const summaryOf = await fetch(`${url}/local-stripe/admin/find?ref=${donationId}`, {
        headers: { authorization: "Bearer sk_test_athar_local_development_only" },
      }).then((response) => response.json() as Promise<{ charges: { id: string }[] }>);
      const charge = await fetch(`${url}/v1/charges/${summaryOf.charges[0]?.id}`, {
        headers: { authorization: "Bearer sk_test_athar_local_development_only" },
      }).then((response) => response.json() as Promise<{ payment_intent: string }>);
      return charge.payment_intent;
    };
    expect(
      details.exceptions.map((exception) => [exception.reason, exception.ref, exception.donationId]).sort(),
    ).toEqual(
      [
        ["fee_unexpected", await intentOf(dearFee), dearFee],
        ["missing_in_ledger", await intentOf(unheard), unheard],
        ["missing_in_stripe", phantomRef, phantom.donationId],
        ["refund_missing_in_ledger", dashboardRefund.id, refundedInDashboard],
      ].sort(),
    );
    // Both sides of a converted payment: the donor's KWD and the SAR Stripe settled at 12.2.
    const kwd = details.transactions.find((transaction) => {
      const ledger = (transaction.match as { ledger?: { value: number; currency: string } } | undefined)
        ?.ledger;
      return ledger?.currency === "KWD" && ledger.value === 10000;
    });
    expect(kwd).toMatchObject({
      match: { ledger: { value: 10000, currency: "KWD" } },
      settlement: { amount: 12200, currency: "SAR", exchangeRate: 12.2 },
    });

    // Importing again changes nothing: every item is as it was, byte for byte.
    const before = await tableState();
    const second = await importPayouts(store);
    expect(second.progress).toMatchObject({ payouts: 1, imported: 0, skipped: 1, transactions: 0 });
    expect(await tableState()).toEqual(before);

    // Not reconcilable with open exceptions.
    await expect(markReconciled(deps, financeStaff, payoutId)).rejects.toMatchObject({
      code: "payout_has_open_exceptions",
    });

    const idOf = (reason: string) =>
      details.exceptions.find((exception) => exception.reason === reason)?.exceptionId ?? "";
    // The dashboard refund, recorded as a ledger movement once (the same path as the webhook's).
    const refundsBefore = await ledgerRefs(refundedInDashboard);
    await resolveException(deps, financeStaff, idOf("refund_missing_in_ledger"), {
      note: "Refunded by phone from Stripe's dashboard",
      action: "record_refund",
    });
    await expect(
      resolveException(deps, financeStaff, idOf("refund_missing_in_ledger"), {
        note: "again",
        action: "record_refund",
      }),
    ).rejects.toMatchObject({ code: "exception_already_resolved" });
    expect(await ledgerRefs(refundedInDashboard)).toEqual(
      [...refundsBefore, `refund:${dashboardRefund.id}`].sort(),
    );
    expect(await table.donation(refundedInDashboard)).toMatchObject({ paid: 20000, refunded: 5000 });

    // A wrong action for the reason is refused; the missing payment is recorded with its receipt request.
    await expect(
      resolveException(deps, financeStaff, idOf("missing_in_ledger"), { note: "x", action: "record_refund" }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    await resolveException(deps, financeStaff, idOf("missing_in_ledger"), {
      note: "Webhook lost during the outage",
      action: "record_payment",
    });
    expect(await ledgerRefs(unheard)).toEqual([`payment:${await intentOf(unheard)}`]);
    expect(await table.donation(unheard)).toMatchObject({ paid: 12000, payments: 1 });

    await expect(markReconciled(deps, financeStaff, payoutId)).rejects.toMatchObject({
      code: "payout_has_open_exceptions",
    });
    await resolveException(deps, financeStaff, idOf("fee_unexpected"), {
      note: "Stripe's new pricing for Mada",
    });
    await expect(
      resolveException(deps, financeStaff, idOf("missing_in_stripe"), {
        note: "x",
        action: "record_payment",
      }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    await resolveException(deps, financeStaff, idOf("missing_in_stripe"), {
      note: "Forged event; the donation is being investigated",
    });

    const reconciled = await markReconciled(deps, financeStaff, payoutId);
    expect(reconciled.reconciledBy).toBe(financeStaff.staffId);
    const final = await store.findPayout(payoutId);
    expect(final).toMatchObject({ openExceptions: 0, reconciledBy: financeStaff.staffId });
    expect(final?.totals.matchedNet).toBe(payout?.amount);
    await expect(markReconciled(deps, financeStaff, payoutId)).rejects.toMatchObject({
      code: "payout_already_reconciled",
    });

    const month = new Date().toISOString().slice(0, 7);
    const logged = (await audit.listMonth(month)).entries.map(
      (entry) => `${entry.action} ${entry.target.id}`,
    );
    expect(logged.sort()).toEqual(
      [
        `exception.resolve ${idOf("refund_missing_in_ledger")}`,
        `exception.resolve ${idOf("missing_in_ledger")}`,
        `exception.resolve ${idOf("fee_unexpected")}`,
        `exception.resolve ${idOf("missing_in_stripe")}`,
        `payout.reconcile ${payoutId}`,
      ].sort(),
    );
  });
});
