import DataTable, { type Column } from "./DataTable.tsx";
import { dateTime, minor, money, rate } from "./format.ts";
import type { PayoutTransactionRow } from "./payout-types.ts";
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
  const columns: Column<PayoutTransactionRow>[] = [
    {
      header: strings["finance.transactions.transaction"],
      rowHeader: true,
      cell: (row) => (
        <>
          <span dir="ltr">{row.transactionId}</span> <span dir="ltr">({row.type})</span>
        </>
      ),
    },
    { header: strings["finance.transactions.when"], cell: (row) => dateTime(locale, row.created) },
    {
      header: strings["finance.transactions.movement"],
      cell: (row) => {
        const movement = row.match ?? row.movement;
        return movement ? (
          <>
            {label(`finance.kind.${movement.kind}`)} <span dir="ltr">{movement.ref}</span>
          </>
        ) : (
          "–"
        );
      },
    },
    {
      header: strings["finance.transactions.donorAmount"],
      cell: (row) => money(locale, row.match?.ledger ?? row.movement?.amount),
    },
    {
      header: strings["finance.transactions.settled"],
      cell: ({ settlement }) => minor(locale, settlement.amount, settlement.currency),
    },
    {
      header: strings["finance.transactions.fee"],
      cell: ({ settlement }) => minor(locale, settlement.fee, settlement.currency),
    },
    {
      header: strings["finance.transactions.net"],
      cell: ({ settlement }) => minor(locale, settlement.net, settlement.currency),
    },
    {
      header: strings["finance.transactions.rate"],
      cell: (row) => rate(locale, row.settlement.exchangeRate),
    },
    {
      header: strings["finance.transactions.match"],
      cell: matchText,
      data: { "data-testid": "transaction-match" },
    },
  ];
  return (
    <DataTable
      caption={strings["finance.transactions.caption"]}
      testId="payout-transactions"
      columns={columns}
      rows={transactions}
      rowKey={(row) => row.transactionId}
      rowData={(row) => ({ "data-transaction-id": row.transactionId })}
    />
  );
}
