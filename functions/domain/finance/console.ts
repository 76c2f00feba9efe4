import type { ImportJob, PayoutSummary } from "../../../contract/finance/reconciliation.ts";
import { requireRole, type StaffPrincipal } from "../../auth/staff.ts";
import type { AuditLog } from "../audit.ts";
import { NotFoundError } from "../errors.ts";
import type { Clock } from "../ports.ts";
import type { ReconciliationStore } from "./reconciliation/ports.ts";

/**
 * The finance console's reads and the import request. Every function checks the finance role itself, so
 * no route can serve reconciliation data without it; the import is audited like every staff action.
 */
export interface FinanceDeps {
  store: ReconciliationStore;
  audit: AuditLog;
  clock: Clock;
  newJobId: () => string;
}

const actor = (staff: StaffPrincipal) => ({ staffId: staff.staffId, email: staff.email });

/** Writes the job; the finance worker, woken by it on the table's stream, does the importing. */
export async function requestImport(
  deps: FinanceDeps,
  staff: StaffPrincipal,
  request: { payoutId?: string | undefined },
): Promise<ImportJob> {
  requireRole(staff, "finance");
  const job: ImportJob = {
    jobId: deps.newJobId(),
    ...(request.payoutId ? { payoutId: request.payoutId } : {}),
    status: "queued",
    createdAt: deps.clock.now().toISOString(),
    requestedBy: staff.staffId,
    progress: { payouts: 0, imported: 0, skipped: 0, transactions: 0, exceptions: 0 },
  };
  await deps.store.createImportJob(job);
  await deps.audit.record({
    actor: actor(staff),
    action: "payout.import",
    target: request.payoutId ? { kind: "payout", id: request.payoutId } : { kind: "import", id: job.jobId },
    details: { jobId: job.jobId },
  });
  return job;
}

export async function importProgress(deps: FinanceDeps, staff: StaffPrincipal, jobId: string) {
  requireRole(staff, "finance");
  const job = await deps.store.findImportJob(jobId);
  if (!job) throw new NotFoundError("import_not_found", `No import ${jobId}`);
  return job;
}

export async function listPayouts(
  deps: FinanceDeps,
  staff: StaffPrincipal,
  page: { cursor?: string | undefined },
) {
  requireRole(staff, "finance");
  return deps.store.listPayouts(page.cursor ? { cursor: page.cursor } : {});
}

/**
 * One payout: its summary (totals in the settlement currency and, matched, in the donors' currencies) and
 * a page of its transactions and exceptions.
 */
export async function payoutView(
  deps: FinanceDeps,
  staff: StaffPrincipal,
  payoutId: string,
  page: { cursor?: string | undefined },
): Promise<{ payout: PayoutSummary } & Awaited<ReturnType<ReconciliationStore["payoutDetails"]>>> {
  requireRole(staff, "finance");
  const payout = await deps.store.findPayout(payoutId);
  if (!payout) throw new NotFoundError("payout_not_found", `No payout ${payoutId}`);
  return {
    payout,
    ...(await deps.store.payoutDetails(payoutId, page.cursor ? { cursor: page.cursor } : {})),
  };
}
