import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import ar from "../../contract/messages/ar.json" with { type: "json" };
import { asciiDigits, chromiumForThisFile } from "../support/browser.ts";
import { INITIATIVE_ID } from "../support/donations.ts";

const baseUrl = inject("productUrl");
const chromium = chromiumForThisFile();

async function openForm(locale: "ar" | "en", path = `initiatives/${INITIATIVE_ID}/`) {
  const page = await chromium().newPage();
  const checkoutCalls: number[] = [];
  page.on("response", (response) => {
    if (new URL(response.url()).pathname === "/api/checkout") checkoutCalls.push(response.status());
  });
  await page.goto(`${baseUrl}/${locale}/${path}`);
  return { page, form: page.getByTestId("donation-form"), checkoutCalls };
}

const errorOf = (page: Page, field: string) =>
  page.getByTestId("donation-form").locator(`[data-error-for="${field}"]`);

describe("the donation form with JavaScript", () => {
  it("checks the e-mail and phone in Arabic as the donor leaves and corrects them, without posting", async () => {
    const { page, form, checkoutCalls } = await openForm("ar");
    const email = form.locator('input[name="email"]');
    const phone = form.locator('input[name="phone"]');

    await email.fill("huda@");
    await email.press("Tab");
    await errorOf(page, "donor.email").filter({ hasText: ar.email_invalid }).waitFor();
    expect(await email.getAttribute("aria-invalid")).toBe("true");
    // Still typing a correct address clears the message at once, without leaving the field.
    await email.fill("huda@example.com");
    await errorOf(page, "donor.email").filter({ hasText: /^$/ }).waitFor({ state: "attached" });
    expect(await email.getAttribute("aria-invalid")).toBeNull();

    await phone.fill("0401234567");
    await phone.press("Tab");
    await errorOf(page, "donor.phone").filter({ hasText: /هاتف/ }).waitFor();
    expect(await errorOf(page, "donor.phone").innerText()).toContain("0501234567");
    await phone.fill("0501234567");
    await errorOf(page, "donor.phone").filter({ hasText: /^$/ }).waitFor({ state: "attached" });
    // Fields the donor has not reached yet are not told off.
    expect(await errorOf(page, "donor.name").innerText()).toBe("");
    expect(checkoutCalls).toEqual([]);
    await page.close();
  });

  it("on submit shows every error beside its field and in a summary, focusing the first", async () => {
    const { page, form, checkoutCalls } = await openForm("ar");
    await form.locator('input[name="amount"]').fill("٢");
    await form.locator('input[name="name"]').fill("س");
    await form.locator('input[name="email"]').fill("not-an-email");
    await page.getByTestId("donate-submit").click();

    const amountError = errorOf(page, "amount.value");
    await amountError.filter({ hasText: /.+/ }).waitFor();
    expect(asciiDigits(await amountError.innerText())).toMatch(/أقل مبلغ.*5/);
    expect(await errorOf(page, "donor.name").innerText()).toBe(ar.name_required);
    expect(await errorOf(page, "donor.email").innerText()).toBe(ar.email_invalid);
    expect(await form.locator('input[name="email"]').getAttribute("aria-invalid")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("amount");
    expect(await form.locator('[data-form-alert][role="alert"] li').count()).toBe(3);
    expect(new URL(page.url()).pathname).toBe(`/ar/initiatives/${INITIATIVE_ID}/`);
    expect(checkoutCalls).toEqual([]);

    await form.locator('input[name="amount"]').fill("٢٥٠");
    await form.locator('input[name="name"]').fill("سارة العتيبي");
    await form.locator('input[name="email"]').fill("sara@example.com");
    await page.getByTestId("donate-submit").click();
    await page.waitForURL(/\/local-stripe\/checkout\/cs_/);
    expect(asciiDigits(await page.getByTestId("local-checkout-amount").innerText())).toContain("250");
    expect(checkoutCalls).toEqual([201]);
    await page.close();
  });

  it("shows an error the API finds beside its field, in the donor's language", async () => {
    const { page, form, checkoutCalls } = await openForm("ar");
    // The page's checks pass; the body is altered on the way, so only the real API can object.
    await page.route("**/api/checkout", async (route) => {
      const body = route.request().postDataJSON();
      await route.continue({ postData: JSON.stringify({ ...body, donor: { ...body.donor, email: "x@" } }) });
    });
    await form.locator('input[name="amount"]').fill("100");
    await form.locator('input[name="name"]').fill("هدى القحطاني");
    await form.locator('input[name="email"]').fill("huda@example.com");
    await page.getByTestId("donate-submit").click();
    await errorOf(page, "donor.email").filter({ hasText: ar.email_invalid }).waitFor();
    expect(checkoutCalls).toEqual([400]);
    expect(await form.locator("[data-form-alert] li").allInnerTexts()).toEqual([ar.email_invalid]);
    expect(await page.getByTestId("donate-submit").isDisabled()).toBe(false);
    await page.close();
  });

  it("shows the fee to cover as the amount and currency change, with presets only in the page's currency", async () => {
    const { page, form } = await openForm("en");
    const label = page.getByTestId("cover-fee-label");
    expect(await label.innerText()).toMatch(/^Cover the processing fee \(2\.9% \+ SAR\s1\)$/);
    await form.locator('input[name="amount"]').fill("100");
    // (10000 + 100) / (1 − 0.029) = 10401.65 → 10402 halalas: SAR 4.02 on top.
    expect(await label.innerText()).toMatch(/\(\+ SAR\s4\.02\)$/);
    expect(await form.locator("fieldset[data-presets]").isVisible()).toBe(true);

    await form.locator('select[name="currency"]').selectOption("KWD");
    await form.locator('input[name="amount"]').fill("10");
    // KWD 10.000 + 0.100 fixed → 10401.65 fils, rounded up to a chargeable 10.410: KWD 0.410.
    expect(await label.innerText()).toMatch(/\(\+ KWD\s0\.410\)$/);
    expect(await form.locator("fieldset[data-presets]").isVisible()).toBe(false);
    expect(await form.locator("[data-amount-hint-text]").innerText()).toMatch(/KWD\s1\b/);
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

  it("sends monthly zakat with the fee covered and a dedication, and checks out the gift plus the fee", async () => {
    const { page, form } = await openForm("en");
    await form.locator('input[name="amount"]').fill("100");
    await form.locator('input[name="interval"][value="month"]').check({ force: true });
    await form.locator('input[name="designation"][value="zakat"]').check({ force: true });
    await form.locator('input[name="dedication"][value="memory"]').check({ force: true });
    await form.locator('input[name="dedicationName"]').fill("Abu Khalid");
    await form.locator("details[data-notify] summary").click();
    await form.locator('input[name="notifyName"]').fill("Khalid");
    await form.locator('input[name="notifyEmail"]').fill("khalid@example.com");
    await form.locator('input[name="anonymous"][value="true"]').check({ force: true });
    await form.locator('input[name="coverFee"]').check();
    await form.locator('input[name="name"]').fill("Omar Haddad");
    await form.locator('input[name="email"]').fill("omar@example.com");
    await form.locator('input[name="phone"]').fill("+971 50 123 4567");
    const request = page.waitForRequest((r) => new URL(r.url()).pathname === "/api/checkout");
    await page.getByTestId("donate-submit").click();
    expect((await request).postDataJSON()).toEqual({
      initiativeId: INITIATIVE_ID,
      amount: { value: 10000, currency: "SAR" },
      interval: "month",
      designation: "zakat",
      dedication: {
        kind: "memory",
        name: "Abu Khalid",
        notify: { name: "Khalid", email: "khalid@example.com" },
      },
      anonymous: true,
      coverFee: true,
      donor: { name: "Omar Haddad", email: "omar@example.com", phone: "+971 50 123 4567" },
      locale: "en",
      website: "",
    });
    await page.waitForURL(/\/local-stripe\/checkout\/cs_/);
    // The gift and the SAR 4.02 the donor chose to cover (awaits the lead's startDonation).
    expect(await page.getByTestId("local-checkout-amount").innerText()).toMatch(/104\.02/);
    await page.close();
  });
});
