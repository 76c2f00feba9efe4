import { describe, expect, inject, it } from "vitest";
import { loadContent } from "../../content/load.ts";
import { chromiumForThisFile } from "../support/browser.ts";

const baseUrl = inject("productUrl");
const chromium = chromiumForThisFile();
const published = loadContent().initiatives.filter((initiative) => initiative.status !== "draft");

async function catalogWithoutJavaScript(locale: "ar" | "en") {
  const context = await chromium().newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/${locale}/initiatives/`);
  const visibleIds = async () => {
    const ids: string[] = [];
    for (const item of await page.locator(".catalog__item").all()) {
      if (await item.isVisible()) ids.push((await item.getAttribute("data-id")) ?? "");
    }
    return ids.sort();
  };
  return { context, page, visibleIds };
}

describe("the initiatives index", () => {
  it("lists every published initiative, and no draft", async () => {
    const { context, visibleIds } = await catalogWithoutJavaScript("ar");
    expect(await visibleIds()).toEqual(published.map((initiative) => initiative.id).sort());
    await context.close();
  });

  it("filters by category and by zakat without JavaScript, and clears the filters", async () => {
    const { context, page, visibleIds } = await catalogWithoutJavaScript("en");
    const category = published[0]?.category ?? "orphan-care";
    await page.locator(`input[name="category"][value="${category}"]`).check({ force: true });
    expect(await visibleIds()).toEqual(
      published
        .filter((i) => i.category === category)
        .map((i) => i.id)
        .sort(),
    );

    await page.locator('input[name="zakat"][value="yes"]').check({ force: true });
    const both = published
      .filter((i) => i.category === category && i.zakatEligible)
      .map((i) => i.id)
      .sort();
    expect(await visibleIds()).toEqual(both);

    await page.getByRole("button", { name: "Clear filters" }).click();
    expect(await visibleIds()).toHaveLength(published.length);
    await context.close();
  });

  it("offers a filter value only when some initiative has it", async () => {
    const { context, page } = await catalogWithoutJavaScript("ar");
    const models = await page
      .locator('input[name="model"]')
      .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value).filter(Boolean));
    expect(models.sort()).toEqual([...new Set(published.map((i) => i.funding.model))].sort());
    await context.close();
  });
});
