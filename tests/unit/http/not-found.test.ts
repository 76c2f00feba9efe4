import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GetObjectCommand } from "@aws-sdk/client-s3";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { describe, expect, it } from "vitest";
import ar from "../../../contract/messages/ar.json" with { type: "json" };
import en from "../../../contract/messages/en.json" with { type: "json" };
import { createFileSitePages, createS3SitePages } from "../../../functions/adapters/site-pages.ts";
import { createHttpDispatcher } from "../../../functions/http/handler.ts";
import { notFoundRoute } from "../../../functions/http/not-found.ts";

const PAGE = "<!doctype html><title>الصفحة غير موجودة · Page not found</title>";
const siteDir = mkdtempSync(join(tmpdir(), "athar-404-"));
writeFileSync(join(siteDir, "404.html"), PAGE);

const handler = createHttpDispatcher(
  { $default: notFoundRoute(createFileSitePages(siteDir)) },
  { exposeDiagnostics: false },
);

const defaultEvent = (method: string, path: string, headers: Record<string, string> = {}) =>
  ({
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: "",
    headers,
    isBase64Encoded: false,
    requestContext: { http: { method, path, sourceIp: "198.51.100.1" } },
  }) as unknown as APIGatewayProxyEventV2;

const call = async (event: APIGatewayProxyEventV2) =>
  (await handler(event)) as APIGatewayProxyStructuredResultV2;

describe("API Gateway's $default route", () => {
  it("answers an unknown API path with a JSON 404 in the caller's language", async () => {
    const english = await call(defaultEvent("GET", "/api/no-such-thing", { "accept-language": "en" }));
    expect(english.statusCode).toBe(404);
    expect(JSON.parse(String(english.body))).toEqual({ error: "not_found", message: en.not_found });
    const arabic = await call(defaultEvent("DELETE", "/api/checkout/cs_1"));
    expect(JSON.parse(String(arabic.body))).toEqual({ error: "not_found", message: ar.not_found });
  });

  it("answers CloudFront's fallback for a missing page with the site's 404 page and status 404", async () => {
    const page = await call(defaultEvent("GET", "/ar/initiatives/no-such-initiative/index.html"));
    expect(page.statusCode).toBe(404);
    expect(page.body).toBe(PAGE);
    expect(page.headers).toMatchObject({
      "content-type": "text/html; charset=utf-8",
      "cache-control": "public, max-age=60, s-maxage=60",
    });
  });
});

describe("the 404 page from the site's bucket", () => {
  it("is read from the bucket's 404.html, kept five minutes, then read again", async () => {
    const asked: { Bucket?: string; Key?: string }[] = [];
    let version = 1;
    const client = {
      send: async (command: GetObjectCommand) => {
        asked.push(command.input);
        const html = `<p>page ${version}</p>`;
        return { Body: { transformToString: async () => html } };
      },
    };
    let now = 0;
    const pages = createS3SitePages("athar-site-bucket", client as never, () => now);
    expect(await pages.notFound()).toBe("<p>page 1</p>");
    version = 2;
    now = 4 * 60 * 1000;
    expect(await pages.notFound()).toBe("<p>page 1</p>");
    now = 5 * 60 * 1000 + 1;
    expect(await pages.notFound()).toBe("<p>page 2</p>");
    expect(asked).toEqual([
      { Bucket: "athar-site-bucket", Key: "404.html" },
      { Bucket: "athar-site-bucket", Key: "404.html" },
    ]);
  });
});
