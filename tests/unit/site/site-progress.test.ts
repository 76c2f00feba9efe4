import { describe, expect, it } from "vitest";
import { alsoReceivedText, type ProgressStrings, progressView } from "../../../site/src/lib/progress.ts";

const strings: ProgressStrings = {
  raised: "{raised} raised of {goal}",
  units: "{adopted} of {total} {unit} adopted",
  unitsWord: "units",
  whole: "Open for adoption as a whole for {amount}",
  wholeAdopted: "Adopted as a whole",
  funded: "Fully funded",
  alsoReceived: "Also received: {amounts}",
};
const stats = (raised: number, adopted = 0) => ({
  raised: { SAR: raised },
  units: { total: 200, adopted, held: 0, free: 200 - adopted },
});

describe("progressView", () => {
  it("shows an open goal as amount raised of the goal, capped at full", () => {
    const open = { funding: { model: "open" as const, goal: 1_000_000 }, currency: "SAR", status: "open" };
    expect(progressView(open, stats(250_050), "en", strings)).toMatchObject({
      value: 250_050,
      max: 1_000_000,
      percent: 25,
    });
    expect(progressView(open, stats(250_050), "en", strings).text).toMatch(
      /^SAR\s2,500\.50 raised of SAR\s10,000$/,
    );
    expect(progressView(open, stats(2_000_000), "en", strings).percent).toBe(100);
  });

  it("counts adopted units, and whole adoption once the amount is reached", () => {
    const units = {
      funding: { model: "units" as const, unitPrice: 250_000, unitsTotal: 200, interval: "once" as const },
      currency: "SAR",
      status: "open",
    };
    expect(progressView(units, stats(0, 50), "en", strings)).toMatchObject({
      value: 50,
      max: 200,
      percent: 25,
      text: "50 of 200 units adopted",
    });
    const whole = {
      funding: { model: "whole" as const, amount: 4_800_000 },
      currency: "SAR",
      status: "open",
    };
    expect(progressView(whole, stats(100), "en", strings).text).toMatch(
      /^Open for adoption as a whole for SAR\s48,000$/,
    );
    expect(progressView(whole, stats(4_800_000), "en", strings)).toMatchObject({
      percent: 100,
      text: "Adopted as a whole",
    });
  });

  it("shows a funded initiative as fully funded, whatever was given through the site", () => {
    const funded = {
      funding: { model: "units" as const, unitPrice: 35_000, unitsTotal: 3000, interval: "once" as const },
      currency: "SAR",
      status: "funded",
    };
    expect(progressView(funded, stats(0), "ar", strings)).toEqual({
      value: 1,
      max: 1,
      percent: 100,
      text: "Fully funded",
    });
  });
});

describe("alsoReceivedText", () => {
  it("lists what arrived in other currencies than the initiative's own, and nothing otherwise", () => {
    const initiative = { currency: "SAR" };
    expect(
      alsoReceivedText(
        initiative,
        { raised: { SAR: 5_000, USD: 12_000, EUR: 5_050, KWD: 0 } },
        "en",
        strings,
      ),
    ).toMatch(/^Also received: €50\.50 · US\$120$/);
    expect(alsoReceivedText(initiative, { raised: { SAR: 5_000 } }, "en", strings)).toBe("");
    expect(alsoReceivedText(initiative, undefined, "ar", strings)).toBe("");
  });
});
