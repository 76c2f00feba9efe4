import { describe, expect, it } from "vitest";
import { periodBoundary } from "../../../local/stripe/subscription-objects.ts";

describe("calendar months", () => {
  const at = (iso: string) => Date.parse(iso) / 1000;
  const monthly = { interval: "month", interval_count: 1 };
  it("keep the anchor's day, or the month's last day when the month is shorter", () => {
    const anchor = at("2027-01-31T09:30:00Z");
    expect(
      [1, 2, 3, 13].map((count) => new Date(periodBoundary(anchor, monthly, count) * 1000).toISOString()),
    ).toEqual([
      "2027-02-28T09:30:00.000Z",
      "2027-03-31T09:30:00.000Z",
      "2027-04-30T09:30:00.000Z",
      "2028-02-29T09:30:00.000Z",
    ]);
    expect(periodBoundary(at("2026-11-23T00:00:00Z"), monthly, 1)).toBe(at("2026-12-23T00:00:00Z"));
    expect(periodBoundary(at("2026-11-23T00:00:00Z"), { interval: "year", interval_count: 1 }, 1)).toBe(
      at("2027-11-23T00:00:00Z"),
    );
  });
});
