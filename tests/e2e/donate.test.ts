import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { asciiDigits, chromiumForThisFile } from "../support/browser.ts";
import { INITIATIVE_ID } from "../support/donations.ts";

async function fillDonationForm(page: Page, donor: { amount: string; name: string; email: string }) {
  const form = page.getByTestId("donation-form");
  await form.locator('input[name="amount"]').fill(donor.amount);
  await form.locator('input[name="name"]').fill(donor.name);
  await form.locator('input[name="email"]').fill(donor.email);
  await page.getByTestId("donate-submit").click();
  await page.waitForURL(/\/local-stripe\/checkout\/cs_/);
}

const baseUrl = inject("productUrl");
const chromium = chromiumForThisFile();

describe("a donor gives from the Arabic initiative page", () => {
  it("donates, pays on the checkout page and sees the confirmed amount", async () => {
    const page = await chromium().newPage({ locale: "ar-SA" });
    await page.goto(`${baseUrl}/ar/initiatives/${INITIATIVE_ID}/`);
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    expect(await page.getAttribute("html", "lang")).toBe("ar");

    await fillDonationForm(page, { amount: "150", name: "عبدالله الأنصاري", email: "abdullah@example.com" });
    expect(asciiDigits(await page.getByTestId("local-checkout-amount").innerText())).toContain("150");
    await page.locator('button[value="paid"]').click();

    await page.waitForURL(/\/ar\/thanks\/\?session_id=cs_/);
    await page.locator('[data-testid="thanks-status"][data-status="paid"]').waitFor({ timeout: 30_000 });
    expect(asciiDigits(await page.getByTestId("thanks-amount").innerText())).toMatch(/150/);
    expect(await page.getByTestId("thanks-initiative").innerText()).toContain("كفالة الأيتام");

    const sessionId = new URL(page.url()).searchParams.get("session_id");
    const status = await fetch(`${baseUrl}/api/checkout/${sessionId}`).then((r) => r.json());
    expect(status).toMatchObject({ status: "paid", amount: { value: 15000, currency: "SAR" } });
    await page.close();
  });

  it("works without JavaScript: the form posts and the checkout page opens", async () => {
    const context = await chromium().newContext({ javaScriptEnabled: false, locale: "en-GB" });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/en/initiatives/${INITIATIVE_ID}/`);
    expect(await page.getAttribute("html", "dir")).toBe("ltr");
    await fillDonationForm(page, { amount: "75.50", name: "Maryam Saleh", email: "maryam@example.com" });
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.getByTestId("local-checkout-amount").innerText()).toMatch(/75\.50/);
    await context.close();
  });

  it("cancelling at checkout returns to the site and records nothing as paid", async () => {
    const page = await chromium().newPage();
    await page.goto(`${baseUrl}/ar/initiatives/${INITIATIVE_ID}/`);
    await fillDonationForm(page, { amount: "60", name: "نورة", email: "noura@example.com" });
    const sessionId = page.url().split("/").at(-1);
    await page.locator('button[value="canceled"]').click();
    await page.waitForURL(new RegExp(`/ar/initiatives/${INITIATIVE_ID}/canceled/$`));
    const status = await fetch(`${baseUrl}/api/checkout/${sessionId}`).then((r) => r.json());
    expect(status.status).toBe("expired");
    await page.close();
  });
});
