import { useCallback, useEffect, useMemo, useState } from "react";
import { StaffApiError, staffGet } from "../../lib/staff-auth.ts";
import { type AuditEntry, describeAuditEntry } from "./audit-text.ts";
import DataTable from "./DataTable.tsx";
import type { PanelProps } from "./panel-props.ts";

interface AuditPage {
  month: string;
  entries: AuditEntry[];
  cursor?: string;
}

const thisMonth = () => new Date().toISOString().slice(0, 7);

/** The staff audit log, a month at a time, newest first, with more on demand. */
export default function AuditPanel({ token, locale, strings, onSessionEnded }: PanelProps) {
  const [month, setMonth] = useState(thisMonth);
  const [shown, setShown] = useState(thisMonth);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [status, setStatus] = useState<"loading" | "ready" | "error">("loading");
  const [error, setError] = useState("");

  const load = useCallback(
    async (wanted: string, after?: string) => {
      setStatus("loading");
      try {
        const query = new URLSearchParams({ month: wanted, ...(after ? { cursor: after } : {}) });
        const page = await staffGet<AuditPage>(`/api/finance/audit?${query}`, token, locale);
        setEntries((earlier) => (after ? [...earlier, ...page.entries] : page.entries));
        setCursor(page.cursor);
        setShown(page.month);
        setStatus("ready");
      } catch (caught) {
        if (caught instanceof StaffApiError && caught.status === 401) return onSessionEnded();
        setError(caught instanceof Error ? caught.message : strings["finance.error"]);
        setStatus("error");
      }
    },
    [token, locale, strings, onSessionEnded],
  );

  useEffect(() => {
    void load(thisMonth());
  }, [load]);

  // Each entry worded once, not once per column.
  const rows = useMemo(
    () => entries.map((entry) => ({ ...entry, words: describeAuditEntry(entry, locale, strings) })),
    [entries, locale, strings],
  );

  const when = new Intl.DateTimeFormat(locale === "ar" ? "ar-SA-u-nu-latn" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "medium",
  });

  return (
    <section className="finance-panel" aria-labelledby="audit-title">
      <h2 id="audit-title">{strings["finance.audit.title"]}</h2>
      <form
        className="finance-panel__filters"
        onSubmit={(event) => {
          event.preventDefault();
          void load(month);
        }}
      >
        <label htmlFor="audit-month">{strings["finance.audit.month"]}</label>
        <input
          id="audit-month"
          type="month"
          value={month}
          max={thisMonth()}
          required
          onChange={(event) => setMonth(event.target.value)}
        />
        <button type="submit" className="button button--secondary">
          {strings["finance.audit.show"]}
        </button>
      </form>
      <p className="status" role="status" aria-live="polite">
        {status === "loading" ? strings["finance.loading"] : status === "error" ? error : ""}
      </p>
      {status !== "loading" && entries.length === 0 && status === "ready" && (
        <p data-testid="audit-empty">{strings["finance.audit.empty"]}</p>
      )}
      {entries.length > 0 && (
        <DataTable
          caption={`${strings["finance.audit.title"]} ${shown}`}
          testId="audit-entries"
          data={{ "data-month": shown }}
          rows={rows}
          rowKey={(entry) => entry.auditId}
          rowData={(entry) => ({ "data-audit-id": entry.auditId, "data-action": entry.action })}
          columns={[
            {
              header: strings["finance.audit.when"],
              cell: (entry) => <time dateTime={entry.at}>{when.format(new Date(entry.at))}</time>,
            },
            { header: strings["finance.audit.who"], cell: (entry) => entry.actor.email, dir: "ltr" },
            {
              header: strings["finance.audit.action"],
              cell: (entry) => entry.words.action,
            },
            {
              header: strings["finance.audit.target"],
              cell: (entry) => {
                const { kind, id } = entry.words.target;
                return (
                  <>
                    {kind} <bdi className="finance-audit__id">{id}</bdi>
                  </>
                );
              },
            },
            {
              header: strings["finance.audit.details"],
              cell: (entry) => (
                <ul className="finance-audit__details">
                  {entry.words.details.map((detail) => (
                    <li key={detail.label}>
                      {detail.label}: <bdi className="finance-audit__id">{detail.value}</bdi>
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      )}
      {cursor && status === "ready" && (
        <button type="button" className="button button--secondary" onClick={() => void load(shown, cursor)}>
          {strings["finance.audit.more"]}
        </button>
      )}
    </section>
  );
}
