import type { RecognitionEntry } from "../../../contract/finance/views.ts";
import { requireRole, type StaffPrincipal } from "../../auth/staff.ts";
import type { AuditLog } from "../audit.ts";
import { NotFoundError } from "../errors.ts";

export interface RecognitionStore {
  /** The initiative's named adopters, as its inventory item holds them (one GetItem). */
  namedAdopters(initiativeId: string): Promise<RecognitionEntry[]>;
  /** Sets the flag only when it differs (conditional); false when it did not (already so, or gone). */
  setHidden(initiativeId: string, donationId: string, hidden: boolean): Promise<boolean>;
}

export interface RecognitionDeps {
  recognition: RecognitionStore;
  audit: AuditLog;
}

export async function listRecognition(
  deps: RecognitionDeps,
  staff: StaffPrincipal,
  initiativeId: string,
): Promise<{ initiativeId: string; names: RecognitionEntry[] }> {
  requireRole(staff, "finance");
  const names = await deps.recognition.namedAdopters(initiativeId);
  return { initiativeId, names: names.sort((a, b) => b.since.localeCompare(a.since)) };
}

export async function setRecognitionHidden(
  deps: RecognitionDeps,
  staff: StaffPrincipal,
  initiativeId: string,
  donationId: string,
  request: { hidden: boolean; note: string },
): Promise<RecognitionEntry & { changed: boolean }> {
  requireRole(staff, "finance");
  const entry = (await deps.recognition.namedAdopters(initiativeId)).find(
    (candidate) => candidate.donationId === donationId,
  );
  if (!entry) throw new NotFoundError("recognition_not_found", `No public name for ${donationId}`);
  const changed =
    entry.hidden !== request.hidden &&
    (await deps.recognition.setHidden(initiativeId, donationId, request.hidden));
  if (changed) {
    await deps.audit.record({
      actor: { staffId: staff.staffId, email: staff.email },
      action: request.hidden ? "recognition.hide" : "recognition.show",
      target: { kind: "donation", id: donationId },
      details: { initiativeId, note: request.note },
    });
  }
  return { ...entry, hidden: request.hidden, changed };
}
