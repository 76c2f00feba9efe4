/**
 * The clock of the tests that run the real handlers (integration in-process, end-to-end in the product's
 * process and in Chromium). The handlers read the time from `new Date()` at each request, so the tests
 * move the whole process's clock: it reads a chosen instant when the file starts, then runs at the real
 * pace, so durations, timeouts and orderings stay real while the calendar is the test's own. No file then
 * passes or fails by the hour, the day or the Hijri month it happens to run in.
 */

/**
 * Where every such file starts unless it chooses its own instant: noon in Riyadh (09:00 UTC) on
 * 22 October 2026, which is 11 Jumada al-Ula 1448. It is hours from any midnight in UTC or Riyadh, days
 * from the end of a month in either calendar, months from either new year, and on the hour, so the
 * 10-minute and hourly rate-limit windows are whole. It comes after every dated gift the tests make.
 */
export const TEST_CLOCK_START = "2026-10-22T09:00:00.000Z";

/**
 * Shifts this realm's clock by `offsetMs` from the machine's: `new Date()`, `Date()` and `Date.now()`
 * follow, timers do not move. Self-contained (it names no import), so Chromium pages run it too, as an
 * init script. The machine's Date is kept on the global, so shifting twice never stacks offsets.
 */
export function shiftDateBy(offsetMs: number): void {
  const global = globalThis as typeof globalThis & Record<symbol, DateConstructor | undefined>;
  const key = Symbol.for("athar.tests.realDate");
  global[key] ??= Date;
  const RealDate = global[key];
  const now = () => RealDate.now() + offsetMs;
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) =>
      Reflect.construct(target, args.length > 0 ? args : [now()], newTarget),
    apply: () => new RealDate(now()).toString(),
    get: (target, property, receiver) => (property === "now" ? now : Reflect.get(target, property, receiver)),
  });
}

/** The machine's own Date, whatever shift is in force. */
export function realDate(): DateConstructor {
  return (
    (globalThis as typeof globalThis & Record<symbol, DateConstructor | undefined>)[
      Symbol.for("athar.tests.realDate")
    ] ?? Date
  );
}

/** How far this process's clock is from the machine's. */
export const clockOffsetMs = () => Date.now() - realDate().now();

/** Makes this process's clock read `start` now; it then runs at the real pace. Returns the offset applied. */
export function runClockFrom(start: string | Date): number {
  const offsetMs = new (realDate())(start).getTime() - realDate().now();
  if (Number.isNaN(offsetMs)) throw new Error(`not an instant: ${String(start)}`);
  shiftDateBy(offsetMs);
  return offsetMs;
}

/** Back to the machine's clock. */
export function restoreRealClock(): void {
  globalThis.Date = realDate();
}

/** The environment variable through which a child process (the product under e2e) gets the run's offset. */
export const CLOCK_OFFSET_ENV = "ATHAR_TEST_CLOCK_OFFSET_MS";
