/**
 * `node --import tests/support/test-clock-preload.ts …`: starts a child process (the product under the
 * end-to-end tests) on the test run's clock, whose offset its parent passes in ATHAR_TEST_CLOCK_OFFSET_MS.
 */
import { CLOCK_OFFSET_ENV, shiftDateBy } from "./test-clock.ts";

const offset = Number(process.env[CLOCK_OFFSET_ENV]);
if (!Number.isFinite(offset)) throw new Error(`${CLOCK_OFFSET_ENV} must be a number of milliseconds`);
shiftDateBy(offset);
