import { describe, expect, it } from "vitest";
import { donationRequestSchema } from "../../functions/domain/donation-request.ts";
import { ValidationError } from "../../functions/domain/errors.ts";
import { parseWith } from "../../functions/http/request.ts";

const valid = {
  initiativeId: "orphans-and-productive-families",
  amount: { value: 10000, currency: "SAR" },
  donor: { name: "Huda Al-Qahtani", email: "huda@example.com" },
};

function issuesOf(input: unknown) {
  try {
    parseWith(donationRequestSchema, input);
  } catch (error) {
    if (error instanceof ValidationError) return error.details;
    throw error;
  }
  throw new Error("expected a ValidationError");
}

describe("a donation request", () => {
  it("fills in the defaults: one-time, general, Arabic", () => {
    expect(parseWith(donationRequestSchema, valid)).toMatchObject({
      interval: "once",
      designation: "general",
      locale: "ar",
    });
  });

  it("reports every problem at once, the amount's bounds included", () => {
    const issues = issuesOf({
      ...valid,
      amount: { value: 200, currency: "SAR" },
      donor: { name: "x", email: "x@" },
    });
    expect(issues).toEqual([
      {
        field: "amount.value",
        code: "amount_below_minimum",
        params: { minimum: { value: 500, currency: "SAR" } },
      },
      { field: "donor.name", code: "name_required" },
      { field: "donor.email", code: "email_invalid" },
    ]);
  });

  it.each([
    [{ value: 1000, currency: "KWD" }, undefined],
    [{ value: 999, currency: "KWD" }, "amount_below_minimum"],
    [{ value: 99_999_999, currency: "SAR" }, undefined],
    [{ value: 100_000_000, currency: "SAR" }, "amount_above_maximum"],
    [{ value: 1250, currency: "KWD" }, undefined],
    [{ value: 1255, currency: "KWD" }, "amount_three_decimal_step"],
    [{ value: 5005, currency: "BHD" }, "amount_three_decimal_step"],
    [{ value: 5005, currency: "SAR" }, undefined],
  ])("checks %o against the currency's bounds", (amount, code) => {
    const result = donationRequestSchema.safeParse({ ...valid, amount });
    expect(result.success ? undefined : result.error.issues[0]?.message).toBe(code);
  });
});
