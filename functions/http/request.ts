import { isIP } from "node:net";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { type $ZodType, type output, safeParse } from "zod/v4/core";
import { toFieldIssues } from "../../contract/messages.ts";
import { ValidationError } from "../domain/errors.ts";

export type HttpEvent = APIGatewayProxyEventV2;

export function header(event: HttpEvent, name: string): string | undefined {
  return event.headers?.[name.toLowerCase()];
}

/**
 * CloudFront's `CloudFront-Viewer-Address` is `ip:port`: `203.0.113.7:443`, and IPv6 as
 * `2001:db8::1:443` (or bracketed, `[2001:db8::1]:443`). The port is always there, so the address is
 * everything before the last colon.
 */
export function parseViewerAddress(value: string | undefined): string | undefined {
  const text = value?.trim() ?? "";
  const bracketed = /^\[([^\]]+)\]:\d+$/.exec(text);
  const address = bracketed ? bracketed[1] : text.slice(0, Math.max(0, text.lastIndexOf(":")));
  return address && isIP(address) ? address : undefined;
}

/**
 * The donor's address. Behind CloudFront, API Gateway's sourceIp is CloudFront's edge; the viewer's own
 * address comes in CloudFront-Viewer-Address (forwarded by the origin request policy in infra/lib/site.ts).
 */
export function clientIp(event: HttpEvent): string {
  return parseViewerAddress(header(event, "cloudfront-viewer-address")) ?? event.requestContext.http.sourceIp;
}

/** The Turnstile token: the widget's `cf-turnstile-response` form field, or `turnstileToken` in JSON. */
export function turnstileToken(event: HttpEvent): string | undefined {
  const kind = bodyKind(event);
  let token: unknown;
  if (kind === "form") token = parseFormBody(event)["cf-turnstile-response"];
  if (kind === "json") token = (parseJsonBody(event) as { turnstileToken?: unknown } | null)?.turnstileToken;
  return typeof token === "string" && token !== "" ? token : undefined;
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

/**
 * Parses with a zod schema (classic or zod/mini, which the donation request uses to stay small in the
 * browser); failures become a ValidationError whose details name each field.
 */
export function parseWith<T extends $ZodType>(schema: T, input: unknown): output<T> {
  const result = safeParse(schema, input);
  if (!result.success) throw new ValidationError(toFieldIssues(result.error), { cause: result.error });
  return result.data;
}

/**
 * A request body read with one schema whichever way it came: JSON from a script, or a form posted without
 * JavaScript, whose fields the form's own mapping turns into the same shape first.
 */
export function readBody<T extends $ZodType>(
  event: HttpEvent,
  schema: T,
  fromForm: (fields: Record<string, string>) => unknown,
): output<T> {
  const kind = bodyKind(event);
  if (kind === "json") return parseWith(schema, parseJsonBody(event));
  if (kind === "form") return parseWith(schema, fromForm(parseFormBody(event)));
  throw new ValidationError([{ field: "body", code: "unsupported_media_type" }]);
}

/** A body that must be JSON (staff consoles and scripts post JSON only, never a plain form). */
export function jsonOnlyBody<T extends $ZodType>(event: HttpEvent, schema: T): output<T> {
  if (bodyKind(event) !== "json")
    throw new ValidationError([{ field: "body", code: "unsupported_media_type" }]);
  return parseWith(schema, parseJsonBody(event));
}

/** Who is starting a checkout, for the card-testing defences: the viewer's address and the bot check's token. */
export function checkoutCaller(event: HttpEvent) {
  return { clientIp: clientIp(event), turnstileToken: turnstileToken(event) };
}
