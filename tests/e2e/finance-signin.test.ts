import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { createDocumentClient } from "../../functions/adapters/dynamodb.ts";
import { createAuditStore } from "../../functions/table/audit-store.ts";
import { createStaffUser, openLocalAuthStore, totpFor } from "../../local/auth/store.ts";
import { accessibilityViolations } from "../support/axe.ts";
import { chromiumForThisFile } from "../support/browser.ts";

const baseUrl = inject("productUrl");
const chromium = chromiumForThisFile();

/** What `npm run staff:create` does, against the running product's ATHAR_DATA_DIR. */
async function staffUser(email: string, role: string) {
  const store = await openLocalAuthStore(join(inject("productDataDir"), "local-auth.json"));
  const created = createStaffUser(store, { email, role, password: "Finance-e2e-password-1" });
  return { ...created, code: () => totpFor(created.user).generate() };
}

/** Through the local issuer's pages, as staff do: e-mail and password, then the authenticator's code. */
async function signIn(page: Page, locale: "ar" | "en", user: Awaited<ReturnType<typeof staffUser>>) {
  await page.goto(`${baseUrl}/${locale}/finance/`);
  await page.getByTestId("finance-signin").getByRole("button").click();
  await page.waitForURL(/\/local-auth\/oauth2\/authorize/);
  await page.locator("#email").fill(user.user.email);
  await page.locator("#password").fill(user.password);
  await page.locator("button[type=submit]").click();
  await page.locator("#code").fill(user.code());
  await page.locator("button[type=submit]").click();
  await page.waitForURL(`${baseUrl}/${locale}/finance/`);
}

/**
 * axe-core is injected as an inline script, which the site's CSP refuses; so the signed-in page is opened
 * again, with the same tab session, in a context that bypasses CSP (the sign-in itself ran under it).
 */
async function violationsWhenSignedIn(page: Page, ready: string): Promise<string[]> {
  const token = await page.evaluate(() => sessionStorage.getItem("athar.staff.token"));
  const context = await chromium().newContext({ bypassCSP: true });
  await context.addInitScript((value) => {
    if (value) sessionStorage.setItem("athar.staff.token", value);
  }, token);
  const again = await context.newPage();
  await again.goto(page.url());
  await again.getByTestId(ready).waitFor();
  const violations = await accessibilityViolations(again);
  await context.close();
  return violations;
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
    const row = page.locator(`[data-audit-id="${entry.auditId}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain("payout.reconcile");
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
    expect(await violationsWhenSignedIn(page, "audit-entries")).toEqual([]);

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
    expect(await violationsWhenSignedIn(page, "finance-no-access")).toEqual([]);
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
    const wrong = String((Number(finance.code()) + 1) % 1_000_000).padStart(6, "0");
    await page.locator("#code").fill(wrong);
    await page.locator("button[type=submit]").click();
    await expect(page.getByRole("alert").innerText()).resolves.toContain("That code is wrong");
    expect(page.url()).toContain("/local-auth/oauth2/authorize");
    await context.close();
  });
});
