/**
 * The finance console's pure parts: which exceptions offer to record the missing movement, how a period is
 * asked of the API, the Hijri month by Umm al-Qura, amounts in their currency's digits, and what a refusal
 * shows.
 */
import { describe, expect, it, vi } from "vitest";
import { failureMessage, minor, rate } from "../../../site/src/components/finance/format.ts";
import { recordableAction, type StoredException } from "../../../site/src/components/finance/payout-types.ts";
import { defaultPeriod, periodQuery, thisHijriMonth } from "../../../site/src/components/finance/period.ts";
import type { FinanceStrings } from "../../../site/src/components/finance/strings.ts";
import { StaffApiError } from "../../../site/src/lib/staff-auth.ts";

const refundMissing: StoredException = {
  exceptionId: "po_1.re_1.refund_missing_in_ledger",
  payoutId: "po_1",
  reason: "refund_missing_in_ledger",
  ref: "re_1",
  status: "open",
  transactionId: "txn_1",
  donationId: "don_1",
  kind: "refund",
  chargeId: "ch_1",
  actual: { value: 5000, currency: "KWD" },
  transactionAt: "2026-11-23T10:00:00.000Z",
};

describe("the finance console", () => {
  it("offers to record the missing movement only for the reason it fits, with a donation and Stripe's amount", () => {
    expect(recordableAction(refundMissing)).toBe("record_refund");
    expect(recordableAction({ ...refundMissing, reason: "missing_in_ledger", kind: "payment" })).toBe(
      "record_payment",
    );
    expect(recordableAction({ ...refundMissing, reason: "dispute_missing_in_ledger" })).toBe(
      "record_dispute",
    );
    expect(recordableAction({ ...refundMissing, reason: "amount_mismatch" })).toBeUndefined();
    expect(recordableAction({ ...refundMissing, reason: "missing_in_stripe" })).toBeUndefined();
    const { donationId: _donation, ...unknownDonation } = refundMissing;
    expect(recordableAction(unknownDonation)).toBeUndefined();
  });

  it("asks for a period as Gregorian days or Hijri months", () => {
    expect(periodQuery({ calendar: "gregorian", from: "2026-11-01", to: "2026-11-23" })).toEqual({
      from: "2026-11-01",
      to: "2026-11-23",
    });
    expect(periodQuery({ calendar: "hijri", from: "1448-01", to: "1448-06" })).toEqual({
      hijriFrom: "1448-01",
      hijriTo: "1448-06",
    });
    const noon = new Date(2026, 10, 23, 12);
    expect(defaultPeriod("gregorian", noon)).toEqual({
      calendar: "gregorian",
      from: "2026-11-01",
      to: "2026-11-23",
    });
  });

  it("knows the Hijri month by Umm al-Qura (Ramadan 1446 began on 1 March 2025)", () => {
    expect(thisHijriMonth(new Date(2025, 2, 1, 12))).toBe("1446-09");
    expect(thisHijriMonth(new Date(2025, 1, 28, 12))).toBe("1446-08");
    expect(defaultPeriod("hijri", new Date(2025, 2, 1, 12))).toEqual({
      calendar: "hijri",
      from: "1446-09",
      to: "1446-09",
    });
  });

  it("writes amounts with every digit of their currency, Latin digits in Arabic too", () => {
    expect(minor("en", 12500, "KWD")).toMatch(/^KWD\s12\.500$/);
    expect(minor("en", 24400, "SAR")).toMatch(/^SAR\s244\.00$/);
    expect(minor("ar", 12500, "KWD")).toContain("12.500");
    expect(minor("ar", 12500, "KWD")).not.toMatch(/[\u0660-\u0669]/);
    expect(rate("en", 12.2)).toBe("12.2");
    expect(rate("en", null)).toBe("–");
  });

  it("shows the API's message and its fields' messages, and ends the session on a 401", () => {
    const strings = { "finance.error": "The console could not load." } as FinanceStrings;
    const ended = vi.fn();
    const refused = new StaffApiError(400, "Check the gift.", [
      { field: "bankReference", message: "Enter the bank's reference." },
    ]);
    expect(failureMessage(refused, strings, ended)).toBe("Check the gift. Enter the bank's reference.");
    expect(ended).not.toHaveBeenCalled();
    expect(failureMessage(new StaffApiError(401, "Sign in."), strings, ended)).toBeUndefined();
    expect(ended).toHaveBeenCalledOnce();
    expect(failureMessage(new TypeError(""), strings, ended)).toBe("The console could not load.");
  });
});
