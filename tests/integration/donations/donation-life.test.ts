/**
 * A donation's whole life played offline, as a developer plays it with `npm run local:stripe`: the local
 * Stripe emulator delivers every event, signed, to the real webhook of the running stack, which answers
 * each with 200 and keeps the ledger, the donation and the totals right.
 */
import { describe, expect, it } from "vitest";
import { keys } from "../../../functions/table/keys.ts";
import { donationRequest, payByTransfer, sessionIdOf, startCheckout } from "../../support/donations.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import { localStripe as runLocalStripe } from "../../support/local-stripe.ts";

const stack = withLocalStack();
const { table } = stack;

/** A local:stripe command against this file's stack; the event types it delivered (each answered 200). */
const localStripe = async (...argv: string[]) => {
  const { types } = await runLocalStripe(stack.url, ...argv);
  expect(types.length, argv.join(" ")).toBeGreaterThan(0);
  return types;
};

const ledgerOf = async (donationId: string) =>
  (await table.ledgerEntries(donationId)).map((entry) => [entry.kind, entry.signedAmount]).sort();

const statusOf = async (sessionId: string) =>
  fetch(`${stack.url}/api/checkout/${sessionId}`).then((r) => r.json());

describe("a monthly gift's life through the local Stripe emulator", () => {
  it("pays, renews, fails once, is partly refunded, disputed and lost, and cancelled", async () => {
    const started = await startCheckout(
      stack.url,
      donationRequest({ interval: "month", designation: "zakat", amount: { value: 20000, currency: "SAR" } }),
    );
    const donationId = String(started.body.donationId);
    const sessionId = sessionIdOf(started.body.checkoutUrl);
    const zakatBefore = Number((await table.row(keys.designationTotals("zakat", "SAR")))?.raised ?? 0);

    expect(await localStripe("pay", donationId)).toEqual(
      expect.arrayContaining(["invoice.paid", "checkout.session.completed"]),
    );
    expect(await localStripe("renew", donationId)).toContain("invoice.paid");
    expect(await localStripe("renew", donationId, "--fail")).toContain("invoice.payment_failed");
    expect(await ledgerOf(donationId)).toEqual([
      ["payment", 20000],
      ["payment", 20000],
    ]);
    expect(await table.donation(donationId)).toMatchObject({
      paid: 40000,
      payments: 2,
      failedAttemptRefs: expect.any(Set),
    });

    // A monthly charge carries no metadata: the webhook asks the emulator's API which donation it is.
    expect(await localStripe("refund", donationId, "--amount", "50")).toContain("charge.refunded");
    expect(await localStripe("dispute", "open", donationId)).toContain("charge.dispute.created");
    expect(await localStripe("dispute", "close", donationId, "--lost")).toContain("charge.dispute.closed");
    expect(await ledgerOf(donationId)).toEqual([
      ["dispute_withdrawal", -15000],
      ["payment", 20000],
      ["payment", 20000],
      ["refund", -5000],
    ]);
    expect(Number((await table.row(keys.designationTotals("zakat", "SAR")))?.raised)).toBe(
      zakatBefore + 20000,
    );

    expect(await localStripe("cancel", donationId)).toContain("customer.subscription.deleted");
    expect(await statusOf(sessionId)).toMatchObject({ interval: "month", subscription: { active: false } });
    // Payouts are Stripe's business and finance's (reconciliation): acknowledged, nothing recorded.
    const items = (await table.allItems()).length;
    expect(await localStripe("payout")).toEqual(expect.arrayContaining(["payout.paid"]));
    expect((await table.allItems()).length).toBe(items);
  });
});

describe("one-time gifts' lives through the local Stripe emulator", () => {
  /** The donor picks a bank transfer on the (local) hosted checkout page: completed now, paid later. */
  it("a bank transfer that settles, then two refunds: refunded in full", async () => {
    const started = await startCheckout(
      stack.url,
      donationRequest({ amount: { value: 12000, currency: "SAR" } }),
    );
    const donationId = String(started.body.donationId);
    const sessionId = sessionIdOf(started.body.checkoutUrl);
    await payByTransfer(started.body.checkoutUrl);
    expect((await statusOf(sessionId)).status).toBe("pending");
    expect(await localStripe("settle", donationId, "--succeed")).toContain(
      "checkout.session.async_payment_succeeded",
    );
    await localStripe("refund", donationId, "--amount", "20");
    await localStripe("refund", donationId);
    expect(await ledgerOf(donationId)).toEqual([
      ["payment", 12000],
      ["refund", -10000],
      ["refund", -2000],
    ]);
    expect((await statusOf(sessionId)).status).toBe("refunded");
  });

  it("a bank transfer that fails: failed, nothing in the ledger", async () => {
    const started = await startCheckout(
      stack.url,
      donationRequest({ amount: { value: 6000, currency: "SAR" } }),
    );
    const donationId = String(started.body.donationId);
    await payByTransfer(started.body.checkoutUrl);
    expect(await localStripe("settle", donationId, "--fail")).toContain(
      "checkout.session.async_payment_failed",
    );
    expect((await statusOf(sessionIdOf(started.body.checkoutUrl))).status).toBe("failed");
    expect(await ledgerOf(donationId)).toEqual([]);
  });

  it("a card payment disputed and won: withdrawn then reinstated, still paid", async () => {
    const started = await startCheckout(
      stack.url,
      donationRequest({ amount: { value: 9000, currency: "SAR" } }),
    );
    const donationId = String(started.body.donationId);
    await localStripe("pay", donationId);
    await localStripe("dispute", "open", donationId);
    await localStripe("dispute", "close", donationId, "--won");
    expect(await ledgerOf(donationId)).toEqual([
      ["dispute_reinstatement", 9000],
      ["dispute_withdrawal", -9000],
      ["payment", 9000],
    ]);
    expect((await statusOf(sessionIdOf(started.body.checkoutUrl))).status).toBe("paid");
  });
});
