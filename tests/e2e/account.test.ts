/**
 * A donor pays, then signs in to their account page with an e-mailed link (from the outbox) and finds what
 * they gave: the totals, a chart with its table of the same figures, the receipt of the gift and the
 * giving statement of this year. In Arabic and in English; axe finds nothing on the account pages.
 */

import { readFileSync } from "node:fs";
import { simpleParser } from "mailparser";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { UI_STRINGS } from "../../site/src/i18n/index.ts";
import { accessibilityViolations } from "../support/axe.ts";
import { asciiDigits, chromiumForThisFile } from "../support/browser.ts";
import { donationRequest, startCheckout } from "../support/donations.ts";
import { outboxMails } from "../support/outbox.ts";

const baseUrl = inject("productUrl");
const outboxDir = inject("outboxDir");
const chromium = chromiumForThisFile();

async function waitFor<T>(
  find: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Gives through the API and the local checkout page, and waits until the payment is recorded. */
async function give(
  page: Page,
  donor: { name: string; email: string },
  locale: "ar" | "en",
  value: number,
  interval: "once" | "month" = "once",
) {
  const checkout = await startCheckout(
    baseUrl,
    donationRequest({ donor, locale, interval, amount: { value, currency: "SAR" }, designation: "sadaqah" }),
  );
  expect(checkout.status).toBe(201);
  const url = String(checkout.body.checkoutUrl).replace(/^https?:\/\/[^/]+/, baseUrl);
  await page.goto(url);
  await page.locator('button[value="paid"]').click();
  const sessionId = url.split("/").at(-1);
  await waitFor(async () => {
    const status = await fetch(`${baseUrl}/api/checkout/${sessionId}`).then((r) => r.json());
    return status.status === "paid" ? status : undefined;
  });
}

/** The sign-in link e-mailed to the address (the outbox holds every e-mail as an .eml file). */
async function signInLink(email: string): Promise<string> {
  const link = await waitFor(async () => {
    for (const file of outboxMails(outboxDir)) {
      const raw = readFileSync(file);
      if (!raw.includes(email)) continue;
      const mail = await simpleParser(raw);
      const found = /https?:\/\/\S+\/api\/auth\/callback\?token=[\w-]+/.exec(mail.text ?? "")?.[0];
      if (found) return found;
    }
    return undefined;
  });
  return link.replace(/^https?:\/\/[^/]+/, baseUrl);
}

/** Asks for a link on the account page, opens it from the outbox and waits for the dashboard; the link. */
async function signIn(page: Page, locale: "ar" | "en", email: string): Promise<string> {
  await page.getByTestId("signin-form").locator('input[name="email"]').fill(email);
  await page.getByTestId("signin-form").locator('button[type="submit"]').click();
  await page.waitForURL(new RegExp(`/${locale}/account/\\?sent=1$`));
  expect(await page.getByTestId("account-notice").innerText()).toBe(
    UI_STRINGS[locale]["account.notice.sent"],
  );
  const link = await signInLink(email);
  await page.goto(link);
  await page.waitForURL(new RegExp(`/${locale}/account/$`));
  await page.locator('[data-account][data-state="signed-in"]').waitFor({ timeout: 15_000 });
  return link;
}

const CASES = [
  {
    locale: "ar" as const,
    donor: { name: "سارة الزهراني", email: "sara.account@example.com" },
    amount: "150.00",
    value: 15_000,
    dir: "rtl",
  },
  {
    locale: "en" as const,
    donor: { name: "Yusuf Rahman", email: "yusuf.account@example.com" },
    amount: "75.50",
    value: 7_550,
    dir: "ltr",
  },
];

describe.each(CASES)("the donor's account page in $locale", ({ locale, donor, amount, value, dir }) => {
  it("signs in by e-mail and shows the totals, a chart with its table, the receipt and the statement", async () => {
    // axe is injected as an inline script, which the site's Content-Security-Policy rightly refuses.
    const notices = UI_STRINGS[locale];
    const context = await chromium().newContext({
      bypassCSP: true,
      locale: locale === "ar" ? "ar-SA" : "en-GB",
    });
    const page = await context.newPage();
    await give(page, donor, locale, value);

    await page.goto(`${baseUrl}/${locale}/account/`);
    expect(await page.getAttribute("html", "dir")).toBe(dir);
    await page.locator('[data-account][data-state="signed-out"]').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    const link = await signIn(page, locale, donor.email);
    expect(asciiDigits(await page.getByTestId("totals-all-time").innerText())).toContain(amount);
    expect(await page.locator("[data-greeting]").innerText()).toContain(donor.name);
    // The latest story of the initiative given to, from the page itself (an Arabic-only story: its Arabic page).
    const story = page.locator("[data-stories] li a").first();
    await story.waitFor();
    expect(await story.getAttribute("href")).toBe("/ar/stories/sewing-circle-al-aziziyah/");

    // The chart is drawn and its table states the same figure for this month.
    const canvas = page.locator('[data-testid="chart-time"][data-drawn="true"]');
    await canvas.waitFor();
    expect(await canvas.getAttribute("role")).toBe("img");
    expect(asciiDigits((await canvas.getAttribute("aria-label")) ?? "")).toContain(amount);
    await page.locator('[data-account-chart="time"] summary').click();
    const tableRows = page.getByTestId("chart-table-time").locator("tbody tr");
    expect(asciiDigits(await tableRows.last().innerText())).toContain(amount);
    // Something is painted on the canvas (a blank one has only transparent pixels).
    const drawn = await page.evaluate(() => {
      const node = document.querySelector<HTMLCanvasElement>('[data-testid="chart-time"]');
      const pixels = node?.getContext("2d")?.getImageData(0, 0, node.width, node.height).data ?? [];
      return pixels.some((value, index) => index % 4 === 3 && value > 0);
    });
    expect(drawn).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);

    // The receipt is numbered by a worker after the payment: reload until its link is in the history.
    const receiptLink = page.getByTestId("history").locator('a[href*="/receipt/"]').first();
    await waitFor(async () => {
      if ((await receiptLink.count()) > 0) return true;
      await page.reload();
      await page.locator('[data-account][data-state="signed-in"]').waitFor();
      await page.getByTestId("history").locator("tbody tr").first().waitFor();
      return undefined;
    });
    await receiptLink.click();
    await page.waitForURL(new RegExp(`/${locale}/receipt/\\?n=`));
    await page.getByTestId("receipt-document").waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("receipt-document").innerText()).toContain(donor.name);

    // This year's statement (the picker's default year) lists the gift.
    await page.goto(`${baseUrl}/${locale}/account/`);
    await page.locator('[data-account][data-state="signed-in"]').waitFor();
    await page.getByTestId("statement-open").click();
    await page.waitForURL(new RegExp(`/${locale}/account/statement/\\?calendar=gregorian&year=\\d{4}$`));
    await page.getByTestId("statement").waitFor({ timeout: 15_000 });
    expect(asciiDigits(await page.getByTestId("totals-currencies").innerText())).toContain(amount);
    expect(await page.getByTestId("statement").innerText()).toContain(donor.name);
    const pdfPath = (await page.getByTestId("statement-pdf").getAttribute("href")) ?? "";
    expect(pdfPath).toMatch(
      new RegExp(`^/api/me/statement/pdf\\?calendar=gregorian&year=\\d{4}&locale=${locale}$`),
    );
    // The link downloads the PDF with the page's session (the context's cookie goes along).
    const pdf = await page.request.get(`${baseUrl}${pdfPath}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    expect(await accessibilityViolations(page)).toEqual([]);

    // Signing out ends the session; the used link then says it has expired.
    await page.goto(`${baseUrl}/${locale}/account/`);
    await page.locator('[data-account][data-state="signed-in"]').waitFor();
    await page.getByTestId("signout").click();
    await page.waitForURL(new RegExp(`/${locale}/account/\\?signedout=1$`));
    await page.locator('[data-account][data-state="signed-out"]').waitFor();
    expect(await page.getByTestId("account-notice").innerText()).toBe(notices["account.notice.signedout"]);
    await page.goto(link);
    await page.waitForURL(new RegExp(`/${locale}/account/\\?signin=expired$`));
    await page.locator('[data-account][data-state="signed-out"]').waitFor();
    expect(await page.getByTestId("account-notice").innerText()).toBe(notices["account.notice.expired"]);
    await context.close();
  });
});

describe("a monthly gift on the account page", () => {
  it("shows its next charge and opens the page to change the card or cancel", async () => {
    const page = await chromium().newPage({ locale: "en-GB" });
    const donor = { name: "Huda Salem", email: "huda.monthly.account@example.com" };
    await give(page, donor, "en", 5_000, "month");
    await page.goto(`${baseUrl}/en/account/`);
    await signIn(page, "en", donor.email);
    const row = page.getByTestId("monthly").locator("tbody tr").first();
    const cells = (await row.locator("td").allInnerTexts()).map((text) => text.replace(/\u00a0/g, " "));
    expect(cells[0]).toBe("SAR 50.00");
    // The next charge in both calendars: "1 January 2027 (12 Rajab 1448 AH)".
    expect(cells[1]).toMatch(/^\d{1,2} \w+ \d{4} \(.+ \d{4} AH\)$/);
    expect(cells[2]).toBe(UI_STRINGS.en["account.monthly.status.active"]);
    await row.getByRole("button", { name: UI_STRINGS.en["account.monthly.manage"] }).click();
    await page.waitForURL(/\/local-stripe\/billing\//);
    await page.getByTestId("portal-status").waitFor();
    await page.close();
  });
});
