/**
 * The restore drill (scripts/table-data.ts) on DynamoDB Local: a table holding real gifts (ledger, totals,
 * receipts, donors' partitions) is exported, wiped and imported again, and comes back record for record.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localClient } from "../../local/dynamodb-local.ts";
import { exportItems, fingerprint, restoreDrill, runTableData } from "../../scripts/table-data.ts";
import { paidGift } from "../support/donor-accounts.ts";
import { withLocalStack } from "../support/local-stack.ts";

const stack = withLocalStack();
const TABLE = () => process.env.TABLE_NAME ?? "";
const ENDPOINT = () => process.env.DYNAMODB_ENDPOINT ?? "";

describe("the restore drill", () => {
  it("exports, wipes and imports the table, and finds every finance record as it was", async () => {
    await paidGift(stack.url, { name: "Sara Ali", email: "sara.drill@example.com" });
    await paidGift(
      stack.url,
      { name: "Omar Said", email: "omar.drill@example.com" },
      {
        amount: { value: 25_000, currency: "SAR" },
        designation: "zakat",
      },
    );
    await stack.drainStreams();
    const client = localClient(ENDPOINT());
    try {
      const before = await stack.table.allItems();
      const file = join(mkdtempSync(join(tmpdir(), "athar-drill-")), "backup.jsonl");
      const report = await restoreDrill(client, TABLE(), file);
      expect(report.emptiedTo).toBe(0);
      expect(report.identical).toBe(true);
      expect(report.after).toEqual(report.before);
      for (const kind of ["ledger", "totals", "receipts", "donorPartitions"]) {
        expect(report.before[kind]?.items, kind).toBeGreaterThan(0);
      }
      expect(report.before.everything?.items).toBe(before.length);
      expect(readFileSync(file, "utf8").trim().split("\n")).toHaveLength(before.length);
      const sortKey = (item: Record<string, unknown>) => `${item.pk}|${item.sk}`;
      const sorted = (items: Record<string, unknown>[]) =>
        [...items].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
      expect(sorted(await stack.table.allItems())).toEqual(sorted(before));
    } finally {
      client.destroy();
    }
  });

  it("tells a changed total from an unchanged one (the comparison is real)", async () => {
    const client = localClient(ENDPOINT());
    try {
      const items = await exportItems(client, TABLE());
      const changed = items.map((item) =>
        item.entity?.S === "currencyTotals"
          ? { ...item, raised: { N: String(Number(item.raised?.N) + 1) } }
          : item,
      );
      const [before, after] = [fingerprint(items), fingerprint(changed)];
      expect(after.totals?.sha256).not.toBe(before.totals?.sha256);
      expect(after.ledger).toEqual(before.ledger);
      expect(after.receipts).toEqual(before.receipts);
    } finally {
      client.destroy();
    }
  });

  it("runs as npm run table:data -- drill, saying what it compared", async () => {
    const lines: string[] = [];
    const file = join(mkdtempSync(join(tmpdir(), "athar-drill-")), "cli.jsonl");
    const code = await runTableData(
      ["drill", "--table", TABLE(), "--endpoint", ENDPOINT(), "--file", file],
      (line) => lines.push(line),
    );
    expect(code).toBe(0);
    expect(lines.filter((line) => line.startsWith("same  "))).toHaveLength(5);
    expect(lines.at(-1)).toBe(`restore drill passed (backup in ${file})`);
  });
});
