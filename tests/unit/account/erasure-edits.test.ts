import { describe, expect, it } from "vitest";
import { personalDataEdits } from "../../../functions/domain/erasure/erasure.ts";

const donor = { name: "Nasser", email: "nasser@example.org", phone: "+966500000001" };
const dedication = { kind: "memory", name: "Hamad", notify: { name: "Muna", email: "muna@example.org" } };

describe("where personal data lives, item by item (erasure)", () => {
  it("blanks a donation's donor and dedication name, drops the notified address and recognition name", () => {
    const edits = personalDataEdits({
      entity: "donation",
      donorId: "dnr_abc",
      donor,
      dedication,
      adoption: { initiativeId: "x", units: 1, recognition: { consent: true, name: "Nasser Co." } },
      amount: { value: 100, currency: "SAR" },
    });
    expect(edits).toEqual({
      set: [
        [["donor"], { name: "", email: "" }],
        [["dedication", "name"], ""],
      ],
      remove: [["donorId"], ["dedication", "notify"], ["adoption", "recognition", "name"]],
    });
  });

  it("drops a donation's donor-index entry and finance's note on a gift received by hand", () => {
    const edits = personalDataEdits({
      entity: "donation",
      gsi2pk: "DONOR#dnr_abc",
      gsi2sk: "2026-11-23T10:00:00.000Z#don_1",
      donor,
      offline: { method: "bank_transfer", reference: "TRF-1", note: "Nasser's transfer from his company" },
    });
    expect(edits).toEqual({
      set: [[["donor"], { name: "", email: "" }]],
      remove: [["gsi2pk"], ["gsi2sk"], ["offline", "note"]],
    });
  });

  it("blanks a queued receipt request's donor snapshot and dedication", () => {
    expect(
      personalDataEdits({ entity: "receiptRequest", donation: { donorId: "dnr_abc", donor, dedication } }),
    ).toEqual({
      set: [
        [["donation", "donor"], { name: "", email: "" }],
        [["donation", "dedication", "name"], ""],
      ],
      remove: [
        ["donation", "donorId"],
        ["donation", "dedication", "notify"],
      ],
    });
  });

  it("blanks an issued receipt and takes it off the mail queue", () => {
    expect(
      personalDataEdits({
        entity: "receipt",
        donor: { name: donor.name, email: donor.email },
        dedicationNotify: dedication.notify,
        gsi2pk: "MAIL_PENDING",
        gsi2sk: "2026-000001",
      }),
    ).toEqual({
      set: [[["donor"], { name: "", email: "" }]],
      remove: [["dedicationNotify"], ["gsi2pk"], ["gsi2sk"]],
    });
  });

  it("has nothing to do for items without personal data, or already erased (so a rerun writes nothing)", () => {
    expect(
      personalDataEdits({ entity: "ledgerEntry", kind: "payment", amount: { value: 1, currency: "SAR" } }),
    ).toBe(undefined);
    expect(personalDataEdits({ entity: "checkoutSession", donationId: "don_1" })).toBe(undefined);
    expect(
      personalDataEdits({
        entity: "donation",
        donor: { name: "", email: "" },
        dedication: { kind: "memory", name: "" },
        adoption: { recognition: { consent: true } },
      }),
    ).toBe(undefined);
    expect(personalDataEdits({ entity: "hold", adoption: { recognition: { consent: false } } })).toBe(
      undefined,
    );
  });
});
