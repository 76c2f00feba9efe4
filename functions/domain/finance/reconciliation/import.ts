import type { ProcessingFeeRates } from "../../../../contract/fees.ts";
import type {
  ImportJob,
  PayoutTransaction,
  StripePayout,
} from "../../../../contract/finance/reconciliation.ts";
import { movementId } from "../../ledger.ts";
import type { Clock } from "../../ports.ts";
import { payoutFundFees } from "../funds/fund-fees.ts";
import type { PayoutSource, ReconciliationStore } from "./ports.ts";
import { movementKey, reconcilePayout } from "./reconciliation.ts";

export interface ImportDeps {
  source: PayoutSource;
  store: ReconciliationStore;
  feeRates: ProcessingFeeRates;
  clock: Clock;
  /** The council's: fees count on the same calendar day as the payment they were charged on. */
  timeZone: string;
}

/**
 * Imports one payout: every balance transaction (page by page), the ledger entries they name (read by
 * key), the ledger entries dated within the payout's span (for `missing_in_stripe`), reconciled and
 * written. A payout already imported is left alone: Stripe never changes a paid payout, and staff may have
 * resolved its exceptions since, so importing twice changes nothing.
 */
export async function importPayout(deps: ImportDeps, payout: StripePayout) {
  if (await deps.store.findPayout(payout.payoutId))
    return { imported: false, transactions: 0, exceptions: 0 };
  const transactions: PayoutTransaction[] = [];
  for (let after: string | undefined, more = true; more; ) {
    const page = await deps.source.listTransactions(payout.payoutId, after);
    transactions.push(...page.transactions);
    after = page.transactions.at(-1)?.id;
    more = page.hasMore && after !== undefined;
  }
  const named = new Map<string, { donationId: string; movementId: string }>();
  for (const { movement } of transactions) {
    if (!movement?.donationId) continue;
    named.set(movementKey(movement.donationId, movement.kind, movement.ref), {
      donationId: movement.donationId,
      movementId: movementId(movement),
    });
  }
  const ledger = await deps.store.ledgerEntries([...named.values()]);
  const times = transactions.flatMap((transaction) =>
    transaction.type === "payout" ? [] : [transaction.created],
  );
  const from = times.reduce((min, at) => (at < min ? at : min), times[0] ?? "");
  const to = times.reduce((max, at) => (at > max ? at : max), times[0] ?? "");
  const periodEntries = from ? await deps.store.ledgerBetween(from, to) : [];
  // Only entries this payout does not name can have been matched by another.
  const others = periodEntries.filter(
    (entry) => !named.has(movementKey(entry.donationId, entry.kind, entry.ref)),
  );
  const matchedElsewhere = await deps.store.matchedByOtherPayouts(payout.payoutId, others);
  const result = reconcilePayout({
    payoutId: payout.payoutId,
    payout,
    transactions,
    ledger,
    periodEntries,
    matchedElsewhere,
    feeRates: deps.feeRates,
  });
  const fees = payoutFundFees(payout.payoutId, result.matches, [...ledger, ...periodEntries], deps.timeZone);
  await deps.store.saveImport(payout, transactions, result, deps.clock.now().toISOString(), fees);
  return { imported: true, transactions: transactions.length, exceptions: result.exceptions.length };
}

/**
 * Runs an import job: one payout, or every paid payout Stripe lists (newest first) until a whole page is
 * imported already. Progress is written after each payout, so the API can report it.
 */
export async function runImportJob(deps: ImportDeps, job: ImportJob): Promise<ImportJob> {
  const current: ImportJob = { ...job, status: "running", progress: { ...job.progress } };
  await deps.store.updateImportJob(current);
  const importOne = async (payout: StripePayout) => {
    const outcome = await importPayout(deps, payout);
    current.progress.payouts += 1;
    if (outcome.imported) current.progress.imported += 1;
    else current.progress.skipped += 1;
    current.progress.transactions += outcome.transactions;
    current.progress.exceptions += outcome.exceptions;
    await deps.store.updateImportJob(current);
    return outcome.imported;
  };
  try {
    if (job.payoutId) await importOne(await deps.source.getPayout(job.payoutId));
    else {
      for (let after: string | undefined, more = true; more; ) {
        const page = await deps.source.listPayouts(after);
        let anyNew = false;
        for (const payout of page.payouts) anyNew = (await importOne(payout)) || anyNew;
        after = page.payouts.at(-1)?.payoutId;
        more = page.hasMore && anyNew && after !== undefined;
      }
    }
    const done: ImportJob = { ...current, status: "done", finishedAt: deps.clock.now().toISOString() };
    await deps.store.updateImportJob(done);
    return done;
  } catch (error) {
    const failed: ImportJob = {
      ...current,
      status: "failed",
      error: (error as Error).message,
      finishedAt: deps.clock.now().toISOString(),
    };
    await deps.store.updateImportJob(failed);
    throw error;
  }
}
