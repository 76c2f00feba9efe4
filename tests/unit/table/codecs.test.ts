/**
 * The table's codecs: each reads an item as its store writes it (built by the store's own item builder
 * where it exports one, else copied from its write path) back to the domain's object, without the table's
 * own attributes; a malformed item is a StoredItemInvalidError naming the entity, which HTTP answers 500.
 */
import { describe, expect, it } from "vitest";
import type {
  PayoutReconciliation,
  PayoutTransaction,
  StripePayout,
} from "../../../contract/finance/reconciliation.ts";
import { StoredItemInvalidError } from "../../../functions/domain/errors.ts";
import type { Donation } from "../../../functions/domain/model.ts";
import { errorBody, statusFor } from "../../../functions/http/errors.ts";
import { donorGiftCodec, donorMonthlyCodec } from "../../../functions/table/codecs/account.ts";
import { unfulfilledAdoptionCodec } from "../../../functions/table/codecs/adoption.ts";
import { type EntityCodec, stripTableAttributes } from "../../../functions/table/codecs/codec.ts";
import { donationCodec } from "../../../functions/table/codecs/donations.ts";
import {
  financeExportCodec,
  fundDayCodec,
  fundFeesCodec,
  ledgerEntryCodec,
  payoutCodec,
  reconExceptionCodec,
  reconImportCodec,
  sponsorshipCoverCodec,
} from "../../../functions/table/codecs/finance.ts";
import { donorItems } from "../../../functions/table/donations/donor-writes.ts";
import { ENTITY } from "../../../functions/table/entities.ts";
import { importItems, summaryItem } from "../../../functions/table/finance/payout-items.ts";
import { keys } from "../../../functions/table/keys.ts";

const AT = "2026-11-23T10:00:00.000Z";
const SAR = (value: number) => ({ value, currency: "SAR" });
const TABLE_ATTRIBUTES = ["pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk", "entity", "expiresAt"];

const settlement = { amount: 10000, fee: 320, net: 9680, currency: "SAR", exchangeRate: null };
const payout: StripePayout = {
  payoutId: "po_1",
  amount: 9680,
  currency: "SAR",
  created: AT,
  arrivalDate: "2026-11-25T00:00:00.000Z",
  status: "paid",
};
const transactions: PayoutTransaction[] = [
  {
    id: "txn_1",
    type: "charge",
    created: AT,
    settlement,
    movement: { kind: "payment", ref: "pi_1", amount: SAR(10000), donationId: "don_1" },
  },
];
const exception = {
  exceptionId: "po_1.pi_1.amount_mismatch",
  reason: "amount_mismatch" as const,
  ref: "pi_1",
  transactionId: "txn_1",
  donationId: "don_1",
  kind: "payment" as const,
  expected: SAR(12000),
  actual: SAR(10000),
  settlement,
  ledgerAt: AT,
};
const reconciliation: PayoutReconciliation = {
  matches: [],
  exceptions: [exception],
  totals: { net: 9680, matchedNet: 0, fees: 320, currency: "SAR", ledger: {} },
};

const donation: Donation = {
  donationId: "don_1",
  donorId: "dnr_1",
  fund: { kind: "initiative", initiativeId: "wells" },
  amount: SAR(10000),
  feeCover: SAR(320),
  interval: "month",
  designation: "sadaqah",
  anonymous: false,
  donor: { name: "Fatimah Al-Harbi", email: "fatimah@example.com" },
  locale: "ar",
  checkoutSessionId: "cs_1",
  createdAt: AT,
  adoption: { initiativeId: "wells", units: 1, share: 5000, recognition: { consent: true, name: "Fatimah" } },
  paid: 0,
  payments: 0,
  refunded: 0,
  disputed: 0,
  failedAttempts: [],
};
const payment = { kind: "payment" as const, ref: "pi_1", amount: SAR(10000), at: AT };
const place = { gYear: 2026, gMonth: "2026-11", gDate: "2026-11-23", hYear: 1448, hMonth: 6 };

