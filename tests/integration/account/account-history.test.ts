/**
 * The donor's history (cursor pages, newest first, each payment linked to its printable receipt once
 * numbered) and the giving statement of a Gregorian and a Hijri year, on the local stack.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { GivingStatement, HistoryItem, HistoryPage } from "../../../contract/views/account.ts";
import { payOnce, refund } from "../../support/account-gifts.ts";
import { INITIATIVE_ID } from "../../support/donations.ts";
import { donorOfEmail, getAsDonor, sessionCookieFor } from "../../support/donor-sessions.ts";
import { withLocalStack } from "../../support/local-stack.ts";

const stack = withLocalStack();
const EMAIL = "salem@example.com";
let cookie = "";

/** When each movement happened, newest first (the history's order). */
const MOMENTS = {
  refund: "2026-07-01T10:00:00.000Z",
  sadaqah1448: "2026-06-15T21:30:00.000Z",
  zakat1447: "2026-06-15T20:30:00.000Z",
  kwd2025: "2025-12-31T20:30:00.000Z",
  early2025: "2025-03-10T08:00:00.000Z",
};

beforeAll(async () => {
  cookie = await sessionCookieFor(donorOfEmail(EMAIL));
  const gift = { email: EMAIL, currency: "SAR" };
  await payOnce(stack.url, { ...gift, value: 7_000, designation: "sadaqah", at: MOMENTS.early2025 });
  await payOnce(stack.url, {
    ...gift,
    value: 15_000,
    currency: "KWD",
    designation: "zakat",
    at: MOMENTS.kwd2025,
  });
  const zakat = await payOnce(stack.url, {
    ...gift,
    value: 30_000,
    designation: "zakat",
    initiativeId: INITIATIVE_ID,
    at: MOMENTS.zakat1447,
  });
  await payOnce(stack.url, { ...gift, value: 10_000, designation: "sadaqah", at: MOMENTS.sadaqah1448 });
  await refund(stack.url, zakat, { value: 5_000, charged: 30_000, currency: "SAR", at: MOMENTS.refund });
});

const historyPage = async (query: string) => {
  const response = await getAsDonor(stack.url, `/api/me/donations${query}`, cookie);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(response.calls).toBe(2);
  expect(response.headers.get("cache-control")).toBe("private, no-store");
  return response.body as unknown as HistoryPage;
};

