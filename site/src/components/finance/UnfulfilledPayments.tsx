import { useCallback, useEffect, useState } from "react";
import type { UnfulfilledAdoption } from "../../../../contract/finance/views.ts";
import { staffGet, staffPost } from "../../lib/staff-auth.ts";
import DataTable from "./DataTable.tsx";
import { count, dateTime, failureMessage, fill, money } from "./format.ts";
import type { PanelProps } from "./panel-props.ts";
import type { FinanceKey } from "./strings.ts";

/**
 * Late payments for units taken meanwhile (GET /api/finance/unfulfilled): one row each, with a note and
 * the two decisions finance may take (POST …/resolve). A decision answered 409 was taken by someone else:
 * the list is read again, so the row goes.
 */
export default function UnfulfilledPayments({
  token,
  locale,
  strings,
  initiatives,
  onSessionEnded,
}: PanelProps) {
  const [items, setItems] = useState<UnfulfilledAdoption[] | undefined>();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [done, setDone] = useState("");
  const [error, setError] = useState("");

  const load = useCallback(async () => {
    try {
      const page = await staffGet<{ items: UnfulfilledAdoption[] }>(
        "/api/finance/unfulfilled",
        token,
        locale,
      );
      setItems(page.items);
    } catch (caught) {
      setError(failureMessage(caught, strings, onSessionEnded) ?? "");
    }
  }, [token, locale, strings, onSessionEnded]);

  useEffect(() => {
    void load();
  }, [load]);

  const resolve = async (item: UnfulfilledAdoption, action: "refund" | "general_fund") => {
    setError("");
    setDone("");
    try {
      const path = `/api/finance/unfulfilled/${encodeURIComponent(item.exceptionId)}/resolve`;
      const resolved = await staffPost<UnfulfilledAdoption>(path, token, locale, {
        action,
        note: notes[item.exceptionId] ?? "",
      });
      setDone(
        fill(strings[`finance.unfulfilled.done.${action === "refund" ? "refunded" : "general_fund"}`], {
          amount: money(locale, resolved.payment.amount),
        }),
      );
    } catch (caught) {
      setError(failureMessage(caught, strings, onSessionEnded) ?? "");
    }
    await load();
  };

  const decision = (item: UnfulfilledAdoption) => (
    <form
      className="finance-decision"
      onSubmit={(event) => {
        event.preventDefault();
        const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        void resolve(item, submitter?.value === "general_fund" ? "general_fund" : "refund");
      }}
    >
      <label htmlFor={`note-${item.exceptionId}`}>{strings["finance.exceptions.note"]}</label>
      <textarea
        id={`note-${item.exceptionId}`}
        required
        dir="auto"
        rows={2}
        maxLength={2000}
        value={notes[item.exceptionId] ?? ""}
        onChange={(event) => setNotes({ ...notes, [item.exceptionId]: event.target.value })}
      />
      <button type="submit" className="button" value="refund">
        {strings["finance.unfulfilled.refund"]}
      </button>
      <button type="submit" className="button button--secondary" value="general_fund">
        {strings["finance.unfulfilled.generalFund"]}
      </button>
    </form>
  );

  return (
    <section aria-labelledby="unfulfilled-title" data-testid="unfulfilled">
      <h3 id="unfulfilled-title">{strings["finance.unfulfilled.title"]}</h3>
      <p>{strings["finance.unfulfilled.intro"]}</p>
      <p className="status" role="status" aria-live="polite">
        {items === undefined ? strings["finance.loading"] : done}
      </p>
      {error && (
        <p className="status status--error" role="alert">
          {error}
        </p>
      )}
      {items?.length === 0 && <p>{strings["finance.unfulfilled.empty"]}</p>}
      {items && items.length > 0 && (
        <DataTable
          caption={strings["finance.unfulfilled.caption"]}
          testId="unfulfilled-table"
          rows={items}
          rowKey={(item) => item.exceptionId}
          rowData={(item) => ({ "data-exception": item.exceptionId })}
          columns={[
            {
              header: strings["finance.unfulfilled.donation"],
              rowHeader: true,
              dir: "ltr",
              cell: (item) => item.donationId,
            },
            {
              header: strings["finance.unfulfilled.initiative"],
              dir: "auto",
              cell: (item) => initiatives[item.initiativeId] ?? item.initiativeId,
            },
            { header: strings["finance.unfulfilled.units"], cell: (item) => count(locale, item.units) },
            {
              header: strings["finance.unfulfilled.amount"],
              cell: (item) => money(locale, item.payment.amount),
            },
            {
              header: strings["finance.unfulfilled.paidAt"],
              cell: (item) => dateTime(locale, item.payment.at),
            },
            {
              header: strings["finance.unfulfilled.status"],
              cell: (item) =>
                strings[`finance.unfulfilled.status.${item.status}` as FinanceKey] ?? item.status,
            },
            { header: strings["finance.unfulfilled.decide"], cell: decision },
          ]}
        />
      )}
    </section>
  );
}