const { paid: _p, payments: _n, refunded: _r, disputed: _d, failedAttempts: _f, ...storedIntent } = donation;
const giftPut = donorItems("table", donation, [{ movement: payment, place }]).perMovement[0]?.[0]?.Put;

const ledgerEntry = {
  donationId: "don_1",
  fund: "initiative",
  initiativeId: "wells",
  designation: "sadaqah",
  interval: "month",
  ...payment,
};

/** An item as the stores write one (`...key, entity, ...row`), and the row it must read back as. */
const written = (tableAttributes: Record<string, unknown>, row: Record<string, unknown>) => ({
  item: { ...tableAttributes, ...row },
  expected: row,
});

interface Case {
  codec: EntityCodec<unknown>;
  item: Record<string, unknown>;
  expected: unknown;
  /** A field the entity cannot do without, and one to give a value of the wrong type. */
  required: string;
  mistyped: [field: string, value: unknown];
}

const cases: Case[] = [
  {
    codec: ledgerEntryCodec,
    // functions/table/donations/ledger-writes.ts ledgerEntryPut.
    item: {
      ...keys.ledgerEntry("don_1", "payment#pi_1", AT),
      entity: ENTITY.ledgerEntry,
      ...ledgerEntry,
      period: { start: AT, end: "2026-12-23T10:00:00.000Z" },
      signedAmount: 10000,
    },
    // The movement's period and signed amount are not finance's.
    expected: ledgerEntry,
    required: "ref",
    mistyped: ["amount", 10000],
  },
  {
    codec: payoutCodec,
    item: {
      ...summaryItem(payout, transactions, reconciliation, AT),
      reconciledAt: AT,
      reconciledBy: "stf_1",
    },
    expected: {
      ...payout,
      transactions: 1,
      exceptions: 1,
      openExceptions: 1,
      totals: reconciliation.totals,
      importedAt: AT,
      reconciledAt: AT,
      reconciledBy: "stf_1",
    },
    required: "openExceptions",
    mistyped: ["totals", { net: "9680" }],
  },
  {
    codec: reconExceptionCodec,
    item: {
      ...(importItems(payout, transactions, reconciliation).find(
        (item) => item.entity === ENTITY.reconException,
      ) ?? {}),
      // resolveItems' update.
      status: "resolved",
      resolution: { note: "Checked", action: "record_payment", by: "stf_1", at: AT },
    },
    expected: {
      payoutId: "po_1",
      ...exception,
      transactionAt: AT,
      status: "resolved",
      resolution: { note: "Checked", action: "record_payment", by: "stf_1", at: AT },
    },
    required: "exceptionId",
    mistyped: ["status", "closed"],
  },
  {
    codec: reconImportCodec,
    // functions/table/finance/import-job-store.ts jobItem.
    ...written(
      { ...keys.reconImport("imp_1"), ...keys.reconImportPending(AT, "imp_1"), entity: ENTITY.reconImport },
      {
        jobId: "imp_1",
        status: "running",
        createdAt: AT,
        requestedBy: "stf_1",
        progress: { payouts: 2, imported: 1, skipped: 0, transactions: 10, exceptions: 1 },
      },
    ),
    required: "progress",
    mistyped: ["createdAt", 1],
  },
  {
    codec: financeExportCodec,
    // functions/table/finance/export-store.ts jobItem, a finished job (no longer listed in gsi2).
    ...written(
      { ...keys.exportJob("exp_1"), entity: ENTITY.financeExport },
      {
        exportId: "exp_1",
        kind: "donations",
        format: "csv",
        locale: "en",
        range: { from: "2026-09-12", to: "2026-10-11", hijriFrom: "1448-03", hijriTo: "1448-03" },
        status: "done",
        createdAt: AT,
        rows: 12,
        fileName: "donations.csv",
        finishedAt: AT,
        requestedBy: "stf_1",
      },
    ),
    required: "requestedBy",
    mistyped: ["format", "pdf"],
  },
  {
    codec: fundDayCodec,
    // functions/table/donations/fund-writes.ts fundUpdates.
    ...written(
      { ...keys.fundDay("2026-11-23", "zakat", "general", "SAR"), entity: ENTITY.fundDay },
      {
        day: "2026-11-23",
        designation: "zakat",
        fund: "general",
        currency: "SAR",
        gross: 10000,
        refunds: 0,
        payments: 1,
        transfers: -5000,
      },
    ),
    required: "gross",
    mistyped: ["transfers", "-5000"],
  },
  {
    codec: fundFeesCodec,
    // functions/table/finance/reconciliation-store.ts saveImport.
    ...written(
      { ...keys.fundFees("2026-11-23", "zakat", "general", "SAR", "po_1"), entity: ENTITY.fundFees },
      {
        day: "2026-11-23",
        designation: "zakat",
        fund: "general",
        currency: "SAR",
        payoutId: "po_1",
        fees: 320,
        settledFees: { value: 85, currency: "USD" },
        payments: 1,
      },
    ),
    required: "settledFees",
    mistyped: ["fees", null],
  },
  {
    codec: sponsorshipCoverCodec,
    // functions/table/finance/books-store.ts recordCover.
    ...written(
      { ...keys.fundTransfer("don_1", "cover-0001"), entity: ENTITY.fundTransfer },
      {
        donationId: "don_1",
        coverId: "cover-0001",
        months: 2,
        amount: SAR(20000),
        from: { designation: "general", fund: "general" },
        to: { designation: "general", fund: "wells" },
        day: "2026-11-23",
        at: AT,
        previousEnd: AT,
        endsAt: "2027-01-23T10:00:00.000Z",
        note: "Covered",
        by: "stf_1",
      },
    ),
    required: "endsAt",
    // An unfulfilled adoption's transfer (same entity and key space) goes from an initiative's fund.
    mistyped: ["from", { designation: "sadaqah", fund: "wells" }],
  },
  {
    codec: donorGiftCodec,
    // functions/table/donations/donor-writes.ts giftPut, then the receipt link (receipt-store.ts).
    item: { ...giftPut?.Item, receipt: { number: "2026-000001", accessToken: "tok" } },
    expected: {
      at: AT,
      donationId: "don_1",
      movementId: "payment#pi_1",
      kind: "payment",
      amount: SAR(10000),
      signedAmount: 10000,
      designation: "sadaqah",
      interval: "month",
      fund: "initiative",
      initiativeId: "wells",
      adoption: { units: 1, share: 5000 },
      gYear: 2026,
      hYear: 1448,
      hMonth: 6,
      receipt: { number: "2026-000001", accessToken: "tok" },
    },
    required: "signedAmount",
    mistyped: ["hYear", "1448"],
  },
  {
    codec: donorMonthlyCodec,
    // functions/table/donations/donor-writes.ts monthlyUpdate's fields.
    ...written(
      { ...keys.donorMonthly("dnr_1", "don_1"), entity: ENTITY.donorMonthly },
      {
        donationId: "don_1",
        kind: "adoption",
        amount: SAR(10000),
        designation: "sadaqah",
        startedAt: AT,
        initiativeId: "wells",
        feeCover: SAR(320),
        units: 1,
      },
    ),
    required: "startedAt",
    mistyped: ["kind", "gift"],
  },
  {
    codec: donationCodec,
    // functions/table/donations/donation-store.ts donationPut, then ledger-writes.ts and donation-marks.ts.
    item: {
      ...keys.donation("don_1"),
      ...keys.donationOfDonor("dnr_1", AT, "don_1"),
      entity: ENTITY.donation,
      ...storedIntent,
      paid: 20000,
      payments: 2,
      refunded: 0,
      disputed: 0,
      subscriptionId: "sub_1",
      adoptedAt: AT,
      paidPeriods: new Set(["2027-01-23T10:00:00.000Z", "2026-12-23T10:00:00.000Z"]),
      cancelSchedules: new Set(["2026-12-01T00:00:00.000Z#2027-01-23T10:00:00.000Z"]),
      failedAttemptRefs: new Set(["in_2#2", "in_2#1"]),
    },
    expected: {
      ...donation,
      paid: 20000,
      payments: 2,
      subscriptionId: "sub_1",
      adoptedAt: AT,
      paidThrough: "2027-01-23T10:00:00.000Z",
      cancelAt: "2027-01-23T10:00:00.000Z",
      cancelSchedules: ["2026-12-01T00:00:00.000Z#2027-01-23T10:00:00.000Z"],
      failedAttempts: ["in_2#1", "in_2#2"],
    },
    required: "donor",
    mistyped: ["paidPeriods", ["2026-12-23T10:00:00.000Z"]],
  },
  {
    codec: unfulfilledAdoptionCodec,
    // functions/table/adoption/unfulfilled-store.ts record, then a resolution.
    ...written(
      {
        ...keys.unfulfilledAdoption("don_1.pi_1"),
        ...keys.unfulfilledOpen(AT, "don_1.pi_1"),
        entity: ENTITY.unfulfilledAdoption,
      },
      {
        exceptionId: "don_1.pi_1",
        donationId: "don_1",
        initiativeId: "wells",
        units: 1,
        designation: "zakat",
        interval: "once",
        payment: { ref: "pi_1", amount: SAR(10000), at: AT },
        recordedAt: AT,
        status: "refunding",
        resolution: { action: "refund", by: "stf_1", email: "staff@example.org", at: AT, note: "Refund" },
      },
    ),
    required: "payment",
    mistyped: ["units", "1"],
  },
];

