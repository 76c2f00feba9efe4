/**
 * A donor gives monthly zakat in Arabic, pays on the (local) checkout page, is told the monthly gift has
 * started, and finds an Arabic receipt in the outbox, whose link opens the printable receipt.
 */

import { readFileSync } from "node:fs";
import { simpleParser } from "mailparser";
import { describe, expect, inject, it } from "vitest";
import { asciiDigits, chromiumForThisFile } from "../support/browser.ts";
import { INITIATIVE_ID } from "../support/donations.ts";
import { outboxMails } from "../support/outbox.ts";

const baseUrl = inject("productUrl");
const outboxDir = inject("outboxDir");
const chromium = chromiumForThisFile();

async function waitFor<T>(find: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("a monthly zakat donation in Arabic", () => {
  it("is paid, confirmed as a monthly gift, and its Arabic receipt reaches the outbox", async () => {
    const page = await chromium().newPage({ locale: "ar-SA" });
    await page.goto(`${baseUrl}/ar/initiatives/${INITIATIVE_ID}/`);
    const form = page.getByTestId("donation-form");
    await form.locator('input[name="amount"]').fill("250");
    await form.locator('input[name="interval"][value="month"]').check({ force: true });
    await form.locator('input[name="designation"][value="zakat"]').check({ force: true });
    await form.locator('input[name="name"]').fill("خالد العتيبي");
    await form.locator('input[name="email"]').fill("khalid.monthly@example.com");
    await page.getByTestId("donate-submit").click();
    await page.waitForURL(/\/local-stripe\/checkout\/cs_/);
    const sessionId = page.url().split("/").at(-1) ?? "";
    expect(asciiDigits(await page.getByTestId("local-checkout-amount").innerText())).toContain("250");
    await page.locator('button[value="paid"]').click();

    await page.waitForURL(/\/ar\/thanks\/\?session_id=cs_/);
    await page
      .locator('[data-testid="thanks-status"][data-status="paidMonthly"]')
      .waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("thanks-status").innerText()).toContain("الشهري");
    const status = await fetch(`${baseUrl}/api/checkout/${sessionId}`).then((r) => r.json());
    expect(status).toMatchObject({
      status: "paid",
      interval: "month",
      amount: { value: 25000, currency: "SAR" },
      subscription: { active: true, paidThrough: expect.any(String) },
    });

    // The receipt worker runs from the table's stream; its e-mail lands in the outbox as a .eml file.
    const receiptFile = await waitFor(() => {
      for (const file of outboxMails(outboxDir, "receipt-")) {
        const raw = readFileSync(file, "utf8");
        if (raw.includes("khalid.monthly@example.com")) return file;
      }
      return undefined;
    });
    const mail = await simpleParser(readFileSync(receiptFile));
    expect(mail.headers.get("content-language")).toBe("ar");
    expect(mail.text).toContain("زكاة");
    expect(mail.text).toContain("خالد العتيبي");
    expect(asciiDigits(mail.text ?? "")).toContain("250.00");
    const link = /https?:\/\/\S+\/ar\/receipt\/\?n=[\d-]+&k=[\w-]+/.exec(mail.text ?? "")?.[0];
    expect(link).toBeDefined();

    // The printable receipt opens from the e-mail's link.
    await page.goto(String(link).replace(/^https?:\/\/[^/]+/, baseUrl));
    const receiptNumber = new URL(String(link)).searchParams.get("n") ?? "";
    await page.getByText(receiptNumber).first().waitFor({ timeout: 15_000 });
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    expect(await page.locator("main").innerText()).toContain("خالد العتيبي");
    await page.close();
  });
});
