import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Counts DynamoDB calls per API request, and notes the IAM actions they needed. Every request must make a
 * bounded number of calls whatever the data size; the count is logged with each request and tests assert
 * it. The actions let tests prove that each handler group's declared grant (functions/routes.ts) is enough.
 */
interface DynamoUsage {
  dynamodbCalls: number;
  actions: Set<string>;
}

const scope = new AsyncLocalStorage<DynamoUsage>();

export function countDynamoCall(actions: readonly string[]): void {
  const usage = scope.getStore();
  if (!usage) return;
  usage.dynamodbCalls += 1;
  for (const action of actions) usage.actions.add(action);
}

export async function withCallCounting<T>(
  work: () => Promise<T>,
): Promise<{ result: T; dynamodbCalls: number; dynamodbActions: string[] }> {
  const usage: DynamoUsage = { dynamodbCalls: 0, actions: new Set() };
  const result = await scope.run(usage, work);
  return { result, dynamodbCalls: usage.dynamodbCalls, dynamodbActions: [...usage.actions].sort() };
}

const TRANSACT_ITEM_ACTIONS: Record<string, string> = {
  Put: "dynamodb:PutItem",
  Update: "dynamodb:UpdateItem",
  Delete: "dynamodb:DeleteItem",
  ConditionCheck: "dynamodb:ConditionCheckItem",
  Get: "dynamodb:GetItem",
};

/**
 * The IAM actions a command needs. Transactions are authorised per item, by the item's own action;
 * the document client's commands (GetCommand) and the base client's (GetItemCommand) map alike.
 */
export function iamActionsFor(commandName: string, input: unknown): string[] {
  const name = commandName.replace(/Command$/, "");
  if (name === "TransactWriteItems" || name === "TransactWrite" || name === "TransactGet") {
    const items = (input as { TransactItems?: Record<string, unknown>[] }).TransactItems ?? [];
    return items.flatMap((item) =>
      Object.keys(item).flatMap((kind) => (TRANSACT_ITEM_ACTIONS[kind] ? [TRANSACT_ITEM_ACTIONS[kind]] : [])),
    );
  }
  if (name === "TransactGetItems") return ["dynamodb:GetItem"];
  const base = /^(Get|Put|Update|Delete|BatchGet|BatchWrite)$/.test(name) ? `${name}Item` : name;
  return [`dynamodb:${base}`];
}
