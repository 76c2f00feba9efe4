/**
 * The finance console in Chromium: a local staff user (what `npm run staff:create` does, against the
 * running product's ATHAR_DATA_DIR), sign-in through the local issuer's pages, and axe-core on the
 * signed-in console.
 */
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { inject } from "vitest";
import { createStaffUser, openLocalAuthStore, totpFor } from "../../local/auth/store.ts";
import { accessibilityViolations } from "./axe.ts";
import { wrongTotpCode } from "./totp.ts";

export type StaffUser = Awaited<ReturnType<typeof staffUser>>;

export async function staffUser(email: string, role: string) {
  const store = await openLocalAuthStore(join(inject("productDataDir"), "local-auth.json"));
  const created = createStaffUser(store, { email, role, password: "Finance-e2e-password-1" });
  const totp = totpFor(created.user);
  return { ...created, code: () => totp.generate(), wrongCode: () => wrongTotpCode(totp) };
}

/** Through the local issuer's pages, as staff do: e-mail and password, then the authenticator's code. */
export async function signIn(page: Page, locale: "ar" | "en", user: StaffUser) {
  const baseUrl = inject("productUrl");
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
 * `prepare` brings the console to the state to check (a panel, a payout open) and waits for it.
 */
export async function violationsWhenSignedIn(
  browser: Browser,
  page: Page,
  prepare: (again: Page) => Promise<void>,
): Promise<string[]> {
  const token = await page.evaluate(() => sessionStorage.getItem("athar.staff.token"));
  const context = await browser.newContext({ bypassCSP: true });
  await context.addInitScript((value) => {
    if (value) sessionStorage.setItem("athar.staff.token", value);
  }, token);
  const again = await context.newPage();
  await again.goto(page.url());
  await prepare(again);
  const violations = await accessibilityViolations(again);
  await context.close();
  return violations;
}
