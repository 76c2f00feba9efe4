import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Counts DynamoDB calls per API request, and notes the IAM actions they needed (with the index, for those
 * on one). Every request must make a bounded number of calls whatever the data size; the count is logged
 * with each request and tests assert it. The uses let tests prove that each handler group's declared grant
 * (functions/routes.ts) is what it needs, and that the stack's policies allow every one of them.
 */
interface DynamoUsage {
  dynamodbCalls: number;
  actions: Set<string>;
}

const scope = new AsyncLocalStorage<DynamoUsage>();

export function countDynamoCall(uses: readonly DynamoGrantUse[]): void {
  const usage = scope.getStore();
  if (!usage) return;
  usage.dynamodbCalls += 1;
  for (const use of uses) usage.actions.add(grantUseKey(use));
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

/** One authorisation a command needs: its IAM action, and the index it reads when not the table itself. */
export interface DynamoGrantUse {
  action: string;
  index?: string;
}

/** `dynamodb:Query@gsi1` for an index, `dynamodb:GetItem` for the table: how uses are noted and reported. */
export const grantUseKey = (use: DynamoGrantUse) => (use.index ? `${use.action}@${use.index}` : use.action);

/**
 * What IAM authorises for a command. Transactions are authorised per item, by the item's own action; a
 * Query or Scan of an index is authorised on the index's ARN, not the table's. The document client's
 * commands (GetCommand) and the base client's (GetItemCommand) map alike.
 */
export function grantUsesFor(commandName: string, input: unknown): DynamoGrantUse[] {
  const name = commandName.replace(/Command$/, "");
  if (name === "TransactWriteItems" || name === "TransactWrite" || name === "TransactGet") {
    const items = (input as { TransactItems?: Record<string, unknown>[] }).TransactItems ?? [];
    return items.flatMap((item) =>
      Object.keys(item).flatMap((kind) =>
        TRANSACT_ITEM_ACTIONS[kind] ? [{ action: TRANSACT_ITEM_ACTIONS[kind] }] : [],
      ),
    );
  }
  if (name === "TransactGetItems") return [{ action: "dynamodb:GetItem" }];
  const base = /^(Get|Put|Update|Delete|BatchGet|BatchWrite)$/.test(name) ? `${name}Item` : name;
  const index = (input as { IndexName?: unknown } | undefined)?.IndexName;
  return [{ action: `dynamodb:${base}`, ...(typeof index === "string" ? { index } : {}) }];
}
