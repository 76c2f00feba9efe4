/** Each end-to-end test file runs on the clock of the product it drives (tests/support/product-global-setup.ts). */
import { inject } from "vitest";
import { shiftDateBy } from "./test-clock.ts";

shiftDateBy(inject("clockOffsetMs"));