async function wholeHistory(limit: number) {
  const items: HistoryItem[] = [];
  const pages: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await historyPage(`?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    items.push(...page.items);
    pages.push(page.items.length);
    cursor = page.cursor;
  } while (cursor);
  return { items, pages };
}

describe("GET /api/me/donations", () => {
  it("walks every movement exactly once, newest first, two at a time", async () => {
    const { items, pages } = await wholeHistory(2);
    expect(pages).toEqual([2, 2, 1]);
    expect(items.map((item) => [item.at, item.kind, item.signedAmount])).toEqual([
      [MOMENTS.refund, "refund", -5_000],
      [MOMENTS.sadaqah1448, "payment", 10_000],
      [MOMENTS.zakat1447, "payment", 30_000],
      [MOMENTS.kwd2025, "payment", 15_000],
      [MOMENTS.early2025, "payment", 7_000],
    ]);
    expect(items[2]).toMatchObject({
      amount: { value: 30_000, currency: "SAR" },
      designation: "zakat",
      interval: "once",
      initiative: { id: INITIATIVE_ID },
    });
    expect(items[1]?.initiative).toBeNull();
    expect((await historyPage("")).items).toHaveLength(5);
  });

  it("links each payment to its printable receipt once the receipt is numbered", async () => {
    await stack.drainStreams();
    const { items } = await wholeHistory(25);
    const payments = items.filter((item) => item.kind === "payment");
    expect(payments).toHaveLength(4);
    for (const payment of payments) {
      const number = String(payment.receipt?.number);
      const url = new URL(String(payment.receipt?.url.en), stack.url);
      expect(url.pathname).toBe("/en/receipt/");
      expect(url.searchParams.get("n")).toBe(number);
      expect(payment.receipt?.url.ar).toBe(`/ar/receipt/${url.search}`);
      // The key in the link opens the receipt, as the printable page asks the API for it.
      const receipt = await fetch(`${stack.url}/api/receipts/${number}?k=${url.searchParams.get("k")}`);
      expect(receipt.status).toBe(200);
    }
    expect(items.find((item) => item.kind === "refund")?.receipt).toBeUndefined();
  });

  it("refuses a page size outside 1–100", async () => {
    for (const limit of ["0", "101", "many"]) {
      const response = await getAsDonor(stack.url, `/api/me/donations?limit=${limit}`, cookie);
      expect(response.status, limit).toBe(400);
      expect(response.body).toMatchObject({ error: "validation_failed", details: [{ field: "limit" }] });
    }
  });
});

const statement = async (calendar: string, year: number) => {
  const response = await getAsDonor(stack.url, `/api/me/statement?calendar=${calendar}&year=${year}`, cookie);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(response.calls).toBe(2);
  return response.body as unknown as GivingStatement;
};

describe("GET /api/me/statement", () => {
  it("states a Gregorian year in Riyadh's calendar: its movements oldest first and its totals", async () => {
    const year2025 = await statement("gregorian", 2025);
    expect(year2025).toMatchObject({
      calendar: "gregorian",
      year: 2025,
      period: { from: "2025-01-01", to: "2025-12-31" },
      donor: { name: "Layla Al-Otaibi" },
      council: {
        name: { ar: expect.any(String), en: expect.any(String) },
        registration: { number: expect.any(String) },
      },
      truncated: false,
    });
    expect(year2025.items.map((item) => item.at)).toEqual([MOMENTS.early2025, MOMENTS.kwd2025]);
    expect(year2025.totals).toEqual({
      byCurrency: [
        { currency: "KWD", amount: 15_000, payments: 1 },
        { currency: "SAR", amount: 7_000, payments: 1 },
      ],
      byDesignation: [
        { designation: "zakat", figures: [{ currency: "KWD", amount: 15_000, payments: 1 }] },
        { designation: "sadaqah", figures: [{ currency: "SAR", amount: 7_000, payments: 1 }] },
      ],
      byInitiative: [
        {
          initiative: null,
          figures: [
            { currency: "KWD", amount: 15_000, payments: 1 },
            { currency: "SAR", amount: 7_000, payments: 1 },
          ],
        },
      ],
    });
  });

  it("states a Hijri year from 1 Muharram to the last day of Dhu al-Hijjah, in Riyadh's time", async () => {
    const year1447 = await statement("hijri", 1447);
    expect(year1447.period).toEqual({ from: "2025-06-26", to: "2026-06-15" });
    // The gift at 00:30 on 16 June in Riyadh is 1448's, though still 15 June in UTC.
    expect(year1447.items.map((item) => item.at)).toEqual([MOMENTS.kwd2025, MOMENTS.zakat1447]);
    expect(year1447.totals.byDesignation).toEqual([
      {
        designation: "zakat",
        figures: [
          { currency: "KWD", amount: 15_000, payments: 1 },
          { currency: "SAR", amount: 30_000, payments: 1 },
        ],
      },
    ]);
    const year1448 = await statement("hijri", 1448);
    expect(year1448.items.map((item) => [item.at, item.signedAmount])).toEqual([
      [MOMENTS.sadaqah1448, 10_000],
      [MOMENTS.refund, -5_000],
    ]);
    expect(year1448.totals.byCurrency).toEqual([{ currency: "SAR", amount: 5_000, payments: 1 }]);
    expect(year1448.totals.byInitiative).toEqual([
      {
        initiative: expect.objectContaining({ id: INITIATIVE_ID }),
        figures: [{ currency: "SAR", amount: -5_000, payments: 0 }],
      },
      { initiative: null, figures: [{ currency: "SAR", amount: 10_000, payments: 1 }] },
    ]);
  });

  it("refuses years outside 2000–2100 (Gregorian) and 1420–1520 (Hijri), and unknown calendars", async () => {
    for (const query of [
      "calendar=gregorian&year=1999",
      "calendar=gregorian&year=2101",
      "calendar=hijri&year=1419",
      "calendar=hijri&year=1521",
      "calendar=julian&year=2026",
      "calendar=hijri",
    ]) {
      const response = await getAsDonor(stack.url, `/api/me/statement?${query}`, cookie);
      expect(response.status, query).toBe(400);
      expect(response.body, query).toMatchObject({ error: "validation_failed" });
    }
  });
});
