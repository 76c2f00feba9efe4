import { describe, expect, it } from "vitest";
import { feeCover, type ProcessingFeeRates } from "../../../contract/fees.ts";

const rates: ProcessingFeeRates = {
  basisPoints: 290,
  fixed: { SAR: 100, KWD: 100, EGP: 500, USD: 0, BHD: 0 },
};

/**
 * Whether the processor's fee on `total` (basis points of it plus the fixed part, as an exact fraction)
 * leaves at least `gift`: total − total·bp/10000 − fixed ≥ gift, multiplied out to stay in integers.
 */
function netCoversGift(total: number, gift: number, currency: string, feeRates: ProcessingFeeRates): boolean {
  const fixed = feeRates.fixed[currency] ?? Number.NaN;
  return total * (10_000 - feeRates.basisPoints) - fixed * 10_000 >= gift * 10_000;
}

/** A small deterministic generator (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe("covering the processing fee", () => {
  it.each([
    // (10000 + 100) / 0.971 = 10401.65 → 10402: the donor adds SAR 4.02.
    ["SAR", 10_000, 402],
    // Same figures, but KWD charges go in steps of 0.010: 10402 → 10410.
    ["KWD", 10_000, 410],
    // (50000 + 500) / 0.971 = 52008.24 → 52009.
    ["EGP", 50_000, 2_009],
    // No fixed part: 10000 / 0.971 = 10298.66 → 10299.
    ["USD", 10_000, 299],
    // Exactly divisible totals are not rounded up: 9710 / 0.971 = 10000.
    ["USD", 9_710, 290],
  ])("in %s, a gift of %i minor units needs %i more", (currency, value, fee) => {
    expect(feeCover({ value, currency }, rates)).toEqual({ value: fee, currency });
  });

  it("charges nothing extra when the processor takes nothing", () => {
    expect(feeCover({ value: 12_345, currency: "SAR" }, { basisPoints: 0, fixed: { SAR: 0 } })).toEqual({
      value: 0,
      currency: "SAR",
    });
  });

  it("refuses a currency without a configured fixed fee and a rate that is not a share", () => {
    expect(() => feeCover({ value: 10_000, currency: "AED" }, rates)).toThrow(/AED/);
    expect(() =>
      feeCover({ value: 10_000, currency: "SAR" }, { basisPoints: 10_000, fixed: { SAR: 0 } }),
    ).toThrow(RangeError);
  });

  it("always nets at least the gift, with the smallest chargeable total that does", () => {
    const next = random(2026);
    const currencies = ["SAR", "KWD", "EGP", "USD", "BHD"];
    for (let round = 0; round < 5_000; round += 1) {
      const currency = currencies[Math.floor(next() * currencies.length)] ?? "SAR";
      const step = currency === "KWD" || currency === "BHD" ? 10 : 1;
      const gift = (1 + Math.floor(next() * 9_999_999)) * step;
      const feeRates = { basisPoints: Math.floor(next() * 1_000), fixed: rates.fixed };
      const total = gift + feeCover({ value: gift, currency }, feeRates).value;
      const label = `${currency} ${gift} at ${feeRates.basisPoints} bp`;
      expect(total % step, label).toBe(0);
      expect(netCoversGift(total, gift, currency, feeRates), label).toBe(true);
      expect(netCoversGift(total - step, gift, currency, feeRates), label).toBe(false);
    }
  });
});
