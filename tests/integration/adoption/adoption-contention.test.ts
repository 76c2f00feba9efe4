/**
 * Never oversold: 500 donors try at the same moment for the last 10 units; exactly 10 get a checkout, the
 * others a 409 in their language with the number still free, and the units add up. A donor told "in a
 * moment" (503 when the item stays contended on a busy machine) tries again, so what is asserted is each
 * donor's final answer.
 */
import { describe, expect, it } from "vitest";
import { keys } from "../../../functions/table/keys.ts";
import {
  adoptionRequest,
  availabilityOf,
  MONTHLY_ORPHANS,
  startAdoption,
  TEN_UNITS,
} from "../../support/adoptions.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import { asRetryingDonor } from "../../support/retrying-donor.ts";

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

describe("200 concurrent shares with plenty of units free", () => {
  it("are all held, or told truthfully to try again in a moment (503, Retry-After) at no cost to their quota", async () => {
    const emailWindows = async () =>
      (await stack.table.allItems()).filter((item) => String(item.pk).startsWith("RATE_LIMIT#email#"));
    const before = new Set((await emailWindows()).map((item) => item.pk));
    const { free } = (await availabilityOf(stack.url, MONTHLY_ORPHANS)).body as { free: number };
    expect(free).toBeGreaterThan(100);
    const shares = 200;
    const responses = await Promise.all(
      Array.from({ length: shares }, (_, index) =>
        startAdoption(
          stack.url,
          adoptionRequest({
            initiativeId: MONTHLY_ORPHANS,
            interval: "month",
            share: [15000, 10000, 20000][index % 3],
            donor: { name: `Sharer ${index}`, email: `sharer${index}@example.com` },
            locale: index % 2 ? "en" : "ar",
          }),
          { "cloudfront-viewer-address": `198.51.${Math.floor(index / 250)}.${index % 250}:443` },
        ),
      ),
    );
    const statuses = responses.map((response) => response.status);
    // Never "sold out" while units are free: held, or a moment's 503 that says so.
    expect([...new Set(statuses)].filter((status) => status !== 201 && status !== 503)).toEqual([]);
    for (const busy of responses.filter((response) => response.status === 503)) {
      expect(busy.body.error).toBe("busy_try_again");
      expect(Number(busy.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    const held = statuses.filter((status) => status === 201).length;
    const holds = (await stack.table.allItems()).filter(
      (item) =>
        item.entity === "hold" &&
        (item.adoption as { initiativeId: string }).initiativeId === MONTHLY_ORPHANS,
    );
    expect(holds).toHaveLength(held);
    // Each donor's own e-mail window: counted for those held, given back for those told to try again.
    const counted = (await emailWindows()).filter(
      (item) => !before.has(item.pk) && Number(item.attempts) > 0,
    );
    expect(counted).toHaveLength(held);
  }, 180_000); // 200 concurrent checkouts: minutes on a busy 2-core machine, whatever the outcome.
});
