import { useState } from "react";
import { staffPost } from "../../lib/staff-auth.ts";
import { dateTime, failureMessage, minor, money } from "./format.ts";
import type { PanelProps } from "./panel-props.ts";
import { recordableAction, type StoredException } from "./payout-types.ts";
import ScrollTable from "./ScrollTable.tsx";
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
    <ScrollTable caption={strings["finance.exceptions.caption"]} testId="payout-exceptions">
      <thead>
        <tr>
          <th scope="col">{strings["finance.exceptions.reason"]}</th>
          <th scope="col">{strings["finance.exceptions.ref"]}</th>
          <th scope="col">{strings["finance.exceptions.expected"]}</th>
          <th scope="col">{strings["finance.exceptions.actual"]}</th>
          <th scope="col">{strings["finance.exceptions.settled"]}</th>
          <th scope="col">{strings["finance.exceptions.status"]}</th>
        </tr>
      </thead>
      <tbody>
        {exceptions.map((exception) => (
          <tr key={exception.exceptionId} data-exception-id={exception.exceptionId}>
            <th scope="row" data-testid="exception-reason">
              {label(`finance.reason.${exception.reason}`)}
            </th>
            <td dir="ltr">{exception.ref}</td>
            <td>{money(locale, exception.expected)}</td>
            <td>{money(locale, exception.actual)}</td>
            <td>
              {exception.settlement
                ? minor(locale, exception.settlement.net, exception.settlement.currency)
                : "–"}
            </td>
            <td>
              {exception.status === "open" ? (
                <ResolveForm {...props} exception={exception} />
              ) : (
                <p data-testid="exception-resolved">
                  {strings["finance.exceptions.resolved"]} ({dateTime(locale, exception.resolution?.at)})
                  {exception.resolution?.action
                    ? ` · ${label(`finance.action.${exception.resolution.action}`)}`
                    : ""}
                  : {exception.resolution?.note}
                </p>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
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
