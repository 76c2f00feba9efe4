import { useState } from "react";
import type { RecognitionEntry } from "../../../../contract/finance/views.ts";
import { staffGet, staffPost } from "../../lib/staff-auth.ts";
import DataTable from "./DataTable.tsx";
import { count, dateTime, failureMessage } from "./format.ts";
import type { PanelProps } from "./panel-props.ts";

/**
 * The names an initiative page thanks, as finance moderates them: pick an initiative, see its named
 * donors, hide a name (the page then says "a donor") or show it again, with a note for the audit log.
 */
export default function RecognitionNames({
  token,
  locale,
  strings,
  initiatives,
  onSessionEnded,
}: PanelProps) {
  const ids = Object.keys(initiatives);
  const [initiativeId, setInitiativeId] = useState(ids[0] ?? "");
  const [names, setNames] = useState<RecognitionEntry[] | undefined>();
  const [note, setNote] = useState("");
  const [error, setError] = useState("");

  const base = () => `/api/finance/initiatives/${encodeURIComponent(initiativeId)}/recognition`;
  const fail = (caught: unknown) => setError(failureMessage(caught, strings, onSessionEnded) ?? "");
  const load = async () => {
    setError("");
    try {
      setNames((await staffGet<{ names: RecognitionEntry[] }>(base(), token, locale)).names);
    } catch (caught) {
      fail(caught);
    }
  };
  const toggle = async (entry: RecognitionEntry) => {
    setError("");
    try {
      const path = `${base()}/${encodeURIComponent(entry.donationId)}`;
      await staffPost(path, token, locale, { hidden: !entry.hidden, note });
      await load();
    } catch (caught) {
      fail(caught);
    }
  };

  return (
    <section aria-labelledby="recognition-title" data-testid="recognition">
      <h3 id="recognition-title">{strings["finance.recognition.title"]}</h3>
      <p>{strings["finance.recognition.intro"]}</p>
      <form
        className="finance-form"
        onSubmit={(event) => {
          event.preventDefault();
          void load();
        }}
      >
        <label htmlFor="recognition-initiative">{strings["finance.recognition.initiative"]}</label>
        <select
          id="recognition-initiative"
          value={initiativeId}
          onChange={(event) => {
            setInitiativeId(event.target.value);
            setNames(undefined);
          }}
        >
          {ids.map((id) => (
            <option key={id} value={id}>
              {initiatives[id]}
            </option>
          ))}
        </select>
        <button type="submit" className="button">
          {strings["finance.recognition.show"]}
        </button>
      </form>
      {error && (
        <p className="status status--error" role="alert">
          {error}
        </p>
      )}
      {names?.length === 0 && <p>{strings["finance.recognition.empty"]}</p>}
      {names && names.length > 0 && (
        <>
          <div className="finance-form">
            <label htmlFor="recognition-note">{strings["finance.exceptions.note"]}</label>
            <textarea
              id="recognition-note"
              required
              dir="auto"
              rows={2}
              maxLength={2000}
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
          </div>
          <DataTable
            caption={strings["finance.recognition.caption"]}
            testId="recognition-table"
            rows={names}
            rowKey={(entry) => entry.donationId}
            rowData={(entry) => ({ "data-donation": entry.donationId })}
            columns={[
              {
                header: strings["finance.recognition.name"],
                rowHeader: true,
                dir: "auto",
                cell: (entry) => entry.name,
              },
              { header: strings["finance.unfulfilled.units"], cell: (entry) => count(locale, entry.units) },
              {
                header: strings["finance.recognition.since"],
                cell: (entry) => dateTime(locale, entry.since),
              },
              {
                header: strings["finance.recognition.state"],
                cell: (entry) =>
                  strings[entry.hidden ? "finance.recognition.hidden" : "finance.recognition.visible"],
              },
              {
                header: <span className="visually-hidden">{strings["finance.unfulfilled.decide"]}</span>,
                cell: (entry) => (
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => void toggle(entry)}
                  >
                    {strings[entry.hidden ? "finance.recognition.unhide" : "finance.recognition.hide"]}
                  </button>
                ),
              },
            ]}
          />
        </>
      )}
    </section>
  );
}
