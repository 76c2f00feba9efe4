import { useCallback, useState } from "react";
import type { Figures, FundBalances } from "../../../../functions/domain/finance/funds/funds.ts";
import { staffGet } from "../../lib/staff-auth.ts";
import { count, dateTime, failureMessage, minor } from "./format.ts";
import OfflineGiftForm from "./OfflineGiftForm.tsx";
import type { PanelProps } from "./panel-props.ts";
import { defaultPeriod, type Period, periodQuery } from "./period.ts";
import RangePicker from "./RangePicker.tsx";
import ScrollTable from "./ScrollTable.tsx";
import SponsorshipCoverForm from "./SponsorshipCoverForm.tsx";
import type { FinanceKey } from "./strings.ts";

/** Zakat first and apart: it may only go where zakat may go, so it is never summed with other money. */
const DESIGNATIONS = ["zakat", "sadaqah", "general"];

/**
 * Fund balances for a period (Gregorian days or Hijri months): one table per type of gift, zakat first,
 * a row per fund (initiative or the general fund) and currency, and the type's total per currency; then
 * the forms that change the books (a lapsed sponsorship covered, a gift received offline).
 */
export default function FundsPanel(props: PanelProps) {
  const { token, locale, strings, initiatives, onSessionEnded } = props;
  const [period, setPeriod] = useState<Period>(() => defaultPeriod());
  const [balances, setBalances] = useState<FundBalances | undefined>();
  const [status, setStatus] = useState<"idle" | "loading" | "ready" | "error">("idle");
  const [error, setError] = useState("");

  const show = useCallback(async () => {
    setStatus("loading");
    try {
      const query = new URLSearchParams(periodQuery(period));
      setBalances(await staffGet<FundBalances>(`/api/finance/funds?${query}`, token, locale));
      setStatus("ready");
    } catch (caught) {
      setError(failureMessage(caught, strings, onSessionEnded) ?? "");
      setStatus("error");
    }
  }, [period, token, locale, strings, onSessionEnded]);

  const label = (key: string, fallback: string) => strings[key as FinanceKey] ?? fallback;
  const figures = (row: Figures, currency: string) => (
    <>
      <td>{minor(locale, row.gross, currency)}</td>
      <td>{minor(locale, row.refunds, currency)}</td>
      <td>{minor(locale, row.fees, currency)}</td>
      <td>{minor(locale, row.transfers, currency)}</td>
      <td>{minor(locale, row.net, currency)}</td>
      <td>{count(locale, row.payments)}</td>
    </>
  );

  return (
    <section className="finance-panel" aria-labelledby="funds-title">
      <h2 id="funds-title">{strings["finance.funds.title"]}</h2>
      <form
        className="finance-form"
        onSubmit={(event) => {
          event.preventDefault();
          void show();
        }}
      >
        <RangePicker strings={strings} period={period} onChange={setPeriod} />
        <button type="submit" className="button">
          {strings["finance.funds.show"]}
        </button>
      </form>
      <p className="status" role="status" aria-live="polite">
        {status === "loading" ? strings["finance.loading"] : ""}
        {status === "ready" && balances
          ? `${balances.period.from} – ${balances.period.to} · ${dateTime(locale, balances.generatedAt)}`
          : ""}
      </p>
      {status === "error" && (
        <p className="status status--error" role="alert">
          {error}
        </p>
      )}
      {status === "ready" && balances?.rows.length === 0 && <p>{strings["finance.funds.empty"]}</p>}
      {balances &&
        DESIGNATIONS.filter((designation) =>
          balances.rows.some((row) => row.designation === designation),
        ).map((designation) => (
          <div key={designation} className={`finance-funds finance-funds--${designation}`}>
            <ScrollTable
              caption={label(`donate.designation.${designation}`, designation)}
              testId={`funds-${designation}`}
            >
              <thead>
                <tr>
                  <th scope="col">{strings["finance.funds.fund"]}</th>
                  <th scope="col">{strings["finance.funds.gross"]}</th>
                  <th scope="col">{strings["finance.funds.refunds"]}</th>
                  <th scope="col">{strings["finance.funds.fees"]}</th>
                  <th scope="col">{strings["finance.funds.transfers"]}</th>
                  <th scope="col">{strings["finance.funds.net"]}</th>
                  <th scope="col">{strings["finance.funds.payments"]}</th>
                </tr>
              </thead>
              <tbody>
                {balances.rows
                  .filter((row) => row.designation === designation)
                  .map((row) => (
                    <tr key={`${row.fund}#${row.currency}`} data-fund={row.fund}>
                      <th scope="row" dir="auto">
                        {row.fund === "general"
                          ? strings["finance.funds.generalFund"]
                          : (initiatives[row.fund] ?? row.fund)}{" "}
                        ({row.currency})
                      </th>
                      {figures(row, row.currency)}
                    </tr>
                  ))}
              </tbody>
              <tfoot>
                {balances.designations
                  .filter((total) => total.designation === designation)
                  .map((total) => (
                    <tr key={total.currency} data-total={total.currency}>
                      <th scope="row">
                        {strings["finance.funds.total"]} ({total.currency})
                      </th>
                      {figures(total, total.currency)}
                    </tr>
                  ))}
              </tfoot>
            </ScrollTable>
          </div>
        ))}
      <SponsorshipCoverForm {...props} />
      <OfflineGiftForm {...props} />
    </section>
  );
}
