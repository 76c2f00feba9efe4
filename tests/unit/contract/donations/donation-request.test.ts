import { describe, expect, expectTypeOf, it } from "vitest";
import { type DonationRequest, donationRequestSchema } from "../../../../contract/donations/request.ts";
import { translate } from "../../../../contract/messages.ts";
import type { Money } from "../../../../contract/money.ts";
import { ValidationError } from "../../../../functions/domain/errors.ts";
import { parseWith } from "../../../../functions/http/request.ts";

const valid = {
  initiativeId: "orphans-and-productive-families",
  amount: { value: 10000, currency: "SAR" },
  donor: { name: "Huda Al-Qahtani", email: "huda@example.com" },
};

function issuesOf(input: unknown) {
  try {
    parseWith(donationRequestSchema, input);
  } catch (error) {
    if (error instanceof ValidationError) return error.details ?? [];
    throw error;
  }
  throw new Error("expected a ValidationError");
}

const codesOf = (input: unknown) => issuesOf(input).map((issue) => [issue.field, issue.code]);

describe("a donation request", () => {
  it("has exactly the shape the domain is written against", () => {
    expectTypeOf<DonationRequest>().toEqualTypeOf<{
      initiativeId?: string | undefined;
      amount: { value: number; currency: string };
      interval: "once" | "month";
      designation: "zakat" | "sadaqah" | "general";
      dedication?:
        | {
            kind: "honor" | "memory";
            name: string;
            notify?: { name: string; email: string } | undefined;
          }
        | undefined;
      anonymous: boolean;
      coverFee: boolean;
      donor: { name: string; email: string; phone?: string | undefined };
      locale: "ar" | "en";
      website?: "" | undefined;
    }>();
    expectTypeOf<DonationRequest["amount"]>().toExtend<Money>();
  });

  it("fills in the defaults: one-time, general, shown by name, no fee cover, Arabic", () => {
    expect(parseWith(donationRequestSchema, valid)).toEqual({
      ...valid,
      interval: "once",
      designation: "general",
      anonymous: false,
      coverFee: false,
      locale: "ar",
    });
  });

  it("takes every choice a donor can make", () => {
    const request = {
      amount: { value: 2500, currency: "KWD" },
      interval: "month",
      designation: "zakat",
      dedication: {
        kind: "memory",
        name: "Abu Khalid",
        notify: { name: "Khalid", email: "khalid@example.com" },
      },
      anonymous: true,
      coverFee: true,
      donor: { name: "Huda", email: "huda@example.com", phone: "+96550012345" },
      locale: "en",
      website: "",
    };
    expect(parseWith(donationRequestSchema, request)).toEqual(request);
  });

  it("leaves out the initiative for the council's general fund", () => {
    const { initiativeId: _omitted, ...general } = valid;
    expect(parseWith(donationRequestSchema, general).initiativeId).toBeUndefined();
    expect(codesOf({ ...valid, initiativeId: "Not A Slug" })).toEqual([
      ["initiativeId", "initiative_unknown"],
    ]);
    expect(codesOf({ ...valid, initiativeId: "a".repeat(81) })).toEqual([
      ["initiativeId", "initiative_unknown"],
    ]);
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
    [{ value: 100.5, currency: "SAR" }, "amount_invalid"],
    [{ value: Number.NaN, currency: "SAR" }, "amount_invalid"],
    [{ value: "100", currency: "SAR" }, "amount_invalid"],
    [{ value: 10000, currency: "sar" }, "currency_invalid"],
    [{ value: 10000, currency: "XYZ" }, "currency_invalid"],
  ])("checks %o against the currency's bounds", (amount, code) => {
    const result = donationRequestSchema.safeParse({ ...valid, amount });
    expect(result.success ? undefined : result.error.issues[0]?.message).toBe(code);
  });

  it.each([
    ["0501234567", "+966501234567"],
    ["050 123 4567", "+966501234567"],
    ["٠٥٠١٢٣٤٥٦٧", "+966501234567"],
    ["+971 50 123 4567", "+971501234567"],
    ["00971501234567", "+971501234567"],
    ["+965 500 12345", "+96550012345"],
    ["+20 100 123 4567", "+201001234567"],
    ["+212 612 345 678", "+212612345678"],
    ["+962 79 123 4567", "+962791234567"],
  ])("stores the phone number %s as %s", (phone, e164) => {
    expect(parseWith(donationRequestSchema, { ...valid, donor: { ...valid.donor, phone } }).donor.phone).toBe(
      e164,
    );
  });

  it.each([["050123456"], ["0401234567"], ["+96510012345"], ["+212912345678"], ["call me"]])(
    "refuses the phone number %s",
    (phone) => {
      expect(codesOf({ ...valid, donor: { ...valid.donor, phone } })).toEqual([
        ["donor.phone", "phone_invalid"],
      ]);
    },
  );

  it("treats a blank phone as no phone", () => {
    expect(
      parseWith(donationRequestSchema, { ...valid, donor: { ...valid.donor, phone: "  " } }).donor.phone,
    ).toBe(undefined);
  });

  it("trims names and refuses what is too short or too long", () => {
    expect(
      parseWith(donationRequestSchema, { ...valid, donor: { ...valid.donor, name: "  Huda  " } }).donor.name,
    ).toBe("Huda");
    expect(codesOf({ ...valid, donor: { ...valid.donor, name: " H " } })).toEqual([
      ["donor.name", "name_required"],
    ]);
    expect(codesOf({ ...valid, donor: { ...valid.donor, name: "H".repeat(101) } })).toEqual([
      ["donor.name", "name_too_long"],
    ]);
  });

  it("keeps names plain text: NFC, no controls, line breaks or bidi overrides, one space between words", () => {
    const nameOf = (name: string) =>
      parseWith(donationRequestSchema, { ...valid, donor: { ...valid.donor, name } }).donor.name;
    expect(nameOf("Huda\r\nBcc: all@example.com")).toBe("Huda Bcc: all@example.com");
    expect(nameOf("\u202eadbuH\u202c Al-Qahtani")).toBe("adbuH Al-Qahtani");
    expect(nameOf("\u2067هدى\u2069\u200f  القحطاني\tX")).toBe("هدى القحطاني X");
    // Decomposed é (e + combining acute) is stored composed.
    expect(nameOf("Rene\u0301e")).toBe("Ren\u00e9e");
    // The zero-width non-joiner of Persian and Urdu names is part of the name.
    expect(nameOf("می\u200cخواهم")).toBe("می\u200cخواهم");
    for (const name of ["\u202e\u202c\u2066\u2069", "\r\n\t", "..", "12", "\u200f\u200f\u200f"])
      expect(codesOf({ ...valid, donor: { ...valid.donor, name } }), JSON.stringify(name)).toEqual([
        ["donor.name", "name_required"],
      ]);
  });

  it("requires a dedication's kind and name, and a card's recipient and e-mail", () => {
    expect(codesOf({ ...valid, dedication: { kind: "birthday", name: "" } })).toEqual([
      ["dedication.kind", "dedication_kind_invalid"],
      ["dedication.name", "dedication_name_required"],
    ]);
    expect(
      codesOf({ ...valid, dedication: { kind: "honor", name: "Umm Ali", notify: { name: "", email: "x" } } }),
    ).toEqual([
      ["dedication.notify.name", "dedication_notify_name_required"],
      ["dedication.notify.email", "email_invalid"],
    ]);
    const honour = { kind: "honor", name: "Umm Ali" };
    expect(parseWith(donationRequestSchema, { ...valid, dedication: honour }).dedication).toEqual(honour);
  });

  it("refuses unknown intervals and designations and non-boolean switches", () => {
    expect(
      codesOf({ ...valid, interval: "year", designation: "waqf", anonymous: "yes", coverFee: "on" }),
    ).toEqual([
      ["interval", "interval_invalid"],
      ["designation", "designation_invalid"],
      ["anonymous", "field_invalid"],
      ["coverFee", "field_invalid"],
    ]);
  });

  it("refuses a filled honeypot", () => {
    expect(codesOf({ ...valid, website: "https://spam.example" })).toEqual([["website", "request_refused"]]);
  });

  it("words every issue in both languages", () => {
    const issues = issuesOf({
      initiativeId: "x y",
      amount: { value: 1255, currency: "KWD" },
      interval: "weekly",
      designation: "waqf",
      dedication: { kind: "honor", name: "", notify: { name: "", email: "" } },
      donor: { name: "", email: "", phone: "12" },
      website: "x",
    });
    expect(issues.length).toBeGreaterThanOrEqual(10);
    for (const issue of issues) {
      const arabic = translate("ar", issue.code, issue.params);
      const english = translate("en", issue.code, issue.params);
      expect(arabic, issue.code).toMatch(/[\u0600-\u06FF]/);
      expect(english, issue.code).toMatch(/^[A-Z][^\u0600-\u06FF]+\.$/);
      expect(`${arabic}${english}`, issue.code).not.toMatch(/[{}]/);
    }
    expect(translate("en", "amount_three_decimal_step", { currency: "KWD" })).toContain("KWD");
  });
});