function without(item: Record<string, unknown>, field: string) {
  const { [field]: _gone, ...rest } = item;
  return rest;
}

function readError(codec: EntityCodec<unknown>, item: Record<string, unknown>): StoredItemInvalidError {
  try {
    codec.read(item);
  } catch (error) {
    if (error instanceof StoredItemInvalidError) return error;
    throw error;
  }
  throw new Error(`${codec.entity} read a malformed item`);
}

describe.each(cases)("the $codec.entity codec", ({ codec, item, expected, required, mistyped }) => {
  it("reads the item as its store writes it back to the domain's object, without the table's attributes", () => {
    const read = codec.read(item);
    expect(read).toEqual(expected);
    for (const name of TABLE_ATTRIBUTES) expect(read).not.toHaveProperty(name);
  });

  it("refuses an item missing a field it needs, naming the entity and the field", () => {
    const error = readError(codec, without(item, required));
    expect(error.entity).toBe(codec.entity);
    expect(error.code).toBe("internal_error");
    expect(error.message).toContain(codec.entity);
    expect(error.message).toContain(required);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it("refuses an item with a field of the wrong type", () => {
    const [field, value] = mistyped;
    const error = readError(codec, { ...item, [field]: value });
    expect(error.entity).toBe(codec.entity);
    expect(error.message).toContain(field);
  });
});

describe("reading stored items", () => {
  it("gives a donation without events its counters at zero and no derived state", () => {
    expect(
      donationCodec.read({ ...keys.donation("don_1"), entity: ENTITY.donation, ...storedIntent }),
    ).toEqual(donation);
  });

  it("strips exactly the table's own attributes: keys, index keys, the entity tag and the TTL", () => {
    expect(
      stripTableAttributes({
        pk: "P",
        sk: "S",
        gsi1pk: "G1",
        gsi1sk: "G1S",
        gsi2pk: "G2",
        gsi2sk: "G2S",
        entity: "payoutTransaction",
        expiresAt: 1,
        payoutId: "po_1",
        matched: false,
      }),
    ).toEqual({ payoutId: "po_1", matched: false });
  });

  it("answers a malformed stored item as a server fault (500, the generic message), never the caller's", () => {
    const error = new StoredItemInvalidError("payout", "amount: Invalid input");
    expect(statusFor(error)).toBe(500);
    expect(errorBody(error, "en").error).toBe("internal_error");
    expect(errorBody(error, "en").message).not.toContain("payout");
  });
});
