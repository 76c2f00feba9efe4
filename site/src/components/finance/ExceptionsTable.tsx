import { useState } from "react";
import { staffPost } from "../../lib/staff-auth.ts";
import DataTable from "./DataTable.tsx";
import { dateTime, failureMessage, minor, money } from "./format.ts";
import type { PanelProps } from "./panel-props.ts";
import { recordableAction, type StoredException } from "./payout-types.ts";
import type { FinanceKey } from "./strings.ts";

interface Props extends PanelProps {
  exceptions: StoredException[];
  onResolved(exception: StoredException): void;
}

/** The payout's exceptions, each with its reason; an open one has the resolve form beneath it. */
export default function ExceptionsTable(props: Props) {
  const { locale, strings, exceptions } = props;
  const label = (key: string) => strings[key as FinanceKey] ?? key;
  if (exceptions.length === 0) return <p data-testid="no-exceptions">{strings["finance.exceptions.none"]}</p>;
  return (
    <DataTable
      caption={strings["finance.exceptions.caption"]}
      testId="payout-exceptions"
      rows={exceptions}
      rowKey={(exception) => exception.exceptionId}
      rowData={(exception) => ({ "data-exception-id": exception.exceptionId })}
      columns={[
        {
          header: strings["finance.exceptions.reason"],
          rowHeader: true,
          cell: (exception) => label(`finance.reason.${exception.reason}`),
          data: { "data-testid": "exception-reason" },
        },
        { header: strings["finance.exceptions.ref"], cell: (exception) => exception.ref, dir: "ltr" },
        {
          header: strings["finance.exceptions.expected"],
          cell: (exception) => money(locale, exception.expected),
        },
        {
          header: strings["finance.exceptions.actual"],
          cell: (exception) => money(locale, exception.actual),
        },
        {
          header: strings["finance.exceptions.settled"],
          cell: (exception) =>
            exception.settlement
              ? minor(locale, exception.settlement.net, exception.settlement.currency)
              : "–",
        },
        {
          header: strings["finance.exceptions.status"],
          cell: (exception) =>
            exception.status === "open" ? (
              <ResolveForm {...props} exception={exception} />
            ) : (
              <p data-testid="exception-resolved">
                {strings["finance.exceptions.resolved"]} ({dateTime(locale, exception.resolution?.at)})
                {exception.resolution?.action
                  ? ` · ${label(`finance.action.${exception.resolution.action}`)}`
                  : ""}
                : {exception.resolution?.note}
              </p>
            ),
        },
      ]}
    />
  );
}

/** A required note and, where the reason allows, recording the movement the ledger misses. */
function ResolveForm({
  token,
  locale,
  strings,
  onSessionEnded,
  exception,
  onResolved,
}: Props & {
  exception: StoredException;
}) {
  const action = recordableAction(exception);
  const [note, setNote] = useState("");
  const [record, setRecord] = useState(action !== undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const id = exception.exceptionId.replace(/\W/g, "-");

  const submit = async () => {
    setBusy(true);
    setError("");
    try {
      const body = { note, ...(action && record ? { action } : {}) };
      const path = `/api/finance/exceptions/${encodeURIComponent(exception.exceptionId)}/resolve`;
      onResolved(await staffPost<StoredException>(path, token, locale, body));
    } catch (caught) {
      setError(failureMessage(caught, strings, onSessionEnded) ?? "");
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="finance-resolve"
      data-testid="resolve-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={`note-${id}`}>{strings["finance.exceptions.note"]}</label>
      <textarea
        id={`note-${id}`}
        required
        maxLength={2000}
        rows={2}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      {action && (
        <label className="finance-resolve__action">
          <input type="checkbox" checked={record} onChange={(event) => setRecord(event.target.checked)} />
          {strings[`finance.action.${action}`]}
        </label>
      )}
      <button type="submit" className="button" disabled={busy}>
        {strings["finance.exceptions.resolve"]}
      </button>
      {error && (
        <p className="status status--error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
