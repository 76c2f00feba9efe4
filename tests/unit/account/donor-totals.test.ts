import { describe, expect, it } from "vitest";
import { donorCounterDeltas, parseCounterName } from "../../../functions/domain/account/donor-totals.ts";
import { calendarPlace, yearPeriod } from "../../../functions/domain/calendars.ts";
import type { Movement } from "../../../functions/domain/model.ts";
import { scheduledCancel } from "../../../functions/table/donations/donation-marks.ts";

const RIYADH = "Asia/Riyadh";
const zakatToOrphans = {
  fund: { kind: "initiative", initiativeId: "orphans" },
  designation: "zakat",
} as const;

function write(kind: Movement["kind"], value: number, at: string, currency = "SAR") {
  return {
    movement: { kind, ref: `${kind}_${at}`, amount: { value, currency }, at },
    place: calendarPlace(at, RIYADH),
  };
}

describe("where a gift falls in the council's calendars", () => {
  it("counts a gift at 00:30 on 1 January in Riyadh in the new Gregorian year, though it is still 31 December in UTC", () => {
    expect(calendarPlace("2026-12-31T21:30:00Z", RIYADH)).toMatchObject({ gYear: 2027, gMonth: "2027-01" });
    expect(calendarPlace("2026-12-31T20:30:00Z", RIYADH)).toMatchObject({ gYear: 2026, gMonth: "2026-12" });
  });

  it("counts a gift after midnight on 1 Muharram 1448 (16 June 2026) in Riyadh in the new Hijri year", () => {
    expect(calendarPlace("2026-06-15T20:30:00Z", RIYADH)).toMatchObject({ hYear: 1447, hMonth: 12 });
    expect(calendarPlace("2026-06-15T21:30:00Z", RIYADH)).toMatchObject({ hYear: 1448, hMonth: 1 });
  });

  it("bounds Hijri years by Umm al-Qura dates, each year ending the day before the next begins", () => {
    expect(yearPeriod("hijri", 1447)).toEqual({ from: "2025-06-26", to: "2026-06-15" });
    expect(yearPeriod("hijri", 1448)).toEqual({ from: "2026-06-16", to: "2027-06-05" });
    expect(yearPeriod("gregorian", 2026)).toEqual({ from: "2026-01-01", to: "2026-12-31" });
  });
});

describe("the donor's counter deltas", () => {
  it("adds a payment to every dimension's amount and count, named as the data model says", () => {
    const deltas = donorCounterDeltas(zakatToOrphans, [write("payment", 10_000, "2026-06-15T21:30:00Z")]);
    expect(deltas).toEqual({
      "c#all#-#SAR": 10_000,
      "n#all#-#SAR": 1,
      "c#gy#2026#SAR": 10_000,
      "n#gy#2026#SAR": 1,
      "c#hy#1448#SAR": 10_000,
      "n#hy#1448#SAR": 1,
      "c#gm#2026-06#SAR": 10_000,
      "n#gm#2026-06#SAR": 1,
      "c#des#zakat#SAR": 10_000,
      "n#des#zakat#SAR": 1,
      "c#ini#orphans#SAR": 10_000,
      "n#ini#orphans#SAR": 1,
      "c#gy.des#2026:zakat#SAR": 10_000,
      "n#gy.des#2026:zakat#SAR": 1,
      "c#gy.ini#2026:orphans#SAR": 10_000,
      "n#gy.ini#2026:orphans#SAR": 1,
      "c#hy.des#1448:zakat#SAR": 10_000,
      "n#hy.des#1448:zakat#SAR": 1,
      "c#hy.ini#1448:orphans#SAR": 10_000,
      "n#hy.ini#1448:orphans#SAR": 1,
    });
  });

  it("subtracts refunds and dispute withdrawals without counting payments, and adds reinstatements back", () => {
    const deltas = donorCounterDeltas(zakatToOrphans, [
      write("payment", 10_000, "2026-03-01T10:00:00Z"),
      write("refund", 2_500, "2026-03-02T10:00:00Z"),
      write("dispute_withdrawal", 7_500, "2026-03-03T10:00:00Z"),
      write("dispute_reinstatement", 7_500, "2026-03-09T10:00:00Z"),
    ]);
    expect(deltas["c#all#-#SAR"]).toBe(7_500);
    expect(deltas["n#all#-#SAR"]).toBe(1);
    expect(deltas["c#gm#2026-03#SAR"]).toBe(7_500);
  });

  it("counts a refund in the year it was made, keeps currencies apart, and names the general fund", () => {
    const general = { fund: { kind: "general" }, designation: "sadaqah" } as const;
    const deltas = donorCounterDeltas(general, [
      write("payment", 1_500, "2026-12-20T10:00:00Z", "KWD"),
      write("refund", 500, "2026-12-31T22:00:00Z", "KWD"),
    ]);
    expect(deltas["c#gy#2026#KWD"]).toBe(1_500);
    expect(deltas["c#gy#2027#KWD"]).toBe(-500);
    expect(deltas["n#gy#2027#KWD"]).toBeUndefined();
    expect(deltas["c#ini#general#KWD"]).toBe(1_000);
    expect(deltas["c#gy.des#2027:sadaqah#KWD"]).toBe(-500);
    expect(Object.keys(deltas).some((name) => name.endsWith("#SAR"))).toBe(false);
  });

  it("keeps a movement's counters when they net to zero, so grouping never changes which attributes exist", () => {
    const deltas = donorCounterDeltas(zakatToOrphans, [
      write("payment", 4_000, "2026-05-01T10:00:00Z"),
      write("refund", 4_000, "2026-05-01T11:00:00Z"),
    ]);
    expect(deltas["c#all#-#SAR"]).toBe(0);
    expect(deltas["n#all#-#SAR"]).toBe(1);
  });

  it("reads counter names back, and nothing else", () => {
    expect(parseCounterName("c#gy.ini#1448:general#KWD")).toEqual({
      kind: "c",
      dimension: "gy.ini",
      value: "1448:general",
      currency: "KWD",
    });
    expect(parseCounterName("sessionEpoch")).toBeUndefined();
    expect(parseCounterName("c#gy#2026")).toBeUndefined();
  });
});

describe("a cancellation scheduled for the period's end", () => {
  it("is the latest change whatever order the changes were stored in", () => {
    const scheduled = "2026-11-01T10:00:00.000Z#2026-12-01T00:00:00.000Z";
    const withdrawn = "2026-11-02T10:00:00.000Z#none";
    const again = "2026-11-03T10:00:00.000Z#2026-12-01T00:00:00.000Z";
    expect(scheduledCancel(new Set([withdrawn, scheduled]))).toBeUndefined();
    expect(scheduledCancel(new Set([again, withdrawn, scheduled]))).toBe("2026-12-01T00:00:00.000Z");
    expect(scheduledCancel(new Set([scheduled]))).toBe("2026-12-01T00:00:00.000Z");
    expect(scheduledCancel(undefined)).toBeUndefined();
  });
});
