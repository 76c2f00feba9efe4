import { describe, expect, it } from "vitest";
import { type AdoptionFormFields, adoptionFormToRequest } from "../../../../contract/adoption/form.ts";
import { adoptionRequestSchema } from "../../../../contract/adoption/request.ts";

/** What a browser posts for the monthly orphan sponsorship's form as it first appears, with the donor's typing. */
const posted: AdoptionFormFields = {
  initiativeId: "monthly-orphan-sponsorship",
  locale: "ar",
  website: "",
  interval: "month",
  share: "whole",
  units: "2",
  designation: "general",
  name: "فاطمة الحربي",
  email: "fatimah@example.com",
  phone: "",
  recognitionName: "",
};

const parse = (fields: AdoptionFormFields) => adoptionRequestSchema.safeParse(adoptionFormToRequest(fields));
const issues = (fields: AdoptionFormFields) =>
  parse(fields).error?.issues.map((issue) => [issue.path.join("."), issue.message]);

describe("the adoption form's fields as a request", () => {
  it("reads a plain post: whole units, the unticked recognition box false, blank optional fields absent", () => {
    expect(parse(posted)).toEqual({
      success: true,
      data: {
        initiativeId: "monthly-orphan-sponsorship",
        units: 2,
        interval: "month",
        designation: "general",
        donor: { name: "فاطمة الحربي", email: "fatimah@example.com" },
        recognition: { consent: false },
        locale: "ar",
        website: "",
      },
    });
  });

  it("reads every choice", () => {
    const result = parse({
      ...posted,
      units: "3",
      designation: "zakat",
      email: " fatimah@example.com ",
      phone: "0501234567",
      recognition: "true",
      recognitionName: " شركة النور ",
      locale: "en",
    });
    expect(result.data).toEqual({
      initiativeId: "monthly-orphan-sponsorship",
      units: 3,
      interval: "month",
      designation: "zakat",
      donor: { name: "فاطمة الحربي", email: "fatimah@example.com", phone: "+966501234567" },
      recognition: { consent: true, name: "شركة النور" },
      locale: "en",
      website: "",
    });
  });

  it("takes a chosen share as a share of one unit, whatever the hidden units field still says", () => {
    const request = parse({ ...posted, share: "15000", units: "4" }).data;
    expect(request).toMatchObject({ units: 1, share: 15000 });
    expect(parse({ ...posted, share: "whole", units: "4" }).data).not.toHaveProperty("share");
    // Forms without the share choice (units that are not shared, a whole initiative) send whole units.
    const { share: _share, ...unshared } = posted;
    expect(parse({ ...unshared, units: "1" }).data).toMatchObject({ units: 1 });
    expect(parse({ ...unshared, units: "1" }).data).not.toHaveProperty("share");
  });

  it("lets the schema word a share or a count that is not a number", () => {
    expect(issues({ ...posted, share: "half" })).toEqual([["share", "share_invalid"]]);
    expect(issues({ ...posted, units: "2.5" })).toEqual([["units", "units_invalid"]]);
    expect(issues({ ...posted, units: "0" })).toEqual([["units", "units_invalid"]]);
    expect(issues({ ...posted, units: "51" })).toEqual([["units", "units_too_many"]]);
  });

  it("does not read a cleared units field as one unit, but a form without one as one", () => {
    expect(issues({ ...posted, units: "" })).toEqual([["units", "units_invalid"]]);
    expect(issues({ ...posted, units: "  " })).toEqual([["units", "units_invalid"]]);
    const { units: _units, share: _share, ...whole } = posted;
    expect(parse(whole).data?.units).toBe(1);
  });

  it("names the adopter only with consent: a ticked box with a blank name leaves the name to the page", () => {
    expect(parse({ ...posted, recognitionName: "Al Noor Co." }).data?.recognition).toEqual({
      consent: false,
    });
    expect(parse({ ...posted, recognition: "on" }).data?.recognition).toEqual({ consent: true });
    expect(
      parse({ ...posted, recognition: "true", recognitionName: "Al Noor Co." }).data?.recognition,
    ).toEqual({
      consent: true,
      name: "Al Noor Co.",
    });
    expect(issues({ ...posted, recognition: "true", recognitionName: "N" })).toEqual([
      ["recognition.name", "recognition_name_required"],
    ]);
  });

  it("leaves blank choices to the schema's defaults and refuses a filled honeypot", () => {
    const { data } = parse({ ...posted, designation: "", interval: "", locale: "" });
    expect(data).toMatchObject({ designation: "general", interval: "once", locale: "ar" });
    expect(issues({ ...posted, website: "spam", name: "", email: "x@" })).toEqual([
      ["donor.name", "name_required"],
      ["donor.email", "email_invalid"],
      ["website", "request_refused"],
    ]);
  });
});
