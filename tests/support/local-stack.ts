import { afterAll, beforeAll } from "vitest";
import { type LocalStack, startLocalStack } from "../../local/stack.ts";
import { tableReader } from "./table-reader.ts";

/**
 * Starts the product in this test file's process (its own table on the run's DynamoDB Local) and a
 * direct reader of that table; both are torn down after the file.
 */
export function withLocalStack() {
  const context = {
    url: "",
    table: tableReader(),
    /** Waits until the receipt sequencer has seen every payment written so far. */
    drainStreams: () => stack?.drainStreams() ?? Promise.resolve(),
    streamActions: (group: string) => stack?.streamActions(group) ?? [],
  };
  let stack: LocalStack | undefined;
  beforeAll(async () => {
    stack = await startLocalStack({ port: 0 });
    context.url = stack.url;
  });
  afterAll(async () => {
    await stack?.stop();
    context.table.close();
  });
  return context;
}
