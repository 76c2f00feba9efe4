import type { Locale } from "../../../../content/locales.ts";
import type { ExportFormat, ExportKind, ExportView } from "../../../../contract/finance/exports.ts";
import { requireRole, type StaffPrincipal } from "../../../auth/staff.ts";
import { CONTENT_TYPES } from "../../../exports/writers.ts";
import type { AuditLog } from "../../audit.ts";
import { NotFoundError } from "../../errors.ts";
import type { Clock } from "../../ports.ts";
import { storedFileName } from "./build.ts";
import type { ExportFiles, ExportJob, ExportJobStore } from "./ports.ts";
import { type RangeRequest, resolveRange } from "./range.ts";

/**
 * Finance's exports: a request writes a job (its INSERT wakes the export worker on the table's stream),
 * the console polls its status, then downloads the file. Every function checks the finance role, and
 * every request and every download is audited with the kind, format and period (never a donor's data).
 */
export interface ExportDeps {
  jobs: ExportJobStore;
  files: ExportFiles;
  audit: AuditLog;
  clock: Clock;
  newExportId: () => string;
}

export interface ExportRequest extends RangeRequest {
  kind: ExportKind;
  format: ExportFormat;
  locale: Locale;
}

export const downloadPath = (exportId: string) => `/api/finance/exports/${exportId}/download`;

function view(job: ExportJob): ExportView {
  const { requestedBy: _requestedBy, ...shown } = job;
  return job.status === "done" ? { ...shown, downloadUrl: downloadPath(job.exportId) } : shown;
}

export async function requestExport(
  deps: ExportDeps,
  staff: StaffPrincipal,
  request: ExportRequest,
): Promise<{ exportId: string; status: ExportJob["status"] }> {
  requireRole(staff, "finance");
  const range = resolveRange(request);
  const job: ExportJob = {
    exportId: deps.newExportId(),
    kind: request.kind,
    format: request.format,
    locale: request.locale,
    range,
    status: "queued",
    createdAt: deps.clock.now().toISOString(),
    requestedBy: staff.staffId,
  };
  await deps.jobs.createExportJob(job);
  await deps.audit.record({
    actor: { staffId: staff.staffId, email: staff.email },
    action: "export",
    target: { kind: "export", id: job.exportId },
    details: { kind: job.kind, format: job.format, locale: job.locale, range },
  });
  return { exportId: job.exportId, status: job.status };
}

async function findJob(deps: ExportDeps, exportId: string): Promise<ExportJob> {
  const job = await deps.jobs.findExportJob(exportId);
  if (!job) throw new NotFoundError("export_not_found", `No export ${exportId}`);
  return job;
}

export async function exportStatus(deps: ExportDeps, staff: StaffPrincipal, exportId: string) {
  requireRole(staff, "finance");
  return view(await findJob(deps, exportId));
}

/** The file (locally) or a short-lived URL to it (S3), with the name and type it is offered under. */
export async function exportDownload(deps: ExportDeps, staff: StaffPrincipal, exportId: string) {
  requireRole(staff, "finance");
  const job = await findJob(deps, exportId);
  if (job.status !== "done" || !job.fileName)
    throw new NotFoundError("export_not_ready", `Export ${exportId} is ${job.status}`);
  const download = { fileName: job.fileName, contentType: CONTENT_TYPES[job.format] };
  const file = await deps.files.open(storedFileName(job), download);
  // The bucket's lifecycle rule removes files after a week: the job outlives its file.
  if (!file) throw new NotFoundError("export_expired", `Export ${exportId}'s file has expired`);
  // The file holds donors' names and e-mails: who took it, and when, is on the record (before it is handed over).
  await deps.audit.record({
    actor: { staffId: staff.staffId, email: staff.email },
    action: "export.download",
    target: { kind: "export", id: job.exportId },
    details: { kind: job.kind, format: job.format, fileName: job.fileName },
  });
  return { ...download, file };
}
