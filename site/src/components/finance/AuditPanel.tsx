import { useCallback, useEffect, useState } from "react";
import { StaffApiError, staffGet } from "../../lib/staff-auth.ts";
import type { PanelProps } from "./panel-props.ts";
import ScrollTable from "./ScrollTable.tsx";

interface AuditEntry {
  auditId: string;
  at: string;
  actor: { staffId: string; email: string };
  action: string;
  target: { kind: string; id: string };
  details?: Record<string, unknown>;
}

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
        <ScrollTable
          caption={`${strings["finance.audit.title"]} ${shown}`}
          testId="audit-entries"
          data={{ "data-month": shown }}
        >
          <thead>
            <tr>
              <th scope="col">{strings["finance.audit.when"]}</th>
              <th scope="col">{strings["finance.audit.who"]}</th>
              <th scope="col">{strings["finance.audit.action"]}</th>
              <th scope="col">{strings["finance.audit.target"]}</th>
              <th scope="col">{strings["finance.audit.details"]}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.auditId} data-audit-id={entry.auditId}>
                <td>
                  <time dateTime={entry.at}>{when.format(new Date(entry.at))}</time>
                </td>
                <td dir="ltr">{entry.actor.email}</td>
                <td dir="ltr">{entry.action}</td>
                <td dir="ltr">
                  {entry.target.kind} {entry.target.id}
                </td>
                <td dir="ltr">{entry.details ? JSON.stringify(entry.details) : ""}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      {cursor && status === "ready" && (
        <button type="button" className="button button--secondary" onClick={() => void load(shown, cursor)}>
          {strings["finance.audit.more"]}
        </button>
      )}
    </section>
  );
}
