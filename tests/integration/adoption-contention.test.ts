/**
 * Never oversold: 500 donors try at the same moment for the last 10 units; exactly 10 get a checkout, the
 * others a 409 in their language with the number still free, and the units add up. A donor told "in a
 * moment" (503 when the item stays contended on a busy machine) tries again, so what is asserted is each
 * donor's final answer.
 */
import { describe, expect, it } from "vitest";
import { keys } from "../../functions/table/keys.ts";
import { adoptionRequest, availabilityOf, startAdoption, TEN_UNITS } from "../support/adoptions.ts";
import { withLocalStack } from "../support/local-stack.ts";
import { asRetryingDonor } from "../support/retrying-donor.ts";

const stack = withLocalStack();
const ATTEMPTS = 500;

describe("500 concurrent attempts for the last 10 units", () => {
  it("let exactly 10 through; the 490 others get 409 units_unavailable with free: 0, and nothing is oversold", async () => {
    expect((await availabilityOf(stack.url, TEN_UNITS)).body).toMatchObject({ total: 10, free: 10 });
    const responses = await Promise.all(
      Array.from({ length: ATTEMPTS }, (_, index) =>
        asRetryingDonor(() =>
          startAdoption(
            stack.url,
            adoptionRequest({
              donor: { name: `Donor ${index}`, email: `donor${index}@example.com` },
              locale: index % 2 ? "en" : "ar",
            }),
            // Each donor from their own address, as they would be: the per-address limit is not tested here.
            { "cloudfront-viewer-address": `203.0.${Math.floor(index / 250)}.${index % 250}:443` },
          ),
        ),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(10);
    expect(statuses.filter((status) => status === 409)).toHaveLength(ATTEMPTS - 10);
    for (const refused of responses.filter((response) => response.status === 409)) {
      expect(refused.body).toMatchObject({ error: "units_unavailable", free: 0 });
      expect(typeof refused.body.message).toBe("string");
    }
    const arabic = responses.find((response, index) => response.status === 409 && index % 2 === 0);
    expect(arabic?.body.message).toMatch(/[\u0600-\u06FF]/);

    const inventory = await stack.table.row(keys.inventory(TEN_UNITS));
    expect(inventory).toMatchObject({ total: 10, free: 0, held: 10, adopted: 0 });
    const holds = (await stack.table.allItems()).filter((item) => item.entity === "hold");
    expect(holds).toHaveLength(10);
    expect(holds.reduce((sum, hold) => sum + Number((hold.adoption as { units: number }).units), 0)).toBe(10);
    // Only the winners reached Stripe and wrote a donation.
    expect((await stack.table.allItems()).filter((item) => item.sk === "DONATION")).toHaveLength(10);
  }, 180_000); // 500 concurrent checkouts: minutes on a busy 2-core machine, whatever the outcome.
});
