import { describe, expect, inject, it } from "vitest";
import { chromiumForThisFile } from "../support/browser.ts";
import { INITIATIVE_ID } from "../support/donations.ts";

const baseUrl = inject("productUrl");
const chromium = chromiumForThisFile();

async function searchFor(locale: "ar" | "en", query: string) {
  const page = await chromium().newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  await page.goto(`${baseUrl}/${locale}/search/?q=${encodeURIComponent(query)}`);
  const status = page.locator("[data-search-status]");
  await status.filter({ hasText: /\S/ }).filter({ hasNotText: /…/ }).waitFor();
  const links = await page
    .locator("[data-search-results] a")
    .evaluateAll((anchors) => anchors.map((anchor) => new URL((anchor as HTMLAnchorElement).href).pathname));
  return { page, links, status: await status.innerText(), problems };
}

describe("search", () => {
  it.each([
    ["الايتام", "alef without hamza"],
    ["مبادره مشتركه", "ta marbuta written as ha"],
    ["كفالة الأيتام", "the title as written"],
  ])("finds the Arabic initiative for %s (%s)", async (query) => {
    const { page, links, problems } = await searchFor("ar", query);
    expect(links).toContain(`/ar/initiatives/${INITIATIVE_ID}/`);
    expect(links.every((link) => link.startsWith("/ar/"))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("searches English pages in English, from the query in the URL", async () => {
    const { page, links } = await searchFor("en", "orphan");
    expect(links).toContain(`/en/initiatives/${INITIATIVE_ID}/`);
    expect(links.every((link) => link.startsWith("/en/"))).toBe(true);
    await page.close();
  });

  it("says so when nothing matches", async () => {
    const { page, links, status } = await searchFor("en", "zzxqvw");
    expect(links).toEqual([]);
    expect(status).toBe("No results. Try another word.");
    await page.close();
  });
});
