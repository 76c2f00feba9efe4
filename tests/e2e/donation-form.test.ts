import { describe, expect, inject, it } from "vitest";
import { asciiDigits, chromiumForThisFile } from "../support/browser.ts";
import { INITIATIVE_ID } from "../support/donations.ts";

const baseUrl = inject("productUrl");
const chromium = chromiumForThisFile();

async function openForm(locale: "ar" | "en") {
  const page = await chromium().newPage();
  const checkoutCalls: number[] = [];
  page.on("response", (response) => {
    if (new URL(response.url()).pathname === "/api/checkout") checkoutCalls.push(response.status());
  });
  await page.goto(`${baseUrl}/${locale}/initiatives/${INITIATIVE_ID}/`);
  return { page, form: page.getByTestId("donation-form"), checkoutCalls };
}

describe("the donation form with JavaScript", () => {
  it("shows the API's errors beside each field, in Arabic, and stays on the page", async () => {
    const { page, form, checkoutCalls } = await openForm("ar");
    await form.locator('input[name="amount"]').fill("٢");
    await form.locator('input[name="name"]').fill("س");
    await form.locator('input[name="email"]').fill("not-an-email");
    await page.getByTestId("donate-submit").click();

    const amountError = form.locator('[data-error-for="amount.value"]');
    await amountError.filter({ hasText: /.+/ }).waitFor();
    expect(asciiDigits(await amountError.innerText())).toMatch(/أقل مبلغ.*5/);
    expect(await form.locator('[data-error-for="donor.name"]').innerText()).toBe("اكتب اسمك.");
    expect(await form.locator('[data-error-for="donor.email"]').innerText()).toContain("بريد");
    expect(await form.locator('input[name="email"]').getAttribute("aria-invalid")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("amount");
    expect(await form.locator("[data-form-alert] li").count()).toBe(3);
    expect(new URL(page.url()).pathname).toBe(`/ar/initiatives/${INITIATIVE_ID}/`);
    expect(checkoutCalls).toEqual([400]);

    // Correcting the fields clears the errors and goes on to the checkout page.
    await form.locator('input[name="amount"]').fill("٢٥٠");
    await form.locator('input[name="name"]').fill("سارة العتيبي");
    await form.locator('input[name="email"]').fill("sara@example.com");
    await page.getByTestId("donate-submit").click();
    await page.waitForURL(/\/local-stripe\/checkout\/cs_/);
    expect(asciiDigits(await page.getByTestId("local-checkout-amount").innerText())).toContain("250");
    expect(checkoutCalls).toEqual([400, 201]);
    await page.close();
  });

  it("fills the amount from a suggested gift and marks it pressed", async () => {
    const { page, form } = await openForm("en");
    const preset = form.locator("button.preset", { hasText: "SAR 300" });
    await preset.click();
    expect(await form.locator('input[name="amount"]').inputValue()).toBe("300");
    expect(await preset.getAttribute("aria-pressed")).toBe("true");
    await form.locator('input[name="amount"]').fill("301");
    expect(await preset.getAttribute("aria-pressed")).toBe("false");
    await page.close();
  });

  it("sends the chosen designation (zakat) to checkout", async () => {
    const { page, form } = await openForm("en");
    await form.locator('input[name="amount"]').fill("100");
    await form.locator('input[name="designation"][value="zakat"]').check({ force: true });
    await form.locator('input[name="name"]').fill("Omar Haddad");
    await form.locator('input[name="email"]').fill("omar@example.com");
    const request = page.waitForRequest((r) => new URL(r.url()).pathname === "/api/checkout");
    await page.getByTestId("donate-submit").click();
    expect((await request).postDataJSON()).toMatchObject({
      initiativeId: INITIATIVE_ID,
      amount: { value: 10000, currency: "SAR" },
      designation: "zakat",
      donor: { name: "Omar Haddad", email: "omar@example.com" },
      locale: "en",
    });
    await page.waitForURL(/\/local-stripe\/checkout\/cs_/);
    await page.close();
  });
});
