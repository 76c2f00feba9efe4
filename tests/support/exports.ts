/**
 * Helpers for export tests: request an export through the API as finance, let the export worker run
 * (the table's stream wakes it), and download and re-parse the file (csv-parse, exceljs).
 */
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { expect } from "vitest";
import { COLUMNS, type ExportKind } from "../../contract/finance/exports.ts";
import { councilDay } from "../../functions/exports/cells.ts";
import type { withLocalStack } from "./local-stack.ts";
import { staffAuthorization } from "./staff.ts";

type Stack = ReturnType<typeof withLocalStack>;

export interface ParsedExport {
  /** The raw bytes (CSV: to check the BOM and line ends). */
  bytes: Buffer;
  header: string[];
  rows: Record<string, string | number>[];
  response: Response;
  exportId: string;
}

export async function requestExport(
  stack: Stack,
  body: Record<string, unknown>,
  role: "finance" | "editor" = "finance",
) {
  return fetch(`${stack.url}/api/finance/exports`, {
    method: "POST",
    headers: { authorization: await staffAuthorization(stack, role), "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** Requests the export, runs the worker, checks the status says done, downloads and parses the file. */
export async function exported(stack: Stack, body: Record<string, unknown>): Promise<ParsedExport> {
  const requested = await requestExport(stack, body);
  const job = (await requested.json()) as { exportId: string; status: string };
  expect(requested.status, JSON.stringify(job)).toBe(202);
  expect(job.status).toBe("queued");
  await stack.drainStreams();
  const authorization = await staffAuthorization(stack, "finance");
  const status = await fetch(`${stack.url}/api/finance/exports/${job.exportId}`, {
    headers: { authorization },
  });
  const view = (await status.json()) as Record<string, unknown>;
  expect(view, JSON.stringify(view)).toMatchObject({ status: "done", kind: body.kind, format: body.format });
  expect(view.downloadUrl).toBe(`/api/finance/exports/${job.exportId}/download`);
  const response = await fetch(`${stack.url}${String(view.downloadUrl)}`, { headers: { authorization } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-disposition")).toContain(`attachment; filename="athar-${body.kind}-`);
  const bytes = Buffer.from(await response.arrayBuffer());
  const table = body.format === "csv" ? parseCsv(bytes) : await parseXlsx(bytes);
  expect(table.rows).toHaveLength(Number(view.rows));
  return { bytes, response, exportId: job.exportId, ...table };
}

function parseCsv(bytes: Buffer) {
  const [header = [], ...records] = parse(bytes.toString("utf8"), {
    bom: true,
    record_delimiter: "\r\n",
  }) as string[][];
  return {
    header,
    rows: records.map((record) => Object.fromEntries(header.map((name, i) => [name, record[i] ?? ""]))),
  };
}

async function parseXlsx(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Uint8Array.from(bytes).buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("no worksheet");
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, string | number>[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    rows.push(
      Object.fromEntries(
        header.map((name, i) => {
          const cell = row.getCell(i + 1);
          const value = cell.value;
          // A date cell reads back as the CSV has it: the day, or the instant in ISO 8601.
          if (value instanceof Date)
            return [
              name,
              cell.numFmt === "yyyy-mm-dd" ? value.toISOString().slice(0, 10) : value.toISOString(),
            ];
          return [name, typeof value === "number" ? value : value === null ? "" : String(value)];
        }),
      ),
    );
  });
  return { header, rows };
}

/** Adds `value` to `sums[currency]`. */
export function addTo(sums: Record<string, number>, currency: string, value: number) {
  sums[currency] = (sums[currency] ?? 0) + value;
}

/** A ledger entry as the table holds it (what the tests sum exports against). */
export type LedgerRow = {
  donationId: string;
  kind: string;
  at: string;
  designation: string;
  fund: string;
  initiativeId?: string;
  amount: { value: number; currency: string };
};

/** The ledger entries whose council day (in `zone`) is from `from` to `to`, read straight from the table. */
export async function ledgerOfDays(stack: Stack, zone: string, from: string, to: string) {
  return ((await stack.table.allItems()) as Record<string, unknown>[])
    .filter((item) => item.entity === "ledgerEntry")
    .map((item) => item as unknown as LedgerRow)
    .filter((item) => councilDay(item.at, zone) >= from && councilDay(item.at, zone) <= to);
}

/** A column's header in the export's language. */
export const header = (kind: ExportKind, key: string, locale: "ar" | "en" = "ar") =>
  COLUMNS[kind].find((column) => column.key === key)?.header[locale] ?? key;
