/** The bench report's "Payout reconciliation" section (figures from bench/reconciliation.ts). */
import { formatMs, type Section } from "./markdown.ts";
import type { ReconciliationFigures, ReconciliationRow } from "./reconciliation.ts";

const TITLE = "Payout reconciliation";

const perTransactionUs = (row: ReconciliationRow) => (row.reconcileMs * 1000) / row.transactions;

export function reconciliationSection(report: { reconciliation?: ReconciliationFigures }): Section {
  const figures = report.reconciliation;
  if (!figures) return { title: TITLE, intro: ["Not measured."] };
  const [smallest, largest] = [figures.rows[0], figures.rows.at(-1)];
  const growth =
    smallest && largest && smallest !== largest
      ? `From ${smallest.transactions.toLocaleString("en")} to ${largest.transactions.toLocaleString("en")} ` +
        `transactions the time per transaction changes by ${formatRatioOf(perTransactionUs(largest) / perTransactionUs(smallest))}. ` +
        "The work is linear by construction (two maps built, one pass of lookups, no nested loop); what growth " +
        "remains comes from memory: the larger result outgrows V8's young generation, so its objects are " +
        "promoted by the collector, and the timings share a machine with other work (fastest round shown)."
      : "";
  return {
    title: TITLE,
    intro: [
      "`reconcilePayout` (functions/domain/finance/reconciliation/reconciliation.ts) on a generated payout: payments in SAR, USD and " +
        "KWD settled in SAR, refunds and disputes, each with its ledger entry, so every transaction is matched " +
        "and its fee checked. Beside it, in the same run and on the same data, a plain pass that only sums the " +
        `nets. Fastest of ${figures.rounds} rounds; heap is the median growth of the heap during a run, collected before.`,
    ],
    table: {
      headers: [
        "transactions",
        "exceptions",
        "reconcile ms",
        "µs per transaction",
        "plain pass ms",
        "reconcile heap MB",
        "plain pass heap MB",
      ],
      align: ["right", "right", "right", "right", "right", "right", "right"],
      rows: figures.rows.map((row) => [
        row.transactions.toLocaleString("en"),
        String(row.exceptions),
        formatMs(row.reconcileMs),
        perTransactionUs(row).toFixed(2),
        formatMs(row.plainMs),
        row.reconcileHeapMb.toFixed(1),
        row.plainHeapMb.toFixed(2),
      ]),
    },
    notes: growth ? [growth] : [],
  };
}

const formatRatioOf = (ratio: number) => `${ratio.toFixed(2)}×`;
