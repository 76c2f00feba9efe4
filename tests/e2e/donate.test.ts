import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import ar from "../../contract/messages/ar.json" with { type: "json" };
import { accessibilityViolations } from "../support/axe.ts";
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

describe("a donor gives to the council's general fund", () => {
  it("finds the page from the home page and donates without an initiative", async () => {
    const page = await chromium().newPage({ locale: "ar-SA" });
    await page.goto(`${baseUrl}/ar/`);
    await page.getByTestId("donate-general-link").click();
    await page.waitForURL(/\/ar\/donate\/$/);
    expect(await page.locator('nav.site-nav a[aria-current="page"]').getAttribute("href")).toBe(
      "/ar/donate/",
    );
    const form = page.getByTestId("donation-form");
    expect(await form.locator('input[name="initiativeId"]').count()).toBe(0);
    expect(await form.locator('input[name="designation"][value="zakat"]').count()).toBe(1);

    const request = page.waitForRequest((r) => new URL(r.url()).pathname === "/api/checkout");
    // Awaits the lead's startDonation, which takes a request without an initiative to the general fund.
    await fillDonationForm(page, { amount: "250", name: "خالد الحربي", email: "khalid@example.com" });
    expect((await request).postDataJSON()).not.toHaveProperty("initiativeId");
    expect(asciiDigits(await page.getByTestId("local-checkout-amount").innerText())).toContain("250");
    await page.close();
  });
});

describe("the donation form's accessibility", () => {
  it("passes axe with its optional parts open and its errors shown, in Arabic at 320 px", async () => {
    // axe is injected as an inline script, which the site's Content-Security-Policy rightly refuses.
    const context = await chromium().newContext({ bypassCSP: true, viewport: { width: 320, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/ar/donate/`);
    const form = page.getByTestId("donation-form");
    await form.locator('input[name="dedication"][value="memory"]').check({ force: true });
    await form.locator("details[data-notify] summary").click();
    await form.locator('input[name="email"]').fill("x@");
    await page.getByTestId("donate-submit").click();
    await form.locator('[data-error-for="donor.email"]').filter({ hasText: ar.email_invalid }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});

describe("the donation form without JavaScript", () => {
  async function noScriptPage(locale: "ar" | "en", path: string) {
    const context = await chromium().newContext({
      javaScriptEnabled: false,
      locale: locale === "ar" ? "ar-SA" : "en-GB",
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/${locale}/${path}`);
    return { context, page, form: page.getByTestId("donation-form") };
  }

  it("opens the dedication's fields only once one is chosen", async () => {
    const { context, form } = await noScriptPage("en", `initiatives/${INITIATIVE_ID}/`);
    const dedicationName = form.locator('input[name="dedicationName"]');
    expect(await dedicationName.isVisible()).toBe(false);
    await form.locator('input[name="dedication"][value="honor"]').check({ force: true });
    expect(await dedicationName.isVisible()).toBe(true);
    expect(await form.locator('input[name="notifyEmail"]').isVisible()).toBe(false);
    await form.locator("details[data-notify] summary").click();
    expect(await form.locator('input[name="notifyEmail"]').isVisible()).toBe(true);
    await context.close();
  });

  it("answers a bad field with the error page in Arabic", async () => {
    const { context, page, form } = await noScriptPage("ar", `initiatives/${INITIATIVE_ID}/`);
    await form.locator('input[name="amount"]').fill("100");
    await form.locator('input[name="name"]').fill("هدى القحطاني");
    await form.locator('input[name="email"]').fill("huda@example.com");
    await form.locator('input[name="phone"]').fill("12345");
    const response = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/checkout");
    await page.getByTestId("donate-submit").click();
    expect((await response).status()).toBe(400);
    expect(await page.getAttribute("html", "lang")).toBe("ar");
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    expect(await page.locator("h1").innerText()).toBe(ar.error_page_title);
    expect(await page.locator('[role="alert"] li').allInnerTexts()).toEqual([ar.phone_invalid]);
    await context.close();
  });

  it("posts every choice and checks out the gift plus the covered fee", async () => {
    const { context, page, form } = await noScriptPage("en", "donate/");
    await form.locator('input[name="amount"]').fill("100");
    await form.locator('input[name="designation"][value="sadaqah"]').check({ force: true });
    await form.locator('input[name="dedication"][value="honor"]').check({ force: true });
    await form.locator('input[name="dedicationName"]').fill("Umm Ali");
    await form.locator('input[name="coverFee"]').check();
    await form.locator('input[name="phone"]').fill("0501234567");
    // Awaits the lead's startDonation: the general fund, and the fee on top of the gift.
    await fillDonationForm(page, { amount: "100", name: "Maryam Saleh", email: "maryam@example.com" });
    expect(await page.getByTestId("local-checkout-amount").innerText()).toMatch(/104\.02/);
    await context.close();
  });
});
