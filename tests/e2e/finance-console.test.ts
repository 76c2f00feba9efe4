/**
 * The finance console end to end in Chromium: a refund made in Stripe's dashboard (its webhook withheld)
 * leaves the ledger short; Stripe pays out; finance staff import the payout in the console, see the
 * exception, resolve it by recording the missing refund with a note, mark the payout reconciled, read the
 * fund balances, record a bank transfer, export the refunds (the recorded refund is in the file) and find
 * each action in the audit log; then the same payout in Arabic, and a refusal in Arabic.
 */
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import type { Page } from "playwright-core";
import type Stripe from "stripe";
import { describe, expect, inject, it } from "vitest";
import { LOCAL_STRIPE_SECRET_KEY } from "../../functions/config.ts";
import { chromiumForThisFile } from "../support/browser.ts";
import { signIn, staffUser, violationsWhenSignedIn } from "../support/finance-console.ts";
import { paidGift, stripeAdmin } from "../support/reconciliation.ts";

const baseUrl = inject("productUrl");
const chromium = chromiumForThisFile();

/**
 * Earlier test files' balance goes out in a payout of its own (400 when there is none), so the payout this
 * file makes holds only its own gift and refund.
 */
async function payOutEarlierBalance() {
  const response = await fetch(`${baseUrl}/local-stripe/admin/payouts`, {
    method: "POST",
    headers: { authorization: `Bearer ${LOCAL_STRIPE_SECRET_KEY}`, "content-type": "application/json" },
    body: "{}",
  });
  expect([200, 400]).toContain(response.status);
}

async function openPayout(page: Page, payoutId: string) {
  await page.locator(`[data-payout-id="${payoutId}"]`).getByRole("button").click();
  await page.getByTestId("payout-transactions").waitFor();
}

