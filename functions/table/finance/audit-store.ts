import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import type { AuditEntry, AuditLog, RecordedAuditEntry } from "../../domain/audit.ts";
import { ValidationError } from "../../domain/errors.ts";
import type { Clock } from "../../domain/ports.ts";
import { ENTITY } from "../entities.ts";
import { auditMonthQuery, keys } from "../keys.ts";

/** A cursor is the last key read; one that is not a key of this month's partition is refused (400). */
function decodeCursor(cursor: string | undefined, pk: string): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    key = undefined;
  }
  const { pk: keyPk, sk, ...rest } = (key ?? {}) as Record<string, unknown>;
  if (keyPk !== pk || typeof sk !== "string" || Object.keys(rest).length > 0)
    throw new ValidationError([{ field: "cursor", code: "cursor_invalid" }]);
  return { pk: keyPk, sk };
}
const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString("base64url") : undefined;

/** Audit entries partitioned by month, sorted by time; each Put is conditional, so nothing overwrites one. */
export function createAuditStore(client: DynamoDBDocumentClient, tableName: string, clock: Clock): AuditLog {
  return {
    async record(entry: AuditEntry): Promise<RecordedAuditEntry> {
      const at = clock.now().toISOString();
      const auditId = `aud_${ulid()}`;
      const recorded: RecordedAuditEntry = { ...entry, auditId, at };
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.auditEntry(at, auditId), entity: ENTITY.auditEntry, ...recorded },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      return recorded;
    },
    async listMonth(month, page = {}) {
      const query = auditMonthQuery(month);
      const result = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": query.pk },
          ScanIndexForward: false,
          Limit: Math.min(page.limit ?? 50, 200),
          ExclusiveStartKey: decodeCursor(page.cursor, query.pk),
        }),
      );
      const entries = (result.Items ?? []).map(
        ({ actor, action, target, details, auditId, at }) =>
          ({ actor, action, target, ...(details ? { details } : {}), auditId, at }) as RecordedAuditEntry,
      );
      const cursor = encodeCursor(result.LastEvaluatedKey);
      return cursor ? { entries, cursor } : { entries };
    },
  };
}
