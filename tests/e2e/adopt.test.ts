import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import ar from "../../contract/messages/ar.json" with { type: "json" };
import en from "../../site/src/i18n/en.json" with { type: "json" };
import { accessibilityViolations } from "../support/axe.ts";
import { asciiDigits, chromiumForThisFile } from "../support/browser.ts";

const baseUrl = inject("productUrl");
const chromium = chromiumForThisFile();

const MONTHLY_ORPHANS = "monthly-orphan-sponsorship";
/** Ten units of SAR 15,000, paid once: small enough to run out in a test. */
const TEN_UNITS = "grassroots-capacity-building";

const pageOf = (locale: "ar" | "en", initiativeId: string) =>
  `${baseUrl}/${locale}/initiatives/${initiativeId}/`;

/** The counter once the island has put the live availability in it: its figures as shown and as data. */
async function liveCounter(page: Page) {
  const counter = page.locator('[data-adoption-counter][data-counter-source="live"]');
  await counter.waitFor();
  const figure = async (name: string) => {
    const slot = counter.locator(`[data-count="${name}"]`);
    return {
      value: Number(await slot.getAttribute("data-value")),
      text: asciiDigits(await slot.innerText()),
    };
  };
  return {
    counter,
    adopted: await figure("adopted"),
    held: await figure("held"),
    free: await figure("free"),
  };
}

async function fillDonor(page: Page, donor: { name: string; email: string }) {
  const form = page.getByTestId("adoption-form");
  await form.locator('input[name="name"]').fill(donor.name);
  await form.locator('input[name="email"]').fill(donor.email);
}

/** Gives the units back: what cancelling on the checkout page does (Stripe expires the session). */
async function cancelCheckout(page: Page) {
  await page.locator('button[value="canceled"]').click();
  await page.waitForURL(/\/canceled\/$/);
}

describe("adopting monthly orphan sponsorships in Arabic", () => {
  it("adopts two, pays, and finds them counted and named on the initiative page", async () => {
    const page = await chromium().newPage({ locale: "ar-SA" });
    await page.goto(pageOf("ar", MONTHLY_ORPHANS));
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    const before = await liveCounter(page);
    expect(before.free.text).toBe(String(before.free.value));
    expect(before.adopted.text).toBe(`${before.adopted.value} من 400`);

    const form = page.getByTestId("adoption-form");
    // Another sponsor's half-covered unit would have the completing share chosen: ask for whole ones.
    await form.locator('input[name="share"][value="whole"]').check({ force: true });
    await form.locator('input[name="units"]').fill("2");
    // Arabic money carries right-to-left marks around it ("\u200f300 ر.س.\u200f").
    const total = asciiDigits(await form.locator("[data-units-total]").innerText()).replace(/\u200f/g, "");
    expect(total).toMatch(/^المجموع: 2 × 300\sر\.س\. = 600\sر\.س\. شهريًا$/u);
    await fillDonor(page, { name: "سلمان العتيبي", email: "salman@example.com" });
    await form.locator('input[name="recognition"]').check();
    await form.locator('input[name="recognitionName"]').fill("آل العتيبي");
    const request = page.waitForRequest((r) => new URL(r.url()).pathname === "/api/adoptions/checkout");
    await page.getByTestId("adopt-submit").click();
    expect((await request).postDataJSON()).toMatchObject({
      initiativeId: MONTHLY_ORPHANS,
      units: 2,
      interval: "month",
      recognition: { consent: true, name: "آل العتيبي" },
      locale: "ar",
    });
    await page.waitForURL(/\/local-stripe\/checkout\/cs_/);
    expect(asciiDigits(await page.getByTestId("local-checkout-amount").innerText())).toContain("600");
    await page.locator('button[value="paid"]').click();
    await page.waitForURL(/\/ar\/thanks\/\?session_id=cs_/);
    await page
      .locator('[data-testid="thanks-status"][data-status="paidMonthly"]')
      .waitFor({ timeout: 30_000 });

    await page.goto(pageOf("ar", MONTHLY_ORPHANS));
    const after = await liveCounter(page);
    expect(after.free.value).toBe(before.free.value - 2);
    expect(after.adopted.value).toBe(before.adopted.value + 2);
    expect(after.free.text).toBe(String(before.free.value - 2));
    expect(await after.counter.locator("[data-adopters-names]").innerText()).toContain(
      "آل العتيبي (كفالات: 2)",
    );
    await page.close();
  });

  it("posts a chosen share as a share of one sponsorship", async () => {
    const page = await chromium().newPage({ locale: "ar-SA" });
    await page.goto(pageOf("ar", MONTHLY_ORPHANS));
    await liveCounter(page);
    const form = page.getByTestId("adoption-form");
    await form.locator('input[name="share"][value="15000"]').check({ force: true });
    expect(await form.locator('input[name="units"]').isVisible()).toBe(false);
    await fillDonor(page, { name: "نورة الشهري", email: "noura@example.com" });
    const request = page.waitForRequest((r) => new URL(r.url()).pathname === "/api/adoptions/checkout");
    await page.getByTestId("adopt-submit").click();
    expect((await request).postDataJSON()).toMatchObject({
      units: 1,
      share: 15000,
      recognition: { consent: false },
    });
    await page.waitForURL(/\/local-stripe\/checkout\/cs_/);
    expect(asciiDigits(await page.getByTestId("local-checkout-amount").innerText())).toContain("150");
    await cancelCheckout(page);
    await page.close();
  });

  it("works without JavaScript: the form posts and the checkout page opens", async () => {
    const context = await chromium().newContext({ javaScriptEnabled: false, locale: "ar-SA" });
    const page = await context.newPage();
    await page.goto(pageOf("ar", MONTHLY_ORPHANS));
    const form = page.getByTestId("adoption-form");
    await form.locator('input[name="share"][value="whole"]').check({ force: true });
    await form.locator('input[name="units"]').fill("2");
    await form.locator('input[name="designation"][value="zakat"]').check({ force: true });
    await fillDonor(page, { name: "Maryam Saleh", email: "maryam@example.com" });
    const response = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/adoptions/checkout");
    await page.getByTestId("adopt-submit").click();
    expect((await response).status()).toBe(303);
    await page.waitForURL(/\/local-stripe\/checkout\/cs_/);
    expect(asciiDigits(await page.getByTestId("local-checkout-amount").innerText())).toContain("600");
    await cancelCheckout(page);
    await context.close();
  });
});

