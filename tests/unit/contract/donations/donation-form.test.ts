import { describe, expect, it } from "vitest";
import { type DonationFormFields, donationFormToRequest } from "../../../../contract/donations/form.ts";
import { donationRequestSchema } from "../../../../contract/donations/request.ts";

/** What a browser posts for the form as it first appears, with the donor's typing. */
const posted: DonationFormFields = {
  initiativeId: "orphans-and-productive-families",
  amount: "150.50",
  currency: "SAR",
  interval: "once",
  designation: "general",
  dedication: "none",
  dedicationName: "",
  notifyName: "",
  notifyEmail: "",
  anonymous: "false",
  name: "Maryam Saleh",
  email: "maryam@example.com",
  phone: "",
  locale: "en",
  website: "",
};

const parse = (fields: DonationFormFields) => donationRequestSchema.safeParse(donationFormToRequest(fields));

describe("the donation form's fields as a request", () => {
  it("reads a plain post: major units, unticked boxes false, blank optional fields absent", () => {
    expect(parse(posted)).toEqual({
      success: true,
      data: {
        initiativeId: "orphans-and-productive-families",
        amount: { value: 15050, currency: "SAR" },
        interval: "once",
        designation: "general",
        anonymous: false,
        coverFee: false,
        donor: { name: "Maryam Saleh", email: "maryam@example.com" },
        locale: "en",
        website: "",
      },
    });
  });

  it("reads every choice", () => {
    const result = parse({
      ...posted,
      initiativeId: "",
      amount: "12.250",
      currency: "KWD",
      interval: "month",
      designation: "zakat",
      dedication: "honor",
      dedicationName: "Umm Ali",
      notifyName: "Ali",
      notifyEmail: " ali@example.com ",
      anonymous: "true",
      coverFee: "true",
      phone: "0501234567",
    });
    expect(result.data).toMatchObject({
      amount: { value: 12250, currency: "KWD" },
      interval: "month",
      designation: "zakat",
      dedication: { kind: "honor", name: "Umm Ali", notify: { name: "Ali", email: "ali@example.com" } },
      anonymous: true,
      coverFee: true,
      donor: { phone: "+966501234567" },
    });
    expect(result.data?.initiativeId).toBeUndefined();
  });

  it("sends no dedication for 'none' whatever its fields hold, and no card when its fields are blank", () => {
    expect(
      parse({ ...posted, dedicationName: "Someone", notifyEmail: "x@example.com" }).data?.dedication,
    ).toBe(undefined);
    expect(parse({ ...posted, dedication: "memory", dedicationName: "Abu Khalid" }).data?.dedication).toEqual(
      {
        kind: "memory",
        name: "Abu Khalid",
      },
    );
  });

  it("asks for the name of a chosen dedication and for both parts of a card", () => {
    const issues = (fields: DonationFormFields) =>
      parse(fields).error?.issues.map((issue) => [issue.path.join("."), issue.message]);
    expect(issues({ ...posted, dedication: "honor" })).toEqual([
      ["dedication.name", "dedication_name_required"],
    ]);
    expect(
      issues({ ...posted, dedication: "honor", dedicationName: "Umm Ali", notifyEmail: "ali@example.com" }),
    ).toEqual([["dedication.notify.name", "dedication_notify_name_required"]]);
  });

  it("lets the schema word an amount that does not parse and a filled honeypot", () => {
    expect(
      parse({ ...posted, amount: "a lot", website: "spam" }).error?.issues.map((issue) => issue.message),
    ).toEqual(["amount_invalid", "request_refused"]);
  });
});
