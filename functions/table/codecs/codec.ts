import { z } from "zod";
import { LOCALE_CODES } from "../../../content/locales.ts";
import { StoredItemInvalidError } from "../../domain/errors.ts";
import { GLOBAL_INDEXES, TABLE_KEY_ATTRIBUTES, TTL_ATTRIBUTE } from "../definition.ts";
import type { EntityName } from "../entities.ts";

/**
 * How an entity's items are read back: the table's own attributes stripped, then checked against a schema
 * whose output TypeScript proves is exactly the domain's type, so no store casts what it reads.
 */

/** What the table adds to every item (keys, index keys, the entity tag, the TTL): never the domain's. */
const TABLE_ATTRIBUTES = new Set<string>([
  TABLE_KEY_ATTRIBUTES.partitionKey,
  TABLE_KEY_ATTRIBUTES.sortKey,
  ...GLOBAL_INDEXES.flatMap((index) => [index.partitionKey, index.sortKey]),
  "entity",
  TTL_ATTRIBUTE,
]);

/** An item without the table's own attributes: what the domain sees. */
export const stripTableAttributes = (item: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(item).filter(([name]) => !TABLE_ATTRIBUTES.has(name)));

/** Whether two types are the same (not merely assignable: an optional field missing on one side differs). */
type Same<A, B> = (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;
type Flat<T> = { [K in keyof T]: T[K] };
/** Nothing more when the schema's output is exactly `T`; otherwise a property no schema has, naming `T`. */
type Exactly<T, S extends z.ZodType<T>> =
  Same<Flat<z.output<S>>, Flat<T>> extends true ? unknown : { schemaOutputDiffersFrom: T };

export interface EntityCodec<T> {
  readonly entity: EntityName;
  /** The item as the domain type; a StoredItemInvalidError naming the entity when it is not one. */
  read(item: Record<string, unknown>): T;
}

/**
 * `entityCodec<T>()(entity, schema)`: the domain type first, so `tsc` refuses a schema that leaves out a
 * field of it (which would be dropped silently: schemas strip what they do not name) or adds one.
 */
export function entityCodec<T>() {
  return <S extends z.ZodType<T>>(entity: EntityName, schema: S & Exactly<T, S>): EntityCodec<T> => {
    return {
      entity,
      read(item) {
        const result = schema.safeParse(stripTableAttributes(item));
        if (result.success) return result.data;
        const problems = result.error.issues
          .map((issue) => `${issue.path.join(".") || "(item)"}: ${issue.message}`)
          .join("; ");
        throw new StoredItemInvalidError(entity, problems, { cause: result.error });
      },
    };
  };
}

/** Schemas of the parts many items share. */
export const money = z.object({ value: z.number(), currency: z.string() });
export const designation = z.enum(["zakat", "sadaqah", "general"]);
export const interval = z.enum(["once", "month"]);
export const movementKind = z.enum(["payment", "refund", "dispute_withdrawal", "dispute_reinstatement"]);
export const locale = z.enum(LOCALE_CODES);