describe("asking for more units than are free", () => {
  it("shows the API's Arabic message with the number still free, and puts it in the counter", async () => {
    const page = await chromium().newPage({ locale: "ar-SA" });
    await page.goto(pageOf("ar", TEN_UNITS));
    const before = await liveCounter(page);
    // Someone else takes every free unit after the page showed them free.
    const holds: string[] = [];
    if (before.free.value > 0) {
      const response = await fetch(`${baseUrl}/api/adoptions/checkout`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          initiativeId: TEN_UNITS,
          units: before.free.value,
          interval: "once",
          donor: { name: "Fatimah Al-Harbi", email: "fatimah@example.com" },
          locale: "ar",
        }),
      });
      expect(response.status).toBe(201);
      holds.push(((await response.json()) as { checkoutUrl: string }).checkoutUrl);
    }

    const form = page.getByTestId("adoption-form");
    await form.locator('input[name="units"]').fill("1");
    await fillDonor(page, { name: "خالد الحربي", email: "khalid@example.com" });
    const response = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/adoptions/checkout");
    await page.getByTestId("adopt-submit").click();
    expect((await response).status()).toBe(409);
    // None left: the API says so in words, rather than "only 0 are free".
    const message = ar.units_sold_out;
    await form.locator('[data-error-for="units"]').filter({ hasText: message }).waitFor();
    expect(await form.locator('input[name="units"]').getAttribute("aria-invalid")).toBe("true");
    expect(await form.locator("[data-form-alert] li").allInnerTexts()).toEqual([message]);
    expect(await page.locator('[data-count="free"]').getAttribute("data-value")).toBe("0");
    expect(await form.locator("[data-adoption-closed]").isVisible()).toBe(true);

    for (const checkoutUrl of holds) {
      await page.goto(checkoutUrl);
      await cancelCheckout(page);
    }
    await page.close();
  });
});

describe("the adoption form's accessibility", () => {
  it.each(["ar", "en"] as const)(
    "passes axe in %s at 320 px with its parts open and its errors shown",
    async (locale) => {
      // axe is injected as an inline script, which the site's Content-Security-Policy rightly refuses.
      const context = await chromium().newContext({ bypassCSP: true, viewport: { width: 320, height: 800 } });
      const page = await context.newPage();
      await page.goto(pageOf(locale, MONTHLY_ORPHANS));
      await liveCounter(page);
      const form = page.getByTestId("adoption-form");
      await form.locator('input[name="share"][value="whole"]').check({ force: true });
      // Ticked first: leaving a field shows its error, which moves what is below it.
      await form.locator('input[name="recognition"]').check();
      await form.locator('input[name="recognitionName"]').fill("N");
      await form.locator('input[name="units"]').fill("0");
      await form.locator('input[name="email"]').fill("x@");
      await page.getByTestId("adopt-submit").click();
      await form.locator('[data-error-for="units"]').filter({ hasText: /.+/ }).waitFor();
      expect(await form.locator("[data-form-alert] li").count()).toBe(4);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      expect(await accessibilityViolations(page)).toEqual([]);
      await context.close();
    },
  );

  it("offers a whole initiative with one button, and passes axe", async () => {
    const context = await chromium().newContext({ bypassCSP: true, viewport: { width: 320, height: 800 } });
    const page = await context.newPage();
    await page.goto(pageOf("en", "regional-needs-map"));
    const status = page.locator('[data-adoption-counter][data-counter-source="live"] [data-whole-status]');
    expect(await status.innerText()).toBe(en["adopt.whole.open"]);
    const form = page.getByTestId("adoption-form");
    expect(await form.locator('input[name="units"]').getAttribute("type")).toBe("hidden");
    expect(await page.getByTestId("adopt-submit").innerText()).toMatch(
      /^Adopt the whole initiative \(SAR\s480,000\)$/,
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
