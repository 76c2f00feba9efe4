import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";

export type HttpResult = APIGatewayProxyStructuredResultV2;

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
};

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      ...SECURITY_HEADERS,
      ...headers,
    },
    body: JSON.stringify(body),
  };
}

export function redirect(location: string, statusCode = 303): HttpResult {
  return { statusCode, headers: { location, "cache-control": "no-store", ...SECURITY_HEADERS }, body: "" };
}

/** RFC 6266: an ASCII fallback name and the UTF-8 one. */
export const attachmentDisposition = (fileName: string) =>
  `attachment; filename="${fileName.replace(/[^\w.-]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

export function html(statusCode: number, body: string, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      ...SECURITY_HEADERS,
      ...headers,
    },
    body,
  };
}

/**
 * A file to download (a PDF): API Gateway carries binary bodies base64-encoded, and `isBase64Encoded`
 * tells it (and the local adapter) to send the bytes themselves.
 */
export function download(
  bytes: Uint8Array,
  file: { contentType: string; name: string },
  headers: Record<string, string> = {},
): HttpResult {
  return {
    statusCode: 200,
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.name}"`,
      "cache-control": "no-store",
      ...SECURITY_HEADERS,
      ...headers,
    },
    body: Buffer.from(bytes).toString("base64"),
    isBase64Encoded: true,
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A started checkout: 201 with its URL for a script, 303 to the payment page for a form posted without one. */
export function checkoutStarted(asForm: boolean, started: { checkoutUrl: string }): HttpResult {
  return asForm ? redirect(started.checkoutUrl) : json(201, started);
}
