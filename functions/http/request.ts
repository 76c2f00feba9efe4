import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { type $ZodError, type $ZodType, type output, safeParse } from "zod/v4/core";
import { type FieldIssue, type MessageParams, ValidationError } from "../domain/errors.ts";
import { isMessageKey } from "./messages.ts";

export type HttpEvent = APIGatewayProxyEventV2;

export function header(event: HttpEvent, name: string): string | undefined {
  return event.headers?.[name.toLowerCase()];
}

/** The body exactly as the client sent it (API Gateway base64-encodes non-text bodies). */
export function rawBody(event: HttpEvent): string {
  if (!event.body) return "";
  return event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
}

export type BodyKind = "json" | "form";

export function bodyKind(event: HttpEvent): BodyKind | undefined {
  const type = header(event, "content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type === "application/json") return "json";
  if (type === "application/x-www-form-urlencoded") return "form";
  return undefined;
}

/** A plain HTML form post (no JavaScript) wants pages and redirects back, not JSON. */
export function isFormPost(event: HttpEvent): boolean {
  return bodyKind(event) === "form";
}

export function parseJsonBody(event: HttpEvent): unknown {
  try {
    return JSON.parse(rawBody(event) || "null");
  } catch (cause) {
    throw new ValidationError([{ field: "body", code: "invalid_json" }], { cause });
  }
}

export function parseFormBody(event: HttpEvent): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(rawBody(event)));
}

export function toFieldIssues(error: $ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.join(".") || "body",
    code: isMessageKey(issue.message) ? issue.message : "field_invalid",
    ...(issue.code === "custom" && issue.params ? { params: issue.params as MessageParams } : {}),
  }));
}

/**
 * Parses with a zod schema (classic or zod/mini, which the donation request uses to stay small in the
 * browser); failures become a ValidationError whose details name each field.
 */
export function parseWith<T extends $ZodType>(schema: T, input: unknown): output<T> {
  const result = safeParse(schema, input);
  if (!result.success) throw new ValidationError(toFieldIssues(result.error), { cause: result.error });
  return result.data;
}
