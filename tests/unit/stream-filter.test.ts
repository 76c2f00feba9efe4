import { describe, expect, it } from "vitest";
import { HANDLER_GROUPS } from "../../functions/routes.ts";
import { matchesFilter } from "../../functions/streams/routing.ts";

/** The local stack must pick the same stream records as Lambda's event filter in AWS. */
describe("stream record filters (Lambda's exact-match syntax)", () => {
  const { filter } = HANDLER_GROUPS.receipts.stream;
  const record = (eventName: string, entity: string) => ({
    eventName,
    dynamodb: { NewImage: { entity: { S: entity }, year: { N: "2026" } } },
  });

  it("wakes the receipt sequencer for new receipt requests only", () => {
    expect(matchesFilter(record("INSERT", "receiptRequest"), filter)).toBe(true);
    expect(matchesFilter(record("REMOVE", "receiptRequest"), filter)).toBe(false);
    expect(matchesFilter(record("MODIFY", "receiptRequest"), filter)).toBe(false);
    expect(matchesFilter(record("INSERT", "ledgerEntry"), filter)).toBe(false);
    expect(matchesFilter({ eventName: "INSERT", dynamodb: {} }, filter)).toBe(false);
  });

  it("accepts any of the listed values and needs every named field", () => {
    const either = { kind: ["a", "b"], nested: { flag: ["yes"] } };
    expect(matchesFilter({ kind: "b", nested: { flag: "yes" } }, either)).toBe(true);
    expect(matchesFilter({ kind: "c", nested: { flag: "yes" } }, either)).toBe(false);
    expect(matchesFilter({ kind: "a" }, either)).toBe(false);
  });
});
