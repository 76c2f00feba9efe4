import { ValidationError } from "../domain/errors.ts";

/**
 * Query pages: DynamoDB's LastEvaluatedKey handed to API callers as an opaque base64url cursor. A cursor
 * coming back must be a key of the same partition (or index partition) it was given for; anything else is
 * refused with a 400 rather than sent to DynamoDB.
 */
const KEY_NAMES = new Set(["pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk"]);

export function decodeCursor(
  cursor: string | undefined,
  partition: Readonly<Record<string, string>>,
): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  let key: Record<string, unknown> | undefined;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    key = undefined;
  }
  const valid =
    typeof key === "object" &&
    key !== null &&
    Object.entries(key).every(([name, value]) => KEY_NAMES.has(name) && typeof value === "string") &&
    Object.entries(partition).every(([name, value]) => key?.[name] === value);
  if (!valid) throw new ValidationError([{ field: "cursor", code: "cursor_invalid" }]);
  return key;
}

export const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString("base64url") : undefined;
