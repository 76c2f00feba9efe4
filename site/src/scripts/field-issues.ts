/**
 * Issues as the API would word them, in the page's language: schema issues first, the content's checks once
 * the request is well formed. Shared by the forms' validation modules, which load on a form's first use.
 */
import { type $ZodType, type output, safeParse } from "zod/v4/core";
import type { Locale } from "../../../content/locales.ts";
import type { FieldIssue } from "../../../contract/messages.ts";
import { toFieldIssues, translate } from "../../../contract/messages.ts";
import type { ShownIssue } from "./form-island.ts";

export function validatedIssues<T extends $ZodType>(
  schema: T,
  request: unknown,
  checks: (request: output<T>) => FieldIssue[],
  locale: Locale,
): ShownIssue[] {
  const parsed = safeParse(schema, request);
  const issues = parsed.success ? checks(parsed.data) : toFieldIssues(parsed.error);
  return issues.map((issue) => ({
    field: issue.field,
    message: translate(locale, issue.code, issue.params),
  }));
}