describe("the finance console's panels", () => {
  it("imports a payout, resolves its exception by recording the missing refund, reconciles, and exports", async () => {
    await payOutEarlierBalance();
    // A gift in KWD (three decimals), refunded in part from Stripe's dashboard: the ledger never hears of it.
    const donationId = await paidGift(baseUrl, 20000, "KWD");
    const dashboard = await stripeAdmin(baseUrl, "refunds", {
      ref: donationId,
      amount: 5000,
      deliver: false,
    });
    expect(dashboard.deliveries.every((delivery) => delivery.withheld)).toBe(true);
    const refundId = (dashboard.refund as Stripe.Refund).id;
    const paidOut = await stripeAdmin(baseUrl, "payouts");
    const [payout] = paidOut.payouts as Stripe.Payout[];
    expect(paidOut.payouts).toHaveLength(1);
    const payoutId = String(payout?.id);

    const finance = await staffUser("payouts@council.example", "finance");
    const context = await chromium().newContext();
    const page = await context.newPage();
    await signIn(page, "en", finance);

    // The import is a job: the console follows its progress in a live region, then lists the payout.
    await page.getByRole("button", { name: "Import payouts from Stripe" }).click();
    const progress = page.getByTestId("import-progress");
    await expect
      .poll(() => progress.innerText(), { timeout: 30_000 })
      .toMatch(
        /^Import finished: [12] payouts imported, 0 already imported, \d+ transactions, \d+ exceptions\.$/,
      );
    expect(await progress.getAttribute("aria-live")).toBe("polite");
    const row = page.locator(`[data-payout-id="${payoutId}"]`);
    await row.waitFor();
    expect(await row.getByTestId("open-exceptions").innerText()).toBe("1");
    expect(await row.getByTestId("payout-status").innerText()).toBe("Not reconciled");

    // The payout: the exception with its reason, and "Mark reconciled" held back while it is open.
    await openPayout(page, payoutId);
    const exception = page.locator("[data-exception-id]");
    expect(await exception.count()).toBe(1);
    expect(await exception.getByTestId("exception-reason").innerText()).toBe("Refund missing in the ledger");
    expect(await exception.innerText()).toContain(refundId);
    expect(await exception.innerText()).toContain("KWD");
    expect(await page.getByTestId("reconcile").isDisabled()).toBe(true);
    expect(await page.getByTestId("reconcile-blocked").innerText()).toBe(
      "Resolve the 1 open exceptions first.",
    );
    // The donor's amount in KWD beside Stripe's settled SAR, fee, net and the exchange rate.
    const refundRow = page.locator("[data-transaction-id]", { hasText: refundId });
    expect(await refundRow.getByTestId("transaction-match").innerText()).toBe("Not matched");
    const charge = page.locator("[data-transaction-id]", { hasText: "KWD 20.000" });
    expect(await charge.innerText()).toMatch(
      /\tKWD\s20\.000\tSAR\s244\.00\tSAR\s8\.08\tSAR\s235\.92\t12\.2\tMatched · Zakat$/,
    );

    expect(
      await violationsWhenSignedIn(chromium(), page, async (again) => {
        await again.locator(`[data-payout-id="${payoutId}"]`).getByRole("button").click();
        await again.getByTestId("resolve-form").waitFor();
      }),
    ).toEqual([]);

    // Resolving needs a note; the action records the refund in the ledger as the webhook would have.
    const form = exception.getByTestId("resolve-form");
    const record = form.getByRole("checkbox", { name: "Record the missing refund in the ledger" });
    expect(await record.isChecked()).toBe(true);
    await form.getByRole("button", { name: "Resolve" }).click();
    expect(
      await form.getByRole("textbox").evaluate((box: HTMLTextAreaElement) => box.validity.valueMissing),
    ).toBe(true);
    await form
      .getByRole("textbox", { name: "Note (required)" })
      .fill("Refunded by phone from Stripe's dashboard");
    await form.getByRole("button", { name: "Resolve" }).click();
    const resolved = exception.getByTestId("exception-resolved");
    await resolved.waitFor();
    expect(await resolved.innerText()).toContain("Record the missing refund in the ledger");
    expect(await resolved.innerText()).toContain("Refunded by phone from Stripe's dashboard");

    await page.getByTestId("reconcile").click();
    await expect.poll(() => page.getByTestId("payout-status").innerText()).toMatch(/^Reconciled \(/);

    // Read again from the API: the refund now matches a ledger entry, and the list says reconciled.
    await page.getByRole("button", { name: "Back to payouts" }).click();
    await expect.poll(() => row.getByTestId("payout-status").innerText()).toBe("Reconciled");
    expect(await row.getByTestId("open-exceptions").innerText()).toBe("0");
    await openPayout(page, payoutId);
    expect(await refundRow.getByTestId("transaction-match").innerText()).toBe(
      "Matched when its exception was resolved",
    );

    // The fund balances of the council's days: zakat apart, the refund taken off the general fund's gross.
    await page.getByRole("button", { name: "Funds" }).click();
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("From", { exact: true }).fill(day(-1));
    await page.getByLabel("To", { exact: true }).fill(day(1));
    await page.getByRole("button", { name: "Show balances" }).click();
    const zakat = page.getByTestId("funds-zakat");
    await zakat.waitFor();
    expect(await zakat.locator("caption").innerText()).toBe("Zakat");
    const zakatKwd = zakat.locator('tbody tr[data-fund="general"]', { hasText: "(KWD)" });
    expect(await zakatKwd.locator("td").nth(0).innerText()).toMatch(/^KWD\s20\.000$/);
    expect(await zakatKwd.locator("td").nth(1).innerText()).toMatch(/^KWD\s5\.000$/);

    // A gift received by bank transfer, recorded in the form, is in the balances (as general money).
    const gift = page.getByTestId("gift-form");
    await gift.getByLabel("Donor's name").fill("Khalid Al-Sabah");
    await gift.getByLabel("Donor's e-mail").fill("khalid@example.com");
    await gift.getByLabel("Amount").fill("1.500");
    await gift.getByLabel("Currency (ISO code)").fill("KWD");
    await gift.getByLabel("Bank reference").fill("NBK-2026-0001");
    await gift.getByLabel("Received on").fill(day(0));
    await gift.getByRole("button", { name: "Record the gift" }).click();
    await expect
      .poll(() => gift.getByRole("status").innerText())
      .toMatch(
        /^Recorded KWD\s1\.500, reference NBK-2026-0001 \(donation don_\w+\); the receipt is on its way/,
      );
    await page.getByRole("button", { name: "Show balances" }).click();
    const general = page.getByTestId("funds-general");
    await general.waitFor();
    const generalKwd = general.locator('tbody tr[data-fund="general"]', { hasText: "(KWD)" });
    expect(await generalKwd.locator("td").nth(0).innerText()).toMatch(/^KWD\s1\.500$/);
    expect(
      await violationsWhenSignedIn(chromium(), page, async (again) => {
        await again.getByRole("button", { name: "Funds" }).click();
        await again.getByTestId("gift-form").waitFor();
      }),
    ).toEqual([]);

    // The refund recorded on resolving is in the books: exported as CSV, it is a row of its own.
    await page.getByRole("button", { name: "Exports" }).click();
    const exportForm = page.getByTestId("export-form");
    await exportForm.getByLabel("What to export").selectOption("refunds");
    await exportForm.getByLabel("File language").selectOption("en");
    expect(await exportForm.getByLabel("Format").inputValue()).toBe("csv");
    await exportForm.getByRole("button", { name: "Export" }).click();
    const link = page.getByTestId("export-download");
    await link.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("export-progress").innerText()).toMatch(/^Export ready: \d+ rows\.$/);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^athar-refunds-.*\.csv$/);
    const rows = parse(await readFile(await download.path()), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.filter((exported) => exported["Stripe reference"] === refundId)).toEqual([
      expect.objectContaining({
        Donation: donationId,
        Currency: "KWD",
        "Amount (minor units)": expect.stringMatching(/^-?5000$/),
      }),
    ]);

    expect(
      await violationsWhenSignedIn(chromium(), page, async (again) => {
        await again.getByRole("button", { name: "Exports" }).click();
        await again.getByTestId("export-form").waitFor();
      }),
    ).toEqual([]);

    // Every action is in the audit log, by whom and on what.
    await page.getByRole("button", { name: "Audit log" }).click();
    const entries = page.getByTestId("audit-entries");
    await entries.waitFor();
    const log = await entries.innerText();
    const logged = await entries
      .locator("tr[data-action]")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-action")));
    for (const action of ["payout.import", "exception.resolve", "payout.reconcile", "gift.record", "export"])
      expect(logged).toContain(action);
    // In words, never codes or raw JSON.
    for (const words of [
      "Payout import requested",
      "Exception resolved",
      "Payout reconciled",
      "Offline gift recorded",
    ])
      expect(log).toContain(words);
    expect(log).not.toMatch(/[{}]|exception\.resolve/);
    if (process.env.ATHAR_SCREENSHOTS)
      await page.screenshot({ path: `${process.env.ATHAR_SCREENSHOTS}/audit-en.png`, fullPage: true });
    expect(log).toContain(payoutId);
    expect(log).toContain("payouts@council.example");
    await context.close();

    // In Arabic, right to left, the same payout with the reason and status translated.
    const arabic = await chromium().newContext();
    const arPage = await arabic.newPage();
    await signIn(arPage, "ar", await staffUser("payouts-ar@council.example", "finance"));
    expect(await arPage.locator("html").getAttribute("dir")).toBe("rtl");
    await arPage.locator(`[data-payout-id="${payoutId}"]`).waitFor();
    expect(
      await arPage.locator(`[data-payout-id="${payoutId}"]`).getByTestId("payout-status").innerText(),
    ).toBe("تمت المطابقة");
    await openPayout(arPage, payoutId);
    expect(await arPage.getByTestId("exception-reason").innerText()).toBe("استرداد غير موجود في السجل");
    // The API's refusal in the staff's language: a one-time gift is no sponsorship to cover.
    await arPage.getByRole("button", { name: "العودة إلى التحويلات" }).click();
    await arPage.getByRole("button", { name: "الصناديق" }).click();
    const cover = arPage.getByTestId("cover-form");
    await cover.getByLabel("الكفالة (رقم التبرع)").fill(donationId);
    await cover.getByLabel("الأشهر (من 1 إلى 12)").fill("2");
    await cover.getByLabel("ملاحظة (إلزامية)").fill("كفالة متوقفة");
    await cover.getByRole("button", { name: "تغطية الأشهر" }).click();
    await expect
      .poll(() => cover.getByRole("alert").innerText())
      .toBe("لا يُغطّى من الصندوق العام إلا كفالة شهرية.");
    // The audit log in Arabic words, the payout's amount in riyals.
    await arPage.getByRole("button", { name: "سجل التدقيق" }).click();
    const arLog = arPage.getByTestId("audit-entries");
    await arLog.waitFor();
    const arText = await arLog.innerText();
    for (const words of ["طلب استيراد تحويل", "معالجة استثناء", "مطابقة تحويل", `التحويل ${payoutId}`])
      expect(arText).toContain(words);
    expect(arText).not.toMatch(/[{}]|payout\.reconcile/);
    if (process.env.ATHAR_SCREENSHOTS)
      await arPage.screenshot({ path: `${process.env.ATHAR_SCREENSHOTS}/audit-ar.png`, fullPage: true });
    await arabic.close();
  });
});
