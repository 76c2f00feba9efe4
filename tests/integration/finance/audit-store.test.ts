import { beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient } from "../../../functions/adapters/dynamodb.ts";
import { createAuditStore } from "../../../functions/table/finance/audit-store.ts";
import { ensureTable } from "../../../local/dynamodb-local.ts";
import { tableReader } from "../../support/table-reader.ts";

const endpoint = process.env.DYNAMODB_ENDPOINT ?? "";
const tableName = process.env.TABLE_NAME ?? "";
const client = createDocumentClient({ region: "me-central-1", endpoint });
const table = tableReader();
let now = new Date("2031-04-30T23:59:58Z");
const audit = createAuditStore(client, tableName, { now: () => now });

beforeAll(() => ensureTable(endpoint, tableName));

const actor = { staffId: "staff-1", email: "finance@council.example" };

describe("the audit log", () => {
  it("keeps every entry of a month, newest first, a page at a time, and files each under its own month", async () => {
    const recorded = [];
    for (let i = 0; i < 5; i += 1) {
      now = new Date(Date.parse("2031-04-30T23:59:58Z") + i * 300);
      recorded.push(
        await audit.record({ actor, action: "payout.import", target: { kind: "payout", id: `po_${i}` } }),
      );
    }
    now = new Date("2031-05-01T00:00:01Z");
    const may = await audit.record({
      actor,
      action: "exception.resolve",
      target: { kind: "exception", id: "exc_1" },
      details: { note: "refund made in the dashboard" },
    });

    const first = await audit.listMonth("2031-04", { limit: 3 });
    expect(first.entries.map((entry) => entry.target.id)).toEqual(["po_4", "po_3", "po_2"]);
    const second = await audit.listMonth("2031-04", { limit: 3, cursor: first.cursor });
    expect(second.entries.map((entry) => entry.target.id)).toEqual(["po_1", "po_0"]);
    expect(second.entries[1]).toEqual(recorded[0]);
    expect((await audit.listMonth("2031-05")).entries).toEqual([may]);

    const stored = (await table.allItems()).filter((item) => item.entity === "auditEntry");
    expect(new Set(stored.map((item) => item.auditId)).size).toBe(stored.length);
  });
});
