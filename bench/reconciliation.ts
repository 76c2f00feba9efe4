/**
 * The domain's payout reconciliation in memory: 1,000 and 10,000 balance transactions with matching ledger
 * entries, timed against a plain pass over the same data (summing the nets) in the same run, with the heap
 * each grows by (fastest of a few rounds: the machine is shared).
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { reconcilePayout } from "../functions/domain/finance/reconciliation/reconciliation.ts";
import { COUNCIL_RATES, type GeneratedPayout, generatePayout } from "./reconciliation-data.ts";

export const RECONCILIATION_SIZES = [1_000, 10_000] as const;
const ROUNDS = 7;

export interface ReconciliationRow {
  transactions: number;
  exceptions: number;
  reconcileMs: number;
  plainMs: number;
  /** Heap grown during one run with no collection in between (roughly what it allocates), MB. */
  reconcileHeapMb: number;
  plainHeapMb: number;
}

export interface ReconciliationFigures {
  rounds: number;
  rows: ReconciliationRow[];
}

/** V8's collector, to start each measurement from a collected heap (exposed at run time). */
function collector(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function measure(gc: () => void, work: () => unknown) {
  const times: number[] = [];
  const heaps: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const start = performance.now();
    const kept = work();
    times.push(performance.now() - start);
    heaps.push(process.memoryUsage().heapUsed - heapBefore);
    if (kept === undefined) throw new Error("the measured work must answer something");
  }
  return { ms: Math.min(...times), heapMb: Math.max(0, median(heaps)) / 2 ** 20 };
}

/** A plain pass over the same transactions: what any reconciliation must at least do. */
const sumNets = (data: GeneratedPayout) => {
  let net = 0;
  for (const transaction of data.transactions)
    if (transaction.type !== "payout") net += transaction.settlement.net;
  return net;
};

export function measureReconciliation(
  sizes: readonly number[] = RECONCILIATION_SIZES,
): ReconciliationFigures {
  const gc = collector();
  const rows = sizes.map((size) => {
    const data = generatePayout(size);
    const input = { ...data, periodEntries: data.ledger, feeRates: COUNCIL_RATES };
    const exceptions = reconcilePayout(input).exceptions.length;
    const reconciled = measure(gc, () => reconcilePayout(input));
    const plain = measure(gc, () => sumNets(data));
    return {
      transactions: size,
      exceptions,
      reconcileMs: reconciled.ms,
      plainMs: plain.ms,
      reconcileHeapMb: reconciled.heapMb,
      plainHeapMb: plain.heapMb,
    };
  });
  return { rounds: ROUNDS, rows };
}
