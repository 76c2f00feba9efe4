import { describe, expect, it } from "vitest";
import { formatMoney, minimumDonation, minorDigits, parseMajorAmount } from "../../../contract/money.ts";

describe("minor units", () => {
  it("knows two- and three-decimal currencies", () => {
    expect(minorDigits("SAR")).toBe(2);
    expect(minorDigits("EGP")).toBe(2);
    for (const currency of ["KWD", "BHD", "OMR", "JOD"]) expect(minorDigits(currency)).toBe(3);
  });

  it.each([
    ["100", "SAR", 10000],
    ["100.5", "SAR", 10050],
    ["0.05", "SAR", 5],
    ["1,000", "SAR", 100000],
    [" 25 ", "AED", 2500],
    ["١٥٠٫٥٠", "SAR", 15050],
    ["۲۰", "SAR", 2000],
    ["1.250", "KWD", 1250],
    ["3", "BHD", 3000],
  ])("reads %s %s as %i minor units", (text, currency, expected) => {
    expect(parseMajorAmount(text, currency)).toBe(expected);
  });

  it.each([
    ["12.345", "SAR"],
    ["1.2345", "KWD"],
    ["-5", "SAR"],
    ["1e3", "SAR"],
    ["", "SAR"],
    ["abc", "SAR"],
    ["10.", "SAR"],
  ])("refuses %s %s", (text, currency) => {
    expect(parseMajorAmount(text, currency)).toBeUndefined();
  });

  it("sets minimums in the currency's own precision", () => {
    expect(minimumDonation("SAR")).toEqual({ value: 500, currency: "SAR" });
    expect(minimumDonation("KWD")).toEqual({ value: 1000, currency: "KWD" });
  });

  it("formats for the reader's locale", () => {
    expect(formatMoney({ value: 15050, currency: "SAR" }, "en")).toMatch(/^SAR\s150\.50$/);
    expect(formatMoney({ value: 1250, currency: "KWD" }, "en")).toMatch(/^KWD\s1\.250$/);
    expect(formatMoney({ value: 5000, currency: "SAR" }, "en", { wholeUnits: "short" })).toMatch(/^SAR\s50$/);
    expect(formatMoney({ value: 5050, currency: "SAR" }, "en", { wholeUnits: "short" })).toMatch(
      /^SAR\s50\.50$/,
    );
    expect(formatMoney({ value: 3000, currency: "KWD" }, "en", { wholeUnits: "short" })).toMatch(/^KWD\s3$/);
    const arabic = formatMoney({ value: 15050, currency: "SAR" }, "ar");
    expect(arabic).toContain("ر.س");
    expect(arabic).toMatch(/150\.50|١٥٠٫٥٠/);
  });
});
