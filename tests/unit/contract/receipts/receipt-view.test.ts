import { describe, expect, it } from "vitest";
import { describeReceipt } from "../../../../contract/receipts/facts.ts";
import { toReceiptView } from "../../../../contract/receipts/view.ts";
import { council, monthlyKwdZakat } from "../../../support/receipts.ts";

describe("the receipt view the printable page receives", () => {
  const view = toReceiptView(monthlyKwdZakat, council);

  it("leaves out the access token and the donor's e-mail address", () => {
    const body = JSON.stringify(view);
    expect(body).not.toContain(monthlyKwdZakat.accessToken);
    expect(body).not.toContain(monthlyKwdZakat.donor.email);
    expect(view.receipt).not.toHaveProperty("accessToken");
    expect(view.receipt.donor).toEqual({ name: monthlyKwdZakat.donor.name });
  });

  it("keeps every other fact of the receipt and only the council's name and registration", () => {
    const { accessToken: _accessToken, donor: _donor, ...rest } = monthlyKwdZakat;
    expect(view.receipt).toEqual({ ...rest, donor: { name: "فاطمة العتيبي" } });
    expect(view.council).toEqual({ name: council.name, registration: council.registration });
    expect(JSON.stringify(view)).not.toContain(council.contact.email);
  });

  it("gives the page the same facts, in each language, as the e-mail states", () => {
    for (const locale of ["ar", "en"] as const) {
      const fromView = describeReceipt(JSON.parse(JSON.stringify(view.receipt)), view.council, { locale });
      expect(fromView).toEqual(describeReceipt(monthlyKwdZakat, council, { locale }));
      expect(fromView.facts.map((fact) => fact.key)).toEqual([
        "donor",
        "amount",
        "feeCover",
        "interval",
        "designation",
        "fund",
        "dedication",
        "paidOn",
        "reference",
      ]);
    }
  });
});
