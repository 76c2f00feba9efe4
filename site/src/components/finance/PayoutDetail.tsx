import { useCallback, useEffect, useState } from "react";
import { staffGet, staffPost } from "../../lib/staff-auth.ts";
import ExceptionsTable from "./ExceptionsTable.tsx";
import { count, dateTime, failureMessage, fill, minor, money } from "./format.ts";
import type { PanelProps } from "./panel-props.ts";
import type { PayoutPage, PayoutSummary, StoredException } from "./payout-types.ts";
import TransactionsTable from "./TransactionsTable.tsx";

interface Props extends PanelProps {
  payoutId: string;
  onBack(): void;
}

/**
 * One payout: its totals (in the settlement currency and, matched, in each donor currency), its balance
 * transactions with their match, its exceptions to resolve, and "Mark reconciled", which stays disabled,
 * with the reason beside it, while an exception is open.
 */
export default function PayoutDetail(props: Props) {
  const { token, locale, strings, onSessionEnded, payoutId, onBack } = props;
  const [page, setPage] = useState<PayoutPage | undefined>();
  const [error, setError] = useState("");
  const [refusal, setRefusal] = useState("");
  const path = `/api/finance/payouts/${encodeURIComponent(payoutId)}`;

  const fail = useCallback(
    (caught: unknown, show: (message: string) => void = setError) => {
      const message = failureMessage(caught, strings, onSessionEnded);
      if (message !== undefined) show(message);
    },
    [strings, onSessionEnded],
  );

  const load = useCallback(
    async (after?: string) => {
      try {
        const query = after ? `?${new URLSearchParams({ cursor: after })}` : "";
        const next = await staffGet<PayoutPage>(`${path}${query}`, token, locale);
        setPage((earlier) =>
          after && earlier
            ? {
                ...next,
                transactions: [...earlier.transactions, ...next.transactions],
                exceptions: [...earlier.exceptions, ...next.exceptions],
              }
            : next,
        );
      } catch (caught) {
        fail(caught);
      }
    },
    [path, token, locale, fail],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const resolved = (exception: StoredException) =>
    setPage(
      (current) =>
        current && {
          ...current,
          payout: { ...current.payout, openExceptions: Math.max(0, current.payout.openExceptions - 1) },
          exceptions: current.exceptions.map((each) =>
            each.exceptionId === exception.exceptionId ? exception : each,
          ),
        },
    );

  const reconcile = async () => {
    setRefusal("");
    try {
      const payout = await staffPost<PayoutSummary>(`${path}/reconcile`, token, locale);
      setPage((current) => current && { ...current, payout });
    } catch (caught) {
      fail(caught, setRefusal);
    }
  };

  const payout = page?.payout;
  return (
    <section className="finance-panel" aria-labelledby="payout-title" data-testid="payout-detail">
      <button type="button" className="button button--secondary" onClick={onBack}>
        {strings["finance.payout.back"]}
      </button>
      <h2 id="payout-title">
        {strings["finance.payout.title"]} <span dir="ltr">{payoutId}</span>
      </h2>
      {error && (
        <p className="status status--error" role="alert">
          {error}
        </p>
      )}
      {!payout && !error && (
        <p className="status" role="status">
          {strings["finance.loading"]}
        </p>
      )}
      {payout && page && (
        <>
          <dl className="finance-summary">
            <dt>{strings["finance.payouts.amount"]}</dt>
            <dd data-testid="payout-amount">{minor(locale, payout.amount, payout.currency)}</dd>
            <dt>{strings["finance.payouts.matchedNet"]}</dt>
            <dd>{minor(locale, payout.totals.matchedNet, payout.currency)}</dd>
            <dt>{strings["finance.payout.fees"]}</dt>
            <dd>{minor(locale, payout.totals.fees, payout.currency)}</dd>
            <dt>{strings["finance.payout.donorTotals"]}</dt>
            <dd>
              {Object.entries(payout.totals.ledger)
                .map(([currency, value]) => money(locale, { value, currency }))
                .join(" · ") || "–"}
            </dd>
            <dt>{strings["finance.payouts.arrival"]}</dt>
            <dd>{dateTime(locale, payout.arrivalDate)}</dd>
            <dt>{strings["finance.payouts.transactions"]}</dt>
            <dd>{count(locale, payout.transactions)}</dd>
            <dt>{strings["finance.payouts.status"]}</dt>
            <dd data-testid="payout-status">
              {payout.reconciledAt
                ? `${strings["finance.payouts.reconciled"]} (${dateTime(locale, payout.reconciledAt)})`
                : strings["finance.payouts.notReconciled"]}
            </dd>
          </dl>
          {!payout.reconciledAt && (
            <div className="finance-panel__filters">
              <button
                type="button"
                className="button"
                data-testid="reconcile"
                disabled={payout.openExceptions > 0}
                aria-describedby={payout.openExceptions > 0 ? "reconcile-blocked" : undefined}
                onClick={() => void reconcile()}
              >
                {strings["finance.payout.reconcile"]}
              </button>
              {payout.openExceptions > 0 && (
                <p id="reconcile-blocked" data-testid="reconcile-blocked">
                  {fill(strings["finance.payout.reconcileBlocked"], {
                    open: count(locale, payout.openExceptions),
                  })}
                </p>
              )}
            </div>
          )}
          {refusal && (
            <p className="status status--error" role="alert" data-testid="reconcile-refused">
              {refusal}
            </p>
          )}
          <ExceptionsTable {...props} exceptions={page.exceptions} onResolved={resolved} />
          <TransactionsTable locale={locale} strings={strings} transactions={page.transactions} />
          {page.cursor && (
            <button type="button" className="button button--secondary" onClick={() => void load(page.cursor)}>
              {strings["finance.payout.more"]}
            </button>
          )}
        </>
      )}
    </section>
  );
}
