import { describe, expect, inject, it } from "vitest";
import { loadContent, storyLocales } from "../../content/load.ts";
import { accessibilityViolations } from "../support/axe.ts";
import { chromiumForThisFile } from "../support/browser.ts";
import { INITIATIVE_ID } from "../support/donations.ts";

const baseUrl = inject("productUrl");
const chromium = chromiumForThisFile();

const content = loadContent();
const story = content.stories.find((candidate) => storyLocales(candidate).length === 2);

/** Every page template, in both languages. */
const PAGES = (["ar", "en"] as const).flatMap((locale) => [
  `/${locale}/`,
  `/${locale}/initiatives/`,
  `/${locale}/initiatives/${INITIATIVE_ID}/`,
  `/${locale}/initiatives/${INITIATIVE_ID}/canceled/`,
  `/${locale}/donate/`,
  `/${locale}/donate/canceled/`,
  `/${locale}/stories/`,
  ...(story && storyLocales(story).includes(locale) ? [`/${locale}/stories/${story.id}/`] : []),
  `/${locale}/charities/`,
  `/${locale}/about/`,
  `/${locale}/transparency/`,
  `/${locale}/search/?q=${locale === "ar" ? "كفالة" : "orphan"}`,
  `/${locale}/thanks/?session_id=cs_test_unknown_session`,
  `/${locale}/no-such-page/`,
]);
describe("every page", () => {
  it.each(PAGES)("%s passes axe-core's WCAG 2.1 AA and best-practice rules", async (path) => {
    // axe is injected as an inline script, which the site's Content-Security-Policy rightly refuses.
    const context = await chromium().newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${baseUrl}${path}`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it.each(PAGES)(
    "%s runs under the deployed Content-Security-Policy without a violation or script error",
    async (path) => {
      const page = await chromium().newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      page.on("console", (message) => {
        // A 404 answer (the not-found page, an unknown checkout) is logged too; it is not a fault.
        if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
          problems.push(message.text());
        }
      });
      const response = await page.goto(`${baseUrl}${path}`);
      expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");
      // The thank-you page keeps working after load: wait until it gives up on the unknown session.
      if (path.includes("/thanks/")) {
        await page.locator('[data-testid="thanks-status"][data-status="unknown"]').waitFor();
      }
      expect(problems).toEqual([]);
      await page.close();
    },
  );

  it("is checked by an axe run that does report violations", async () => {
    const page = await chromium().newPage();
    await page.setContent('<html><body><img src="x.png"><input type="text"></body></html>');
    const violations = await accessibilityViolations(page);
    expect(violations.map((line) => line.split(" ")[0])).toEqual(
      expect.arrayContaining(["image-alt", "label"]),
    );
    await page.close();
  });

  it("sets lang and dir from the locale in the path", async () => {
    const page = await chromium().newPage();
    for (const [path, lang, dir] of [
      ["/ar/", "ar", "rtl"],
      ["/en/", "en", "ltr"],
      [`/en/initiatives/${INITIATIVE_ID}/`, "en", "ltr"],
    ]) {
      await page.goto(`${baseUrl}${path}`);
      expect([await page.getAttribute("html", "lang"), await page.getAttribute("html", "dir")]).toEqual([
        lang,
        dir,
      ]);
    }
    await page.close();
  });
});

describe("navigation", () => {
  it("sends / to the Arabic home page, which lists the initiative", async () => {
    const page = await chromium().newPage();
    const response = await page.goto(`${baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe("/ar/");
    expect(response?.status()).toBe(200);
    const link = page.getByTestId("initiative-list").locator(`a[href="/ar/initiatives/${INITIATIVE_ID}/"]`);
    expect(await link.innerText()).toContain("كفالة الأيتام");
    await page.close();
  });

  it("switches language on the same page and back", async () => {
    const page = await chromium().newPage();
    await page.goto(`${baseUrl}/ar/initiatives/${INITIATIVE_ID}/`);
    await page.locator('nav.language-switcher a[hreflang="en"]').click();
    await page.waitForURL(`${baseUrl}/en/initiatives/${INITIATIVE_ID}/`);
    expect(await page.locator("h1").innerText()).toBe("Orphan care and productive families");
    await page.locator('nav.language-switcher a[hreflang="ar"]').click();
    await page.waitForURL(`${baseUrl}/ar/initiatives/${INITIATIVE_ID}/`);
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    await page.close();
  });

  it("answers unknown paths with the bilingual 404 page and status 404", async () => {
    const page = await chromium().newPage();
    const response = await page.goto(`${baseUrl}/en/initiatives/no-such-initiative/`);
    expect(response?.status()).toBe(404);
    expect(await page.locator("h1").innerText()).toBe("الصفحة غير موجودة");
    expect(await page.locator('section[lang="en"] h2').innerText()).toBe("Page not found");
    await page.close();
  });

  it("links the cancelled page back to its initiative, without JavaScript", async () => {
    const context = await chromium().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/ar/initiatives/${INITIATIVE_ID}/canceled/`);
    await page.locator("[data-back-to-initiative]").click();
    await page.waitForURL(`${baseUrl}/ar/initiatives/${INITIATIVE_ID}/`);
    await context.close();
  });
});
