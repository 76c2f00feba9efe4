import { dateTime, minor, money, rate } from "./format.ts";
import type { PayoutTransactionRow } from "./payout-types.ts";
import ScrollTable from "./ScrollTable.tsx";
import type { FinanceKey, FinanceStrings } from "./strings.ts";

interface Props {
  locale: string;
  strings: FinanceStrings;
  transactions: PayoutTransactionRow[];
}

/**
 * The payout's balance transactions: the donor's amount and currency from the ledger beside what Stripe
 * settled (amount, fee, net, exchange rate), and whether the ledger has the movement.
 */
export default function TransactionsTable({ locale, strings, transactions }: Props) {
  const label = (key: string) => strings[key as FinanceKey] ?? key;
  const matchText = (row: PayoutTransactionRow) => {
    if (row.match)
      return `${strings["finance.transactions.matched"]} · ${label(`donate.designation.${row.match.designation}`)}`;
    if (row.matched) return strings["finance.transactions.matchedOnResolving"];
    return strings["finance.transactions.unmatched"];
  };
  return (
    <ScrollTable caption={strings["finance.transactions.caption"]} testId="payout-transactions">
      <thead>
        <tr>
          <th scope="col">{strings["finance.transactions.transaction"]}</th>
          <th scope="col">{strings["finance.transactions.when"]}</th>
          <th scope="col">{strings["finance.transactions.movement"]}</th>
          <th scope="col">{strings["finance.transactions.donorAmount"]}</th>
          <th scope="col">{strings["finance.transactions.settled"]}</th>
          <th scope="col">{strings["finance.transactions.fee"]}</th>
          <th scope="col">{strings["finance.transactions.net"]}</th>
          <th scope="col">{strings["finance.transactions.rate"]}</th>
          <th scope="col">{strings["finance.transactions.match"]}</th>
        </tr>
      </thead>
      <tbody>
        {transactions.map((row) => {
          const { settlement } = row;
          const movement = row.match ?? row.movement;
          return (
            <tr key={row.transactionId} data-transaction-id={row.transactionId}>
              <th scope="row">
                <span dir="ltr">{row.transactionId}</span> <span dir="ltr">({row.type})</span>
              </th>
              <td>{dateTime(locale, row.created)}</td>
              <td>
                {movement ? (
                  <>
                    {label(`finance.kind.${movement.kind}`)} <span dir="ltr">{movement.ref}</span>
                  </>
                ) : (
                  "–"
                )}
              </td>
              <td>{money(locale, row.match?.ledger ?? row.movement?.amount)}</td>
              <td>{minor(locale, settlement.amount, settlement.currency)}</td>
              <td>{minor(locale, settlement.fee, settlement.currency)}</td>
              <td>{minor(locale, settlement.net, settlement.currency)}</td>
              <td>{rate(locale, settlement.exchangeRate)}</td>
              <td data-testid="transaction-match">{matchText(row)}</td>
            </tr>
          );
        })}
      </tbody>
    </ScrollTable>
  );
}
