import { describe, expect, it } from "vitest";
import { renderSection } from "../../../bench/markdown.ts";
import { measureReconciliation } from "../../../bench/reconciliation.ts";
import { generatePayout } from "../../../bench/reconciliation-data.ts";
import { reconciliationSection } from "../../../bench/report.ts";

describe("the bench's payout reconciliation", () => {
  it("generates a payout whose transactions net to the payout and each have a ledger entry", () => {
    const data = generatePayout(300);
    expect(data.transactions).toHaveLength(301);
    expect(data.ledger).toHaveLength(300);
    const net = data.transactions
      .filter((transaction) => transaction.type !== "payout")
      .reduce((sum, transaction) => sum + transaction.settlement.net, 0);
    expect(net).toBe(data.payout.amount);
    expect(new Set(data.transactions.map((transaction) => transaction.movement?.kind))).toEqual(
      new Set(["payment", "refund", "dispute_withdrawal", "dispute_reinstatement", undefined]),
    );
  });

  it("measures reconcile and the plain pass at each size and reports them side by side", () => {
    const figures = measureReconciliation([200, 400]);
    expect(figures.rows.map((row) => [row.transactions, row.exceptions])).toEqual([
      [200, 0],
      [400, 0],
    ]);
    for (const row of figures.rows) {
      expect(row.reconcileMs).toBeGreaterThan(0);
      expect(row.plainMs).toBeGreaterThanOrEqual(0);
      expect(row.reconcileHeapMb).toBeGreaterThanOrEqual(0);
    }
    const markdown = renderSection(
      reconciliationSection({
        reconciliation: {
          rounds: 7,
          rows: [
            {
              transactions: 1000,
              exceptions: 0,
              reconcileMs: 2,
              plainMs: 0.05,
              reconcileHeapMb: 1.5,
              plainHeapMb: 0,
            },
            {
              transactions: 10000,
              exceptions: 0,
              reconcileMs: 22,
              plainMs: 0.4,
              reconcileHeapMb: 14,
              plainHeapMb: 0,
            },
          ],
        },
      }),
    );
    expect(markdown).toContain("## Payout reconciliation");
    expect(markdown).toContain("| 1,000 | 0 | 2.00 | 2.00 | 0.05 | 1.5 | 0.00 |");
    expect(markdown).toContain("| 10,000 | 0 | 22.0 | 2.20 | 0.40 | 14.0 | 0.00 |");
    expect(markdown).toContain("changes by 1.10×. The work is linear by construction");
    expect(renderSection(reconciliationSection({}))).toContain("Not measured.");
  });
});
