/**
 * `npm run table:data -- export|import|drill --table <name> [--endpoint <url>] [--file <path>]`: the table's
 * items as a file and back, for restores (docs/operations.md: a point-in-time or AWS Backup restore makes a
 * new table; its items are copied into the stack's table with export, then import) and for the restore
 * drill, which proves the round trip: it exports the table, wipes it, imports the file, and checks that the
 * ledger, the totals, the receipts and the donors' partitions are exactly what they were.
 *
 * Items travel as DynamoDB's own attribute values (one JSON object a line), so numbers, sets and binary
 * come back as they were. Scans are right here: an operator's tool, never a request's path. Without
 * --endpoint it uses the AWS credentials and region of the environment.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  type AttributeValue,
  BatchWriteItemCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ScanCommand,
} from "@aws-sdk/client-dynamodb";
import { TABLE_KEY_ATTRIBUTES } from "../functions/table/definition.ts";

export type Item = Record<string, AttributeValue>;

/** What the drill compares, by the entity an item declares. */
export const FINANCE_RECORDS: Record<string, (entity: string) => boolean> = {
  ledger: (entity) => entity === "ledgerEntry",
  totals: (entity) => entity.endsWith("Totals") || entity === "fundDay" || entity === "fundFees",
  receipts: (entity) => entity.startsWith("receipt"),
  donorPartitions: (entity) => entity.startsWith("donor"),
  everything: () => true,
};

export async function exportItems(client: DynamoDBClient, tableName: string): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    items.push(...((page.Items ?? []) as Item[]));
    start = page.LastEvaluatedKey as Item | undefined;
  } while (start);
  return items;
}

/** Writes 25 a call, sending again what DynamoDB leaves unprocessed, with a growing pause. */
async function batchWrite(client: DynamoDBClient, tableName: string, requests: Record<string, unknown>[]) {
  for (let start = 0; start < requests.length; start += 25) {
    let pending = requests.slice(start, start + 25);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 50 * 2 ** attempt)));
      const { UnprocessedItems } = await client.send(
        new BatchWriteItemCommand({ RequestItems: { [tableName]: pending as never } }),
      );
      pending = (UnprocessedItems?.[tableName] ?? []) as Record<string, unknown>[];
    }
  }
}

export async function importItems(client: DynamoDBClient, tableName: string, items: readonly Item[]) {
  await batchWrite(
    client,
    tableName,
    items.map((Item) => ({ PutRequest: { Item } })),
  );
}

export async function wipeItems(client: DynamoDBClient, tableName: string) {
  const { partitionKey, sortKey } = TABLE_KEY_ATTRIBUTES;
  const keys = (await exportItems(client, tableName)).map((item) => ({
    DeleteRequest: { Key: { [partitionKey]: item[partitionKey], [sortKey]: item[sortKey] } },
  }));
  await batchWrite(client, tableName, keys);
}

/** One attribute value with its members in order (a set's order means nothing). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  const object = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(object)
      .sort()
      .map((key) => {
        const member = object[key];
        const sortedSet =
          ["SS", "NS", "BS"].includes(key) && Array.isArray(member) ? [...member].sort() : member;
        return [key, canonical(sortedSet)];
      }),
  );
}

/** Count and SHA-256 of each kind of record: two tables with equal fingerprints hold the same records. */
export function fingerprint(items: readonly Item[]): Record<string, { items: number; sha256: string }> {
  const lines = items
    .map((item) => ({ entity: item.entity?.S ?? "", line: JSON.stringify(canonical(item)) }))
    .sort((a, b) => (a.line < b.line ? -1 : a.line > b.line ? 1 : 0));
  return Object.fromEntries(
    Object.entries(FINANCE_RECORDS).map(([name, selects]) => {
      const chosen = lines.filter(({ entity }) => selects(entity)).map(({ line }) => line);
      return [
        name,
        { items: chosen.length, sha256: createHash("sha256").update(chosen.join("\n")).digest("hex") },
      ];
    }),
  );
}

export const toJsonLines = (items: readonly Item[]) =>
  items.map((item) => `${JSON.stringify(item)}\n`).join("");
export const fromJsonLines = (text: string): Item[] =>
  text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Item);

export interface DrillReport {
  before: ReturnType<typeof fingerprint>;
  after: ReturnType<typeof fingerprint>;
  emptiedTo: number;
  identical: boolean;
}

/** Export, wipe, import, compare. The file stays where it was written, as the backup it is. */
export async function restoreDrill(
  client: DynamoDBClient,
  tableName: string,
  file: string,
): Promise<DrillReport> {
  const exported = await exportItems(client, tableName);
  writeFileSync(file, toJsonLines(exported));
  const before = fingerprint(exported);
  await wipeItems(client, tableName);
  const emptiedTo = (await exportItems(client, tableName)).length;
  await importItems(client, tableName, fromJsonLines(readFileSync(file, "utf8")));
  const after = fingerprint(await exportItems(client, tableName));
  return {
    before,
    after,
    emptiedTo,
    identical: emptiedTo === 0 && JSON.stringify(before) === JSON.stringify(after),
  };
}

export const HELP = `Usage: npm run table:data -- <export|import|drill> --table <name> [--file <path>] [--endpoint <url>]

  export   writes every item of the table to --file (one JSON object a line, DynamoDB's attribute values)
  import   writes every item of --file into the table (existing items with the same keys are replaced)
  drill    the restore drill: export to --file, wipe the table, import the file, and compare the ledger,
           totals, receipts and donors' partitions before and after (exits 1 if they differ)

--endpoint points at DynamoDB Local (e.g. http://localhost:8000); without it, AWS as the environment says.`;

export async function runTableData(
  argv: string[],
  out: (line: string) => void = console.log,
): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { table: { type: "string" }, file: { type: "string" }, endpoint: { type: "string" } },
  });
  const [command] = positionals;
  if (!command || !["export", "import", "drill"].includes(command) || !values.table) {
    out(HELP);
    return 1;
  }
  const client = new DynamoDBClient(
    values.endpoint
      ? {
          endpoint: values.endpoint,
          region: "me-central-1",
          credentials: { accessKeyId: "local", secretAccessKey: "local" },
        }
      : {},
  );
  try {
    await client.send(new DescribeTableCommand({ TableName: values.table }));
    const file = values.file ?? `${values.table}-${new Date().toISOString().replace(/[:.]/g, "-")}.jsonl`;
    if (command === "export") {
      const items = await exportItems(client, values.table);
      writeFileSync(file, toJsonLines(items));
      out(`exported ${items.length} items to ${file}`);
    } else if (command === "import") {
      const items = fromJsonLines(readFileSync(file, "utf8"));
      await importItems(client, values.table, items);
      out(`imported ${items.length} items from ${file}`);
    } else {
      const report = await restoreDrill(client, values.table, file);
      for (const [name, { items, sha256 }] of Object.entries(report.after)) {
        const same = report.before[name]?.sha256 === sha256;
        out(`${same ? "same" : "DIFFERENT"}  ${name}: ${report.before[name]?.items} before, ${items} after`);
      }
      out(report.identical ? `restore drill passed (backup in ${file})` : "restore drill FAILED");
      return report.identical ? 0 : 1;
    }
    return 0;
  } finally {
    client.destroy();
  }
}

if (import.meta.main) process.exitCode = await runTableData(process.argv.slice(2));
