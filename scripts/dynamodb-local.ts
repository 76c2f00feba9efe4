/** `npm run dynamodb:local`: DynamoDB Local on its own (on disk under ATHAR_DATA_DIR), with the table. */
import { join, resolve } from "node:path";
import { ensureTable, startDynamoDbLocal } from "../local/dynamodb-local.ts";

const dataDir = resolve(process.env.ATHAR_DATA_DIR ?? ".data");
const port = process.env.DYNAMODB_PORT ? Number(process.env.DYNAMODB_PORT) : undefined;
const dynamo = await startDynamoDbLocal({ dbPath: join(dataDir, "dynamodb"), ...(port ? { port } : {}) });
await ensureTable(dynamo.endpoint, process.env.TABLE_NAME ?? "athar");
console.log(
  `DynamoDB Local at ${dynamo.endpoint} (table ${process.env.TABLE_NAME ?? "athar"}); Ctrl+C stops it`,
);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    await dynamo.stop();
    process.exit(0);
  });
}
