/**
 * The signed-in donor's dashboard on the local stack, from gifts paid through the real webhook (one-time
 * gifts at chosen moments around the Gregorian and Hijri new years in Riyadh, in SAR and KWD, zakat and
 * sadaqah, an initiative and the general fund; a monthly gift through the Stripe emulator, renewed,
 * disputed and set to stop at its period's end). Every gift was made before the donor ever "signed in":
 * the same e-mail is the same donor, so they are all theirs.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { DashboardView } from "../../../contract/views/account.ts";
import { createDocumentClient } from "../../../functions/adapters/dynamodb.ts";
import { calendarPlace } from "../../../functions/domain/calendars.ts";
import { createDonationStore } from "../../../functions/table/donations/donation-store.ts";
import { epochOf, payOnce, refund } from "../../support/account-gifts.ts";
import { donationRequest, INITIATIVE_ID, startCheckout } from "../../support/donations.ts";
import { donorOfEmail, getAsDonor, sessionCookieFor } from "../../support/donor-sessions.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import { localStripe } from "../../support/local-stripe.ts";

const stack = withLocalStack();
const EMAIL = "layla@example.com";
const now = calendarPlace(new Date(), "Asia/Riyadh");
let monthlyId = "";

const sar = (amount: number, payments: number) => ({ currency: "SAR", amount, payments });
const kwd = (amount: number, payments: number) => ({ currency: "KWD", amount, payments });

beforeAll(async () => {
  // 23:30 on 15 June 2026 in Riyadh: the last day of Hijri 1447.
  const zakat = await payOnce(stack.url, {
    email: EMAIL,
    value: 30_000,
    currency: "SAR",
    designation: "zakat",
    initiativeId: INITIATIVE_ID,
    at: "2026-06-15T20:30:00Z",
  });
  // 00:30 on 16 June in Riyadh: 1 Muharram 1448.
  await payOnce(stack.url, {
    email: EMAIL,
    value: 10_000,
    currency: "SAR",
    designation: "sadaqah",
    at: "2026-06-15T21:30:00Z",
  });
  // 23:30 on 31 December 2025 in Riyadh (already 2026 nowhere that matters here).
  await payOnce(stack.url, {
    email: "LAYLA@example.com",
    value: 15_000,
    currency: "KWD",
    designation: "sadaqah",
    at: "2025-12-31T20:30:00Z",
  });
  await refund(stack.url, zakat, {
    value: 5_000,
    charged: 30_000,
    currency: "SAR",
    at: "2026-07-01T10:00:00Z",
  });

  const monthly = await startCheckout(
    stack.url,
    donationRequest({
      interval: "month",
      designation: "zakat",
      amount: { value: 20_000, currency: "SAR" },
      donor: { name: "Layla Al-Otaibi", email: EMAIL },
    }),
  );
  monthlyId = String(monthly.body.donationId);
  await localStripe(stack.url, "pay", monthlyId);
  await localStripe(stack.url, "renew", monthlyId);
  await localStripe(stack.url, "dispute", "open", monthlyId);
});

async function dashboard(email = EMAIL) {
  const response = await getAsDonor(
    stack.url,
    "/api/me/dashboard",
    await sessionCookieFor(donorOfEmail(email)),
  );
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(response.headers.get("cache-control")).toBe("private, no-store");
  return { view: response.body as unknown as DashboardView, calls: response.calls };
}

describe("GET /api/me/dashboard", () => {
  it("totals every gift net of refunds and disputes: all time, by currency, designation and initiative", async () => {
    const { view } = await dashboard();
    expect(view.donor).toEqual({ name: "Layla Al-Otaibi", locale: "ar", firstGiftAt: expect.any(String) });
    expect(view.totals.allTime).toEqual([kwd(15_000, 1), sar(55_000, 4)]);
    expect(view.totals.byCurrency).toEqual(view.totals.allTime);
    expect(view.totals.byDesignation).toEqual([
      { designation: "zakat", figures: [sar(45_000, 3)] },
      { designation: "sadaqah", figures: [kwd(15_000, 1), sar(10_000, 1)] },
    ]);
    expect(view.totals.byInitiative).toEqual([
      {
        initiative: { id: INITIATIVE_ID, title: expect.objectContaining({ en: expect.any(String) }) },
        figures: [sar(45_000, 3)],
      },
      { initiative: null, figures: [kwd(15_000, 1), sar(10_000, 1)] },
    ]);
  });

  it("counts each gift in the Gregorian and Hijri year and the month of Riyadh's calendar", async () => {
    const { view } = await dashboard();
    const monthly = sar(20_000, 2);
    const year2026 = now.gYear === 2026 ? [sar(55_000, 4)] : [sar(35_000, 2)];
    expect(view.totals.byGregorianYear).toEqual([
      { year: 2025, figures: [kwd(15_000, 1)] },
      { year: 2026, figures: year2026 },
      ...(now.gYear === 2026 ? [] : [{ year: now.gYear, figures: [monthly] }]),
    ]);
    expect(view.totals.byHijriYear).toEqual([
      { year: 1447, figures: [kwd(15_000, 1), sar(30_000, 1)] },
      { year: 1448, figures: now.hYear === 1448 ? [sar(25_000, 3)] : [sar(5_000, 1)] },
      ...(now.hYear === 1448 ? [] : [{ year: now.hYear, figures: [monthly] }]),
    ]);
    expect(view.totals.byMonth).toEqual([
      { month: "2025-12", figures: [kwd(15_000, 1)] },
      { month: "2026-06", figures: [sar(40_000, 2)] },
      { month: "2026-07", figures: [sar(-5_000, 0)] },
      { month: now.gMonth, figures: [monthly] },
    ]);
  });

  it("states the impact by the initiative's attribution, and the funded initiatives the page picks stories by", async () => {
    const { view } = await dashboard();
    // 45,000 halalas net to orphans and productive families at 30,000 per orphan-month.
    expect(view.impact).toEqual([
      {
        initiative: expect.objectContaining({ id: INITIATIVE_ID }),
        metricId: "orphan-months",
        label: expect.objectContaining({ ar: expect.any(String), en: expect.any(String) }),
        whole: 1,
        part: 0.5,
      },
    ]);
    // The stories come with the site (content/story-refs.ts): the API names the initiatives, not stories.
    expect(view.totals.byInitiative.map((row) => row.initiative?.id ?? null)).toContain(INITIATIVE_ID);
    expect(view).not.toHaveProperty("stories");
  });

  it("lists the monthly gift with its next charge, then as ending once set to stop at the period's end", async () => {
    const { view } = await dashboard();
    const donation = await stack.table.donation(monthlyId);
    const paidThrough = [...((donation?.paidPeriods as Set<string> | undefined) ?? [])].sort().at(-1);
    expect(paidThrough).toMatch(/^\d{4}-/);
    expect(view.monthly).toEqual([
      {
        donationId: monthlyId,
        kind: "donation",
        initiative: expect.objectContaining({ id: INITIATIVE_ID }),
        amount: { value: 20_000, currency: "SAR" },
        designation: "zakat",
        startedAt: donation?.createdAt,
        nextChargeAt: paidThrough,
        status: "active",
        manageable: true,
      },
    ]);

    await localStripe(stack.url, "cancel", monthlyId, "--at-period-end");
    const { view: after } = await dashboard();
    expect(after.monthly).toEqual([
      expect.objectContaining({
        donationId: monthlyId,
        nextChargeAt: null,
        status: "ending",
        manageable: false,
      }),
    ]);
  });

  it("costs two DynamoDB calls with a monthly gift, and one without, however long the history", async () => {
    expect((await dashboard()).calls).toBe(2);

    const email = "many@example.com";
    await payOnce(stack.url, {
      email,
      value: 1_000,
      currency: "SAR",
      designation: "sadaqah",
      at: "2026-02-01T09:00:00Z",
    });
    const few = await dashboard(email);
    expect(few.calls).toBe(1);

    // 300 more payments written through the store, as the webhook writes them.
    const client = createDocumentClient({ region: "me-central-1", endpoint: process.env.DYNAMODB_ENDPOINT });
    const store = createDonationStore(client, String(process.env.TABLE_NAME));
    const intent = {
      donationId: "don_ACCOUNTMANY",
      donorId: donorOfEmail(email),
      fund: { kind: "general" as const },
      amount: { value: 1_000, currency: "SAR" },
      interval: "once" as const,
      designation: "sadaqah" as const,
      anonymous: false,
      donor: { name: "Many", email },
      locale: "en" as const,
      checkoutSessionId: "cs_test_ACCOUNTMANY",
      createdAt: "2026-01-01T00:00:00.000Z",
    };
    await store.createPendingDonation(intent);
    const donation = await store.findDonation(intent.donationId);
    if (!donation) throw new Error("missing donation");
    const movements = Array.from({ length: 300 }, (_, index) => {
      const at = new Date(epochOf("2026-01-02T00:00:00Z") * 1000 + index * 3_600_000).toISOString();
      const movement = { kind: "payment" as const, ref: `pi_many_${index}`, amount: intent.amount, at };
      return { movement, place: calendarPlace(at, "Asia/Riyadh") };
    });
    const { recorded } = await store.apply(donation, { movements, marks: [] });
    expect(recorded).toBe(300);
    client.destroy();

    const many = await dashboard(email);
    expect(many.calls).toBe(1);
    expect(many.view.totals.allTime).toEqual([sar(301_000, 301)]);
  });

  it("refuses a session of someone without a profile (never given, or erased), in one read", async () => {
    // Sign-in never signs one (functions/domain/signin/signin.ts); a cookie that names such a donor is not live.
    const response = await getAsDonor(
      stack.url,
      "/api/me/dashboard",
      await sessionCookieFor(donorOfEmail("newcomer@example.com")),
    );
    expect(response.status).toBe(401);
    expect(response.body.error).toBe("signin_required");
    expect(response.calls).toBe(1);
  });
});
