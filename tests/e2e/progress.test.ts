import { describe, expect, inject, it } from "vitest";
import { asciiDigits, chromiumForThisFile } from "../support/browser.ts";
import { INITIATIVE_ID } from "../support/donations.ts";
import { completedEvent, pendingDonation, postWebhook, signedDelivery } from "../support/stripe-events.ts";

const baseUrl = inject("productUrl");
const chromium = chromiumForThisFile();

/** "SAR 1,234 raised of SAR 750,000" → 1234 */
const raisedIn = (text: string) =>
  Number(
    asciiDigits(text)
      .match(/[\d,]+/)?.[0]
      ?.replace(/,/g, "") ?? "NaN",
  );

async function initiativeProgress() {
  // A new visitor: /api/stats may be kept by a browser for its max-age.
  const context = await chromium().newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/en/initiatives/${INITIATIVE_ID}/`);
  const progress = page.locator(`[data-progress="${INITIATIVE_ID}"][data-progress-source="live"]`);
  await progress.waitFor();
  const text = await progress.locator(".progress__text").innerText();
  const value = Number(await progress.locator("meter").getAttribute("value"));
  await context.close();
  return { text, raised: raisedIn(text), value };
}

describe("an initiative's progress", () => {
  it("shows the live total from /api/stats, not only the figure it was built with", async () => {
    const before = await initiativeProgress();
    expect(before.text).toMatch(/raised of SAR\s750,000$/);
    const donation = await pendingDonation(baseUrl, 40000);
    await postWebhook(
      baseUrl,
      signedDelivery(completedEvent(donation.donationId, donation.sessionId, 40000)),
    );
    const after = await initiativeProgress();
    expect(after.raised - before.raised).toBe(400);
    expect(after.value - before.value).toBe(40000);
  });
});
