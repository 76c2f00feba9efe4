import { describe, expect, it } from "vitest";
import { loadContent } from "../../../../content/load.ts";
import { type Giving, givingSchema } from "../../../../content/schema-org.ts";
import {
  checkDonationChoices,
  type DonationChoices,
  type DonationFund,
} from "../../../../contract/donations/choices.ts";
import { translate } from "../../../../contract/messages.ts";
import { MAXIMUM_MINOR_AMOUNT } from "../../../../contract/money.ts";

const giving: Giving = {
  currencies: ["SAR", "KWD", "USD"],
  monthly: true,
  processingFee: { basisPoints: 290, fixed: { SAR: 100, KWD: 100, USD: 30 } },
  generalFund: { zakatEligible: true },
};

const openZakat: DonationFund = { kind: "initiative", initiative: { status: "open", zakatEligible: true } };
const gift: DonationChoices = {
  amount: { value: 10_000, currency: "SAR" },
  interval: "once",
  designation: "general",
  coverFee: false,
};

const check = (
  fund: DonationFund,
  choices: Partial<DonationChoices> = {},
  givingOverride: Partial<Giving> = {},
) => checkDonationChoices({ fund, giving: { ...giving, ...givingOverride } }, { ...gift, ...choices });

describe("checking a donor's choices against the content", () => {
  it("accepts an open initiative and the general fund with every accepted choice", () => {
    expect(check(openZakat, { interval: "month", designation: "zakat", coverFee: true })).toEqual([]);
    expect(
      check({ kind: "general" }, { amount: { value: 5_000, currency: "KWD" }, designation: "zakat" }),
    ).toEqual([]);
  });

  it.each([
    ["unknown", undefined, "initiative_unknown"],
    ["a draft", { status: "draft", zakatEligible: true } as const, "initiative_unknown"],
    ["funded", { status: "funded", zakatEligible: true } as const, "initiative_not_open"],
    ["closed", { status: "closed", zakatEligible: true } as const, "initiative_not_open"],
  ])("refuses an initiative that is %s", (_name, initiative, code) => {
    expect(check({ kind: "initiative", initiative })).toEqual([{ field: "initiativeId", code }]);
  });

  it("refuses a currency the council does not take, naming those it does", () => {
    expect(check(openZakat, { amount: { value: 10_000, currency: "EUR" } })).toEqual([
      { field: "amount.currency", code: "currency_not_accepted", params: { currencies: "SAR, KWD, USD" } },
    ]);
    expect(translate("en", "currency_not_accepted", { currencies: "SAR, KWD, USD" })).toContain(
      "SAR, KWD, USD",
    );
  });

  it("refuses zakat where it is not accepted, for an initiative and for the general fund", () => {
    const noZakat: DonationFund = {
      kind: "initiative",
      initiative: { status: "open", zakatEligible: false },
    };
    expect(check(noZakat, { designation: "zakat" })).toEqual([
      { field: "designation", code: "zakat_not_accepted" },
    ]);
    expect(check(noZakat, { designation: "sadaqah" })).toEqual([]);
    expect(
      check({ kind: "general" }, { designation: "zakat" }, { generalFund: { zakatEligible: false } }),
    ).toEqual([{ field: "designation", code: "zakat_not_accepted_general_fund" }]);
  });

  it("refuses monthly giving when the council has not turned it on", () => {
    expect(check(openZakat, { interval: "month" }, { monthly: false })).toEqual([
      { field: "interval", code: "interval_unsupported" },
    ]);
    expect(check(openZakat, { interval: "once" }, { monthly: false })).toEqual([]);
  });

  it("refuses a covered fee that would push the charge past the card maximum", () => {
    const largest = { value: MAXIMUM_MINOR_AMOUNT, currency: "SAR" };
    expect(check(openZakat, { amount: largest, coverFee: true })).toEqual([
      { field: "amount.value", code: "amount_above_maximum" },
    ]);
    expect(check(openZakat, { amount: largest, coverFee: false })).toEqual([]);
  });

  it("reports every problem at once", () => {
    const closed: DonationFund = {
      kind: "initiative",
      initiative: { status: "closed", zakatEligible: false },
    };
    expect(
      check(
        closed,
        { amount: { value: 100, currency: "EGP" }, interval: "month", designation: "zakat" },
        {
          monthly: false,
        },
      ).map((issue) => issue.code),
    ).toEqual(["initiative_not_open", "currency_not_accepted", "interval_unsupported", "zakat_not_accepted"]);
  });

  it("runs on the council's own giving block, whose default currency takes a fixed fee", () => {
    const council = loadContent().council;
    const [defaultCurrency = ""] = council.giving.currencies;
    expect(council.giving.processingFee.fixed[defaultCurrency]).toBeGreaterThanOrEqual(0);
    expect(
      checkDonationChoices(
        { fund: { kind: "general" }, giving: council.giving },
        { ...gift, amount: { value: 10_000, currency: defaultCurrency }, coverFee: true },
      ),
    ).toEqual([]);
  });
});

describe("the council's giving block", () => {
  it("needs a fixed fee for every accepted currency, and each currency once", () => {
    const result = givingSchema.safeParse({
      ...giving,
      currencies: ["SAR", "AED", "SAR"],
      processingFee: { basisPoints: 290, fixed: { SAR: 100 } },
    });
    expect(result.success ? [] : result.error.issues.map((issue) => issue.path.join("."))).toEqual([
      "currencies",
      "processingFee.fixed.AED",
    ]);
    expect(givingSchema.safeParse(giving).success).toBe(true);
  });
});
