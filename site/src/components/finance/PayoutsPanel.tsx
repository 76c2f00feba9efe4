import { useCallback, useEffect, useState } from "react";
import { staffGet, staffPost } from "../../lib/staff-auth.ts";
import DataTable from "./DataTable.tsx";
import { count, dateTime, failureMessage, fill, minor } from "./format.ts";
import { useJobProgress } from "./jobs.ts";
import PayoutDetail from "./PayoutDetail.tsx";
import type { PanelProps } from "./panel-props.ts";
import type { ImportJob, PayoutSummary } from "./payout-types.ts";

interface PayoutList {
  payouts: PayoutSummary[];
  cursor?: string;
}

/**
 * Stripe's payouts as imported, newest first, a page at a time; "Import payouts from Stripe" starts the
 * import job and follows it until it ends, then reads the list again. Opening a payout shows its detail.
 */
export default function PayoutsPanel(props: PanelProps) {
  const { token, locale, strings, onSessionEnded } = props;
  const [payouts, setPayouts] = useState<PayoutSummary[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [status, setStatus] = useState<"loading" | "ready" | "error">("loading");
  const [error, setError] = useState("");
  const [jobPath, setJobPath] = useState<string | undefined>();
  const [open, setOpen] = useState<string | undefined>();

  const fail = useCallback(
    (caught: unknown) => {
      const message = failureMessage(caught, strings, onSessionEnded);
      if (message === undefined) return;
      setError(message);
      setStatus("error");
    },
    [strings, onSessionEnded],
  );

  const load = useCallback(
    async (after?: string) => {
      setStatus("loading");
      try {
        const query = after ? `?${new URLSearchParams({ cursor: after })}` : "";
        const page = await staffGet<PayoutList>(`/api/finance/payouts${query}`, token, locale);
        setPayouts((earlier) => (after ? [...earlier, ...page.payouts] : page.payouts));
        setCursor(page.cursor);
        setStatus("ready");
      } catch (caught) {
        fail(caught);
      }
    },
    [token, locale, fail],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const job = useJobProgress<ImportJob>(jobPath, token, locale, () => void load(), fail);
  const importing = jobPath !== undefined && job?.status !== "done" && job?.status !== "failed";

  const startImport = async () => {
    setError("");
    try {
      const started = await staffPost<ImportJob>("/api/finance/payouts/import", token, locale);
      setJobPath(`/api/finance/imports/${encodeURIComponent(started.jobId)}`);
    } catch (caught) {
      fail(caught);
    }
  };

  if (open)
    return (
      <PayoutDetail
        {...props}
        payoutId={open}
        onBack={() => {
          setOpen(undefined);
          void load();
        }}
      />
    );

  return (
    <section className="finance-panel" aria-labelledby="payouts-title">
      <h2 id="payouts-title">{strings["finance.payouts.title"]}</h2>
      <p className="finance-panel__filters">
        <button type="button" className="button" disabled={importing} onClick={() => void startImport()}>
          {strings["finance.payouts.import"]}
        </button>
      </p>
      <p className="status" role="status" aria-live="polite" data-testid="import-progress">
        {job &&
          fill(strings[`finance.import.${job.status}` as "finance.import.done"], {
            payouts: count(locale, job.progress.payouts),
            imported: count(locale, job.progress.imported),
            skipped: count(locale, job.progress.skipped),
            transactions: count(locale, job.progress.transactions),
            exceptions: count(locale, job.progress.exceptions),
          })}
        {status === "loading" && !job ? strings["finance.loading"] : ""}
      </p>
      {status === "error" && (
        <p className="status status--error" role="alert">
          {error}
        </p>
      )}
      {status === "ready" && payouts.length === 0 && (
        <p data-testid="payouts-empty">{strings["finance.payouts.empty"]}</p>
      )}
      {payouts.length > 0 && (
        <DataTable
          caption={strings["finance.payouts.caption"]}
          testId="payouts"
          rows={payouts}
          rowKey={(payout) => payout.payoutId}
          rowData={(payout) => ({ "data-payout-id": payout.payoutId })}
          columns={[
            {
              header: strings["finance.payouts.payout"],
              rowHeader: true,
              cell: (payout) => (
                <button type="button" className="finance-link" onClick={() => setOpen(payout.payoutId)}>
                  <span dir="ltr">{payout.payoutId}</span>
                </button>
              ),
            },
            {
              header: strings["finance.payouts.arrival"],
              cell: (payout) => dateTime(locale, payout.arrivalDate),
            },
            {
              header: strings["finance.payouts.amount"],
              cell: (payout) => minor(locale, payout.amount, payout.currency),
            },
            {
              header: strings["finance.payouts.matchedNet"],
              cell: (payout) => minor(locale, payout.totals.matchedNet, payout.currency),
            },
            {
              header: strings["finance.payouts.transactions"],
              cell: (payout) => count(locale, payout.transactions),
            },
            {
              header: strings["finance.payouts.openExceptions"],
              cell: (payout) => count(locale, payout.openExceptions),
              data: { "data-testid": "open-exceptions" },
            },
            {
              header: strings["finance.payouts.status"],
              cell: (payout) =>
                payout.reconciledAt
                  ? strings["finance.payouts.reconciled"]
                  : strings["finance.payouts.notReconciled"],
              data: { "data-testid": "payout-status" },
            },
          ]}
        />
      )}
      {cursor && status === "ready" && (
        <button type="button" className="button button--secondary" onClick={() => void load(cursor)}>
          {strings["finance.payouts.more"]}
        </button>
      )}
    </section>
  );
}
