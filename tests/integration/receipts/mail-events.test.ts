/**
 * SES's bounces, complaints and rejections reach the mail events function through SNS (the local stand-in,
 * local/mail-events.ts): a receipt's problem is noted on the receipt, on DynamoDB Local, and nothing else.
 */
import { describe, expect, it } from "vitest";
import { withLocalStack } from "../../support/local-stack.ts";
import { bounceRecord, complaintRecord, rejectRecord } from "../../support/ses-events.ts";
import { completedEvent, pendingDonation, postWebhook, signedDelivery } from "../../support/stripe-events.ts";

const stack = withLocalStack();
const { table } = stack;

async function paidReceipt() {
  const { donationId, sessionId } = await pendingDonation(stack.url);
  await postWebhook(stack.url, signedDelivery(completedEvent(donationId, sessionId)));
  await stack.drainStreams();
  const [receipt] = await table.receiptsOf(donationId);
  if (!receipt?.emailedAt) throw new Error("the receipt was not issued and e-mailed");
  return receipt as Record<string, string>;
}

describe("SES's events about the e-mails we sent", () => {
  it("note a receipt's bounce on the receipt, and a later complaint over it; the printable page never shows it", async () => {
    const receipt = await paidReceipt();
    const key = { pk: `RECEIPT#${receipt.receiptNumber}`, sk: "RECEIPT" };
    expect((await table.row(key))?.mailProblem).toBeUndefined();

    const actions = await stack.publishMailEvent(bounceRecord(`receipt-${receipt.receiptNumber}`));
    expect(actions).toEqual(["dynamodb:UpdateItem"]);
    const bounced = await table.row(key);
    expect(bounced?.mailProblem).toEqual({
      type: "bounce",
      detail: "Permanent/General",
      at: "2026-10-22T09:01:02.669Z",
    });
    // Delivered again by SNS: the same.
    await stack.publishMailEvent(bounceRecord(`receipt-${receipt.receiptNumber}`));
    expect(await table.row(key)).toEqual(bounced);

    await stack.publishMailEvent(complaintRecord(`receipt-${receipt.receiptNumber}`));
    expect((await table.row(key))?.mailProblem).toMatchObject({ type: "complaint", detail: "abuse" });
    expect((await table.row(key))?.emailedAt).toBe(receipt.emailedAt);

    const page = await fetch(`${stack.url}/api/receipts/${receipt.receiptNumber}?k=${receipt.accessToken}`);
    expect(page.status).toBe(200);
    expect(JSON.stringify(await page.json())).not.toContain("mailProblem");
  });

  it("write nothing for an unknown receipt, a sign-in link or a dedication card", async () => {
    const before = await table.allItems();
    expect(await stack.publishMailEvent(rejectRecord("receipt-2026-999999"))).toEqual([
      "dynamodb:UpdateItem",
    ]);
    expect(await stack.publishMailEvent(bounceRecord("signin-0123456789abcdef01234567", "signin"))).toEqual(
      [],
    );
    expect(await stack.publishMailEvent(complaintRecord("dedication-don_x", "dedication"))).toEqual([]);
    expect(await stack.publishMailEvent({ eventType: "Open", mail: {} })).toEqual([]);
    expect(await table.allItems()).toEqual(before);
  });
});
