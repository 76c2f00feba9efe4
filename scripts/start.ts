/** `npm start`: the whole product on one local port (default 8787), data kept under ATHAR_DATA_DIR. */
import { resolve } from "node:path";
import { startLocalStack } from "../local/stack.ts";

const port = Number(process.env.PORT ?? 8787);
const dataDir = resolve(process.env.ATHAR_DATA_DIR ?? ".data");

const stack = await startLocalStack({ port, dataDir });
console.log(`Athar is running at ${stack.url}/ (data in ${dataDir}; Ctrl+C stops it)`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await stack.stop();
    process.exit(0);
  });
}
