import { useCallback, useState } from "react";
import type { Figures, FundBalances, FundRow } from "../../../../contract/finance/views.ts";
import { staffGet } from "../../lib/staff-auth.ts";
import DataTable from "./DataTable.tsx";
import { count, dateTime, failureMessage, minor } from "./format.ts";
import OfflineGiftForm from "./OfflineGiftForm.tsx";
import type { PanelProps } from "./panel-props.ts";
import { defaultPeriod, type Period, periodQuery } from "./period.ts";
import RangePicker from "./RangePicker.tsx";
import SponsorshipCoverForm from "./SponsorshipCoverForm.tsx";
import type { FinanceKey } from "./strings.ts";

/** The figures of a fund's row, in the table's order. */
const FIGURES = ["gross", "refunds", "fees", "transfers", "net", "payments"] as const;

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
  const figure = (row: Figures, name: (typeof FIGURES)[number], currency: string) =>
    name === "payments" ? count(locale, row.payments) : minor(locale, row[name], currency);

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
            <DataTable
              caption={label(`donate.designation.${designation}`, designation)}
              testId={`funds-${designation}`}
              rows={balances.rows.filter((row) => row.designation === designation)}
              rowKey={(row) => `${row.fund}#${row.currency}`}
              rowData={(row) => ({ "data-fund": row.fund })}
              columns={[
                {
                  header: strings["finance.funds.fund"],
                  rowHeader: true,
                  dir: "auto",
                  cell: (row) => (
                    <>
                      {row.fund === "general"
                        ? strings["finance.funds.generalFund"]
                        : (initiatives[row.fund] ?? row.fund)}{" "}
                      ({row.currency})
                    </>
                  ),
                },
                ...FIGURES.map((name) => ({
                  header: strings[`finance.funds.${name}`],
                  cell: (row: FundRow) => figure(row, name, row.currency),
                })),
              ]}
              foot={balances.designations
                .filter((total) => total.designation === designation)
                .map((total) => (
                  <tr key={total.currency} data-total={total.currency}>
                    <th scope="row">
                      {strings["finance.funds.total"]} ({total.currency})
                    </th>
                    {FIGURES.map((name) => (
                      <td key={name}>{figure(total, name, total.currency)}</td>
                    ))}
                  </tr>
                ))}
            />
          </div>
        ))}
      <SponsorshipCoverForm {...props} />
      <OfflineGiftForm {...props} />
    </section>
  );
}
