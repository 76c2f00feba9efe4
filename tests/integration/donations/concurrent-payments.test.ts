/**
 * 200 donors pay at the same moment: every payment is recorded once, the totals are exact, and the year's
 * receipt numbers run 1..200 with no gap and no repeat, each e-mailed once. The test plays Stripe, which
 * redelivers an event its endpoint did not take: on a busy machine some first deliveries may fail (DynamoDB
 * Local timing out on a lock), and what is asserted is the outcome after redelivery, as in production.
 * How many first deliveries are taken is a measure of speed, reported by `npm run bench`.
 */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { keys } from "../../../functions/table/keys.ts";
import { redeliverUntilTaken } from "../../../local/stripe/webhook-sender.ts";
import { INITIATIVE_ID } from "../../support/donations.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import { completedEvent, pendingDonation, postWebhook, signedDelivery } from "../../support/stripe-events.ts";

const stack = withLocalStack();
const { table } = stack;
const DONORS = 200;

async function inBatches<T>(count: number, size: number, make: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += size) {
    const batch = Array.from({ length: Math.min(size, count - start) }, (_, offset) => make(start + offset));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

describe("200 concurrent paid checkouts", () => {
  it("make 200 ledger entries, exact totals and receipt numbers 1..200 without gaps", async () => {
    // Gifts of 10.00 to 209.00 SAR, so a lost or doubled payment shows in the sum.
    const donations = await inBatches(DONORS, 25, (index) => pendingDonation(stack.url, 1000 + index * 100));
    const deliveries = await Promise.all(
      donations.map(({ donationId, sessionId }, index) => {
        const event = completedEvent(donationId, sessionId, 1000 + index * 100);
        return redeliverUntilTaken(async () => {
          // No answer at all (a dropped connection) is not taken either, as for Stripe.
          const answer = await postWebhook(stack.url, signedDelivery(event)).catch((error: Error) => ({
            status: 0,
            body: { error: error.message } as Record<string, unknown>,
          }));
          return { taken: answer.status === 200, answer };
        });
      }),
    );
    // Every event is taken within Stripe's attempts; one whose earlier attempt committed before failing
    // is taken as a duplicate, so each is recorded once either way (the ledger below says it was).
    expect(deliveries.filter((delivery) => !delivery.taken)).toEqual([]);
    for (const { answer, attempts } of deliveries) {
      expect(answer.body.outcome).toEqual(
        attempts === 1 ? "recorded" : expect.stringMatching(/^(recorded|duplicate)$/),
      );
    }

    const ledgers = await inBatches(DONORS, 50, (index) =>
      table.ledgerEntries(donations[index]?.donationId ?? ""),
    );
    expect(ledgers.map((entries) => entries.length)).toEqual(Array(DONORS).fill(1));
    const expectedRaised = Array.from({ length: DONORS }, (_, index) => 1000 + index * 100).reduce(
      (a, b) => a + b,
      0,
    );
    for (const key of [
      keys.initiativeTotals(INITIATIVE_ID, "SAR"),
      keys.designationTotals("general", "SAR"),
      keys.currencyTotals("SAR"),
    ]) {
      expect(await table.row(key), key.sk).toMatchObject({ raised: expectedRaised, donations: DONORS });
    }

    await stack.drainStreams();
    const receipts = (
      await inBatches(DONORS, 50, (index) => table.receiptsOf(donations[index]?.donationId ?? ""))
    ).map((found) => {
      expect(found).toHaveLength(1);
      return found[0] as Record<string, unknown>;
    });
    const sequences = receipts.map((receipt) => Number(receipt.sequence)).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: DONORS }, (_, index) => index + 1));
    expect(new Set(receipts.map((receipt) => receipt.receiptNumber)).size).toBe(DONORS);
    // Each receipt matches its own payment.
    for (const [index, receipt] of receipts.entries()) {
      expect(receipt.amount).toEqual({ value: 1000 + index * 100, currency: "SAR" });
    }
    const outbox = readdirSync(process.env.OUTBOX_DIR ?? "").filter((name) => name.startsWith("receipt-"));
    expect(outbox.sort()).toEqual(receipts.map((receipt) => `receipt-${receipt.receiptNumber}.eml`).sort());
  }, 180_000); // 200 checkouts, payments and receipts: minutes on a busy 2-core machine, whatever the outcome.
});
