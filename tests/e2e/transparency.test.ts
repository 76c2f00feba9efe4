import { describe, expect, inject, it } from "vitest";
import { asciiDigits, chromiumForThisFile } from "../support/browser.ts";
import { INITIATIVE_ID } from "../support/donations.ts";
import { completedEvent, pendingDonation, postWebhook, signedDelivery } from "../support/stripe-events.ts";

const baseUrl = inject("productUrl");
const chromium = chromiumForThisFile();

const amountIn = (text: string) => Number(asciiDigits(text).replace(/[^\d.]/g, ""));

/** A new visitor each time: a browser may keep /api/stats for its max-age (a minute). */
async function visitTransparency(locale: "ar" | "en") {
  const context = await chromium().newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/${locale}/transparency/`);
  return { context, page, row: page.locator(`tr[data-initiative="${INITIATIVE_ID}"]`) };
}

describe("the transparency page", () => {
  it("replaces the build-time figures with live ones from /api/stats and draws the chart", async () => {
    const first = await visitTransparency("en");
    await first.page.locator("[data-figures-source]", { hasText: "Live figures" }).waitFor();
    const before = amountIn(await first.row.locator('[data-cell="raised"]').innerText());
    await first.context.close();

    const donation = await pendingDonation(baseUrl, 12300);
    await postWebhook(
      baseUrl,
      signedDelivery(completedEvent(donation.donationId, donation.sessionId, 12300)),
    );

    const { context, page, row } = await visitTransparency("en");
    await page.locator("[data-figures-source]", { hasText: "Live figures" }).waitFor();
    expect(amountIn(await row.locator('[data-cell="raised"]').innerText())).toBeCloseTo(before + 123, 2);
    const canvas = page.locator("[data-chart] canvas");
    await canvas.waitFor({ state: "visible" });
    expect(await canvas.evaluate((element) => (element as HTMLCanvasElement).width)).toBeGreaterThan(0);
    await context.close();
  });

  it("keeps the build-time figures when the API cannot be reached", async () => {
    const context = await chromium().newContext();
    await context.route("**/api/stats", (route) => route.abort());
    const page = await context.newPage();
    await page.goto(`${baseUrl}/ar/transparency/`);
    await page.waitForLoadState("load");
    expect(await page.locator("[data-figures-source]").innerText()).toBe("أرقام حتى وقت نشر الصفحة");
    expect(await page.locator("tr[data-designation]").count()).toBe(3);
    expect(await page.locator("[data-chart]").isHidden()).toBe(true);
    await context.close();
  });
});
