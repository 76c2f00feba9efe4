import type { ReactNode } from "react";
import ScrollTable from "./ScrollTable.tsx";

/** One column: its header, and what each row shows in it. */
export interface Column<Row> {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** The column that names the row (a `<th scope="row">`): one per table, usually the first. */
  rowHeader?: boolean;
  /** The cell's writing direction, for ids, e-mail addresses and codes in a right-to-left page. */
  dir?: "ltr" | "auto";
  /** Data attributes of the cell (what it shows, for scripts and tests). */
  data?: Record<`data-${string}`, string>;
}

interface Props<Row> {
  caption: string;
  testId: string;
  data?: Record<`data-${string}`, string>;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Data attributes of each row (its id, for scripts and tests). */
  rowData?: (row: Row) => Record<`data-${string}`, string>;
  /** Rows after the body (totals). */
  foot?: ReactNode;
}

/**
 * The console's tables: a caption, a header row, one row per item with a row header, in a region that
 * scrolls sideways on narrow screens (ScrollTable). Every table of the console is one of these.
 */
export default function DataTable<Row>({
  caption,
  testId,
  data,
  columns,
  rows,
  rowKey,
  rowData,
  foot,
}: Props<Row>) {
  return (
    <ScrollTable caption={caption} testId={testId} {...(data ? { data } : {})}>
      <thead>
        <tr>
          {columns.map((column, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for the table's life
            <th key={index} scope="col">
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} {...rowData?.(row)}>
            {columns.map((column, index) => {
              const props = { ...(column.dir ? { dir: column.dir } : {}), ...column.data };
              return column.rowHeader ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for the table's life
                <th key={index} scope="row" {...props}>
                  {column.cell(row)}
                </th>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for the table's life
                <td key={index} {...props}>
                  {column.cell(row)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
      {foot && <tfoot>{foot}</tfoot>}
    </ScrollTable>
  );
}
