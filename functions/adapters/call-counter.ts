import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Counts DynamoDB calls per API request. Every request must make a bounded number of calls whatever the
 * data size; the count is logged with each request and tests assert it.
 */
const scope = new AsyncLocalStorage<{ dynamodbCalls: number }>();

export function countDynamoCall(): void {
  const counter = scope.getStore();
  if (counter) counter.dynamodbCalls += 1;
}

export async function withCallCounting<T>(
  work: () => Promise<T>,
): Promise<{ result: T; dynamodbCalls: number }> {
  const counter = { dynamodbCalls: 0 };
  const result = await scope.run(counter, work);
  return { result, dynamodbCalls: counter.dynamodbCalls };
}
