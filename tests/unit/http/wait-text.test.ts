import { describe, expect, it } from "vitest";
import { waitDuration, waitText } from "../../../functions/http/wait-text.ts";

const MINUTE = 60;
const HOUR = 3600;

describe("how long a refused caller is told to wait", () => {
  it("rounds up, so the wait said is never shorter than the real one", () => {
    expect(waitDuration(1)).toEqual({ minutes: 1 });
    expect(waitDuration(MINUTE + 1)).toEqual({ minutes: 2 });
    expect(waitDuration(59 * MINUTE)).toEqual({ minutes: 59 });
    expect(waitDuration(59 * MINUTE + 1)).toEqual({ hours: 1 });
    expect(waitDuration(100 * MINUTE)).toEqual({ hours: 1, minutes: 40 });
    expect(waitDuration(3 * HOUR)).toEqual({ hours: 3 });
    expect(waitDuration(3 * HOUR + 1)).toEqual({ hours: 4 });
    expect(waitDuration(1359 * MINUTE)).toEqual({ hours: 23 });
    expect(waitDuration(48 * HOUR)).toEqual({ hours: 48 });
    expect(waitDuration(49 * HOUR)).toEqual({ days: 2, hours: 1 });
    expect(waitDuration(72 * HOUR)).toEqual({ days: 3 });
  });

  it("says a day-long window's wait in hours, never as thousands of minutes", () => {
    expect(waitText("en", 1359 * MINUTE)).toBe("23 hours");
    expect(waitText("ar", 1359 * MINUTE)).toBe("23 ساعة");
  });

  it("uses each Arabic plural form, with the Latin digits the site uses", () => {
    const minutes = [1, 2, 3, 11, 45].map((n) => waitText("ar", n * MINUTE));
    expect(minutes).toEqual(["دقيقة", "دقيقتان", "3 دقائق", "11 دقيقة", "45 دقيقة"]);
    const hours = [3, 11, 24].map((n) => waitText("ar", n * HOUR));
    expect(hours).toEqual(["3 ساعات", "11 ساعة", "24 ساعة"]);
    expect(waitText("ar", HOUR)).toBe("ساعة");
    expect(waitText("ar", 2 * HOUR)).toBe("ساعتان");
    expect(waitText("ar", 100 * MINUTE)).toBe("ساعة و40 دقيقة");
    expect(waitText("ar", 100 * HOUR)).toBe("4 أيام و4 ساعات");
  });

  it("uses English singular and plural", () => {
    expect(waitText("en", 30)).toBe("1 minute");
    expect(waitText("en", 5 * MINUTE)).toBe("5 minutes");
    expect(waitText("en", HOUR)).toBe("1 hour");
    expect(waitText("en", 121 * MINUTE)).toBe("2 hours, 1 minute");
    expect(waitText("en", 49 * HOUR)).toBe("2 days, 1 hour");
  });
});
