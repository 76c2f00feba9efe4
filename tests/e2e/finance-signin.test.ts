import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { createDocumentClient } from "../../functions/adapters/dynamodb.ts";
import { createAuditStore } from "../../functions/table/finance/audit-store.ts";
import { chromiumForThisFile } from "../support/browser.ts";
import { signIn, staffUser, violationsWhenSignedIn } from "../support/finance-console.ts";

const baseUrl = inject("productUrl");
const chromium = chromiumForThisFile();
const shown = (testId: string) => (page: Page) => page.getByTestId(testId).waitFor();
/** Payouts open first; the audit log is a panel of its own. */
async function auditPanel(page: Page) {
  await page.getByRole("button", { name: "Audit log" }).click();
  await page.getByTestId("audit-entries").waitFor();
}

describe("the finance console", () => {
  it("signs finance staff in with MFA and shows who they are and the audit log", async () => {
    const audit = createAuditStore(
      createDocumentClient({ region: "me-central-1", endpoint: inject("dynamodbEndpoint") }),
      "athar-e2e",
      { now: () => new Date() },
    );
    const entry = await audit.record({
      actor: { staffId: "staff-e2e", email: "finance@council.example" },
      action: "payout.reconcile",
      target: { kind: "payout", id: "po_e2e_1" },
      details: { note: "matched" },
    });
    const finance = await staffUser("finance@council.example", "finance");
    const context = await chromium().newContext();
    const page = await context.newPage();
    await signIn(page, "en", finance);

    const consoleFrame = page.getByTestId("finance-console");
    await expect(consoleFrame.getByTestId("staff-email").innerText()).resolves.toBe(
      "finance@council.example",
    );
    expect(await consoleFrame.getByTestId("staff-roles").innerText()).toBe("finance");
    await auditPanel(page);
    const row = page.locator(`[data-audit-id="${entry.auditId}"]`);
    await row.waitFor();
    expect(await row.getAttribute("data-action")).toBe("payout.reconcile");
    expect(await row.innerText()).toContain("Payout reconciled");
    expect(await row.innerText()).toContain("po_e2e_1");
    expect(await page.getByTestId("audit-entries").getAttribute("data-month")).toBe(entry.at.slice(0, 7));
    // The code is gone from the address; the token is kept for this tab only.
    expect(page.url()).toBe(`${baseUrl}/en/finance/`);
    const storage = await page.evaluate(() => ({
      session: sessionStorage.getItem("athar.staff.token"),
      local: localStorage.length,
    }));
    expect(storage.session).toContain("accessToken");
    expect(storage.local).toBe(0);
    expect(await violationsWhenSignedIn(chromium(), page, auditPanel)).toEqual([]);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByTestId("finance-signin").waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem("athar.staff.token"))).toBeNull();
    await context.close();
  });

  it("tells an editor, in Arabic, that finance data is not for them", async () => {
    const editor = await staffUser("editor@council.example", "editor");
    const context = await chromium().newContext();
    const page = await context.newPage();
    await signIn(page, "ar", editor);
    const refusal = page.getByTestId("finance-no-access");
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain("لا صلاحية");
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await page.getByTestId("audit-entries").count()).toBe(0);
    expect(await violationsWhenSignedIn(chromium(), page, shown("finance-no-access"))).toEqual([]);
    await context.close();
  });

  it("refuses a wrong authenticator code at the issuer", async () => {
    const finance = await staffUser("finance2@council.example", "finance");
    const context = await chromium().newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/en/finance/`);
    await page.getByTestId("finance-signin").getByRole("button").click();
    await page.locator("#email").fill(finance.user.email);
    await page.locator("#password").fill(finance.password);
    await page.locator("button[type=submit]").click();
    await page.locator("#code").fill(finance.wrongCode());
    await page.locator("button[type=submit]").click();
    await expect(page.getByRole("alert").innerText()).resolves.toContain("That code is wrong");
    expect(page.url()).toContain("/local-auth/oauth2/authorize");
    await context.close();
  });
});
