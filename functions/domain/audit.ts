/**
 * Every staff action (reconcile, resolve, manual entry, export, cover) is written to an append-only audit
 * log: who, when, what, and on what. Entries are never updated or deleted.
 */
export interface AuditEntry {
  /** Staff id and e-mail from the verified token. */
  actor: { staffId: string; email: string };
  /** A stable verb, e.g. `payout.import`, `exception.resolve`, `payout.reconcile`, `gift.record`, `export`. */
  action: string;
  /** What it acted on, e.g. `{ kind: "payout", id: "po_…" }`. */
  target: { kind: string; id: string };
  /** Anything the action needs remembered (a note, a period, an amount); never a donor's personal data. */
  details?: Record<string, unknown>;
}

export interface RecordedAuditEntry extends AuditEntry {
  auditId: string;
  at: string;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<RecordedAuditEntry>;
  /** Entries of one month (`2026-11`), newest first, a page at a time. */
  listMonth(
    month: string,
    page?: { cursor?: string; limit?: number },
  ): Promise<{ entries: RecordedAuditEntry[]; cursor?: string }>;
}
