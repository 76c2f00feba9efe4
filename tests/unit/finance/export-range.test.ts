import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../functions/domain/errors.ts";
import { resolveRange } from "../../../functions/domain/finance/exports/range.ts";

describe("an export's period", () => {
  it("refuses days that are not in the calendar as a validation error, never a crash", () => {
    for (const from of ["2026-13-01", "2026-02-30", "2026-00-10", "2026-04-31", "9999-99-99"]) {
      expect(() => resolveRange({ from }), from).toThrow(ValidationError);
    }
    expect(resolveRange({ from: "2028-02-29" })).toEqual({ from: "2028-02-29", to: "2028-02-29" });
  });
});
