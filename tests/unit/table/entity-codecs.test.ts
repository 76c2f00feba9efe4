/**
 * The table's read-back codecs: an item as the stores write it reads back as the domain type, without the
 * table's own attributes; a malformed item is a StoredItemInvalidError naming its entity (a 500, never a
 * wrong figure); and no store in functions/table casts what it reads.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StoredItemInvalidError } from "../../../functions/domain/errors.ts";
import { statusFor } from "../../../functions/http/errors.ts";
import { fundDayCodec, fundFeesCodec } from "../../../functions/table/codecs/finance.ts";
import { ENTITY } from "../../../functions/table/entities.ts";
import { keys } from "../../../functions/table/keys.ts";

const feeRow = {
  day: "2026-11-30",
  designation: "zakat",
  fund: "orphans",
  currency: "USD",
  payoutId: "po_1",
  fees: 360,
  settledFees: { value: 1350, currency: "SAR" },
  payments: 1,
};

describe("an entity's codec", () => {
  it("reads an item as its store writes it back as the domain's row, without keys, entity or TTL", () => {
    const item = {
      ...keys.fundFees(feeRow.day, feeRow.designation, feeRow.fund, feeRow.currency, "po_1#txn_9"),
      entity: ENTITY.fundFees,
      ...feeRow,
    };
    expect(fundFeesCodec.read(item)).toEqual(feeRow);
    const day = { day: "2026-11-30", designation: "zakat", fund: "general", currency: "SAR" };
    const figures = { gross: 10_000, refunds: 0, payments: 1, transfers: 0 };
    expect(
      fundDayCodec.read({
        ...keys.fundDay("2026-11-30", "zakat", "general", "SAR"),
        entity: ENTITY.fundDay,
        ...day,
        ...figures,
      }),
    ).toEqual({ ...day, ...figures });
  });

  it("refuses a malformed item with a typed error naming the entity and the field, answered as a 500", () => {
    const { fees: _fees, ...missing } = feeRow;
    const refused = (item: Record<string, unknown>) => {
      try {
        fundFeesCodec.read(item);
      } catch (error) {
        return error;
      }
      throw new Error("read a malformed item");
    };
    for (const item of [missing, { ...feeRow, fees: "360" }, { ...feeRow, settledFees: 1350 }]) {
      const error = refused(item);
      expect(error).toBeInstanceOf(StoredItemInvalidError);
      expect((error as StoredItemInvalidError).entity).toBe(ENTITY.fundFees);
      expect(statusFor(error)).toBe(500);
    }
    expect(String((refused(missing) as Error).message)).toContain("fees");
  });
});

describe("the stores", () => {
  it("never cast what they read: every read goes through a codec", () => {
    const root = new URL("../../../functions/table", import.meta.url).pathname;
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((file) => file.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(20);
    const casting = files.filter((file) => readFileSync(join(root, file), "utf8").includes("as unknown as"));
    expect(casting).toEqual([]);
  });
});
