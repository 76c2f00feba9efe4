import { describe, expect, it } from "vitest";
import { HANDLER_GROUPS } from "../../../functions/routes.ts";
import { matchesFilter, mergedFilters } from "../../../functions/streams/routing.ts";

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

  it("merges filters that differ in one list into one matching exactly the same records", () => {
    const entity = (name: string) => ({
      eventName: ["INSERT"],
      dynamodb: { NewImage: { entity: { S: [name] } } },
    });
    const removal = { eventName: ["REMOVE"], dynamodb: { OldImage: { entity: { S: ["hold"] } } } };
    const twoFields = {
      dynamodb: { NewImage: { entity: { S: ["erasureRequest"] }, status: { S: ["scheduled"] } } },
    };
    // Differs from `entity("a")` in two lists: kept apart, or it would match REMOVEs of "a".
    const twoLists = { eventName: ["REMOVE"], dynamodb: { NewImage: { entity: { S: ["b"] } } } };
    const filters = [entity("a"), removal, entity("b"), twoFields, twoLists, entity("a")];
    const merged = mergedFilters(filters);
    expect(merged).toEqual([
      { eventName: ["INSERT"], dynamodb: { NewImage: { entity: { S: ["a", "b"] } } } },
      removal,
      twoFields,
      twoLists,
    ]);
    const records = ["INSERT", "REMOVE", "MODIFY"].flatMap((eventName) =>
      ["a", "b", "hold", "erasureRequest", "c"].flatMap((name) =>
        ["NewImage", "OldImage"].flatMap((image) =>
          ["scheduled", "done"].map((status) => ({
            eventName,
            dynamodb: { [image]: { entity: { S: name }, status: { S: status } } },
          })),
        ),
      ),
    );
    for (const record of records) {
      expect(
        merged.some((filter) => matchesFilter(record, filter)),
        JSON.stringify(record),
      ).toBe(filters.some((filter) => matchesFilter(record, filter)));
    }
  });
});
