import { afterEach, describe, expect, it } from "vitest";
import { realDate, restoreRealClock, runClockFrom, shiftDateBy } from "../../support/test-clock.ts";

afterEach(restoreRealClock);

describe("the tests' clock", () => {
  it("reads the chosen instant now and runs at the real pace", async () => {
    runClockFrom("2026-12-09T20:59:59.000Z");
    const first = Date.now();
    expect(first - Date.parse("2026-12-09T20:59:59.000Z")).toBeGreaterThanOrEqual(0);
    expect(first - Date.parse("2026-12-09T20:59:59.000Z")).toBeLessThan(5_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const later = new Date();
    expect(later.valueOf()).toBeGreaterThanOrEqual(first + 15);
    // Called without new, Date gives the shifted present as text (in the machine's time zone).
    expect(Math.abs(Date.parse(Date()) - Date.now())).toBeLessThan(2_000);
  });

  it("moves only the present: dates given explicitly, parsing and instanceof are the real Date's", () => {
    runClockFrom("2030-01-01T00:00:00.000Z");
    expect(new Date(0).toISOString()).toBe("1970-01-01T00:00:00.000Z");
    expect(new Date("2026-06-15T20:30:00Z").getTime()).toBe(Date.UTC(2026, 5, 15, 20, 30));
    expect(new Date(2026, 0, 1)).toBeInstanceOf(realDate());
    expect(new Date()).toBeInstanceOf(Date);
    expect(Date.UTC(2026, 0, 1)).toBe(1_767_225_600_000);
  });

  it("never stacks shifts, and restores the machine's clock", () => {
    shiftDateBy(86_400_000);
    shiftDateBy(86_400_000);
    const drift = Date.now() - realDate().now();
    expect(drift).toBeGreaterThanOrEqual(86_400_000);
    expect(drift).toBeLessThan(86_400_000 + 1_000);
    restoreRealClock();
    expect(Math.abs(Date.now() - realDate().now())).toBeLessThan(1_000);
  });
});
