/**
 * The console's "Sponsorships and names" panel in Chromium: a late payment for units taken (recorded through
 * the real store, as the webhook records one; tests/integration/adoption/unfulfilled-adoptions.test.ts plays the
 * webhook's side) refunded by finance in English, and a public name hidden in Arabic, right to left, after
 * which the initiative page's list says "a donor".
 */
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, inject, it } from "vitest";
import { createDocumentClient } from "../../functions/adapters/dynamodb.ts";
import { createUnfulfilledStore } from "../../functions/table/adoption/unfulfilled-store.ts";
import { createDonationStore } from "../../functions/table/donations/donation-store.ts";
import { adoptionRequest, availabilityOf, startAdoption } from "../support/adoptions.ts";
import { chromiumForThisFile } from "../support/browser.ts";
import { signIn, staffUser, violationsWhenSignedIn } from "../support/finance-console.ts";
import { localStripe } from "../support/local-stripe.ts";

const baseUrl = inject("productUrl");
const chromium = chromiumForThisFile();
const KITS = "productive-family-kits";
/** The product's table (tests/support/product-global-setup.ts). */
const TABLE = "athar-e2e";
/** The DynamoDB Local the product runs on: this project's own (each project may start its own). */
const client = createDocumentClient({ region: "me-central-1", endpoint: inject("dynamodbEndpoint") });

const ledgerKinds = async (donationId: string) => {
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :ledger)",
      ExpressionAttributeValues: { ":pk": `DONATION#${donationId}`, ":ledger": "LEDGER#" },
    }),
  );
  return Items;
};

/** An adoption of one kit paid through the emulator; its id. */
async function paidAdoption(name: string, email: string, publicName?: string) {
  const started = await startAdoption(
    baseUrl,
    adoptionRequest({
      initiativeId: KITS,
      units: 1,
      donor: { name, email },
      recognition: { consent: true, ...(publicName ? { name: publicName } : {}) },
    }),
  );
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const donationId = String(started.body.adoptionId);
  await localStripe(baseUrl, "pay", donationId);
  return donationId;
}

describe("the sponsorships and names panel", () => {
  it("refunds a late payment in English, and hides a public name in Arabic", async () => {
    const late = await paidAdoption("Aisha Al-Qahtani", "aisha.late@example.org");
    const donation = await createDonationStore(client, TABLE).findDonation(late);
    const [payment] = await ledgerKinds(late);
    expect(donation && payment).toBeTruthy();
    await createUnfulfilledStore(client, TABLE).record(
      donation as NonNullable<typeof donation>,
      { kind: "payment", ref: String(payment?.ref), amount: payment?.amount, at: String(payment?.at) },
      new Date().toISOString(),
    );

    const context = await chromium().newContext();
    const page = await context.newPage();
    await signIn(page, "en", await staffUser("sponsorships@council.example", "finance"));
    await page.getByRole("button", { name: "Sponsorships and names" }).click();
    const row = page.locator(`[data-exception^="${late}."]`);
    await row.waitFor();
    expect(await row.innerText()).toContain("SAR");
    expect(
      await violationsWhenSignedIn(chromium(), page, async (again) => {
        await again.getByRole("button", { name: "Sponsorships and names" }).click();
        await again.locator(`[data-exception^="${late}."]`).waitFor();
      }),
    ).toEqual([]);
    if (process.env.ATHAR_SCREENSHOTS)
      await page.screenshot({ path: `${process.env.ATHAR_SCREENSHOTS}/unfulfilled-en.png`, fullPage: true });
    await row.getByLabel("Note (required)").fill("The kit went to another family before the transfer came.");
    await row.getByRole("button", { name: "Refund" }).click();
    await expect
      .poll(() => page.getByTestId("unfulfilled").getByRole("status").innerText())
      .toMatch(/^Refunded SAR/);
    await page.getByText("No late payment is waiting.").waitFor();
    // Stripe's refund came back through the webhook into the ledger.
    await expect
      .poll(async () => (await ledgerKinds(late)).map((item) => item.kind).sort())
      .toEqual(["payment", "refund"]);
    await context.close();

    const named = await paidAdoption("Salem Al-Dosari", "salem.named@example.org", "آل الدوسري");
    const arabic = await chromium().newContext();
    const arPage = await arabic.newPage();
    await signIn(arPage, "ar", await staffUser("names-ar@council.example", "finance"));
    expect(await arPage.locator("html").getAttribute("dir")).toBe("rtl");
    await arPage.getByRole("button", { name: "الكفالات والأسماء" }).click();
    const names = arPage.getByTestId("recognition");
    await names.getByLabel("المبادرة").selectOption(KITS);
    await names.getByRole("button", { name: "اعرض الأسماء" }).click();
    const entry = names.locator(`[data-donation="${named}"]`);
    await entry.waitFor();
    expect(await entry.innerText()).toContain("ظاهر");
    await names.getByLabel("ملاحظة (إلزامية)").fill("طلب المتبرع إخفاء اسمه.");
    await entry.getByRole("button", { name: "أخفِه" }).click();
    await expect.poll(() => entry.innerText()).toContain("مخفي (يظهر «متبرع»)");
    if (process.env.ATHAR_SCREENSHOTS)
      await arPage.screenshot({
        path: `${process.env.ATHAR_SCREENSHOTS}/recognition-ar.png`,
        fullPage: true,
      });
    const publicNames = (
      (await availabilityOf(baseUrl, KITS)).body.recognition as { name: string | null }[]
    ).map((item) => item.name);
    expect(publicNames).not.toContain("آل الدوسري");
    await arabic.close();
  });
});
