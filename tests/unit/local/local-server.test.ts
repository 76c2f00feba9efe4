import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchRoute } from "../../../local/apigw-adapter.ts";
import { createLocalServer, type LambdaHandler } from "../../../local/server.ts";

const seen: APIGatewayProxyEventV2[] = [];
const recorder: LambdaHandler = async (event) => {
  seen.push(event);
  return {
    statusCode: 207,
    headers: { "X-Custom": "yes", "content-type": "application/octet-stream" },
    cookies: ["a=1; Path=/", "b=2; HttpOnly"],
    body: Buffer.from([0, 1, 2, 255]).toString("base64"),
    isBase64Encoded: true,
  };
};
const publicRouteKeys: string[] = [];
const inferred: LambdaHandler = async (event) => {
  publicRouteKeys.push(event.routeKey);
  return { ok: "inferred" } as never;
};

const siteDir = mkdtempSync(join(tmpdir(), "athar-site-"));
mkdirSync(join(siteDir, "ar", "initiatives"), { recursive: true });
writeFileSync(join(siteDir, "ar", "index.html"), "<h1>ar</h1>");
writeFileSync(join(siteDir, "ar", "initiatives", "index.html"), "<h1>list</h1>");
writeFileSync(join(siteDir, "404.html"), "<h1>missing</h1>");

const server = createLocalServer({
  siteDir,
  handlers: {
    public: inferred,
    donations: recorder,
    stripeWebhook: recorder,
    adoptions: recorder,
    auth: recorder,
    dataRights: recorder,
    staff: recorder,
    finance: recorder,
    financeBooks: recorder,
    account: recorder,
    papers: recorder,
  },
});
let base = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("API Gateway payload 2.0 adapter", () => {
  it("matches route templates and extracts path parameters", () => {
    expect(matchRoute("GET", "/api/checkout/cs_test_1")).toMatchObject({
      route: { path: "/api/checkout/{sessionId}" },
      pathParameters: { sessionId: "cs_test_1" },
    });
    expect(matchRoute("DELETE", "/api/checkout/cs_test_1")).toBeUndefined();
    expect(matchRoute("GET", "/api/checkout/a/b")).toBeUndefined();
  });

  it("builds the event API Gateway would: headers, cookies, query, path parameters, base64 body", async () => {
    seen.length = 0;
    const response = await fetch(`${base}/api/checkout/cs_test_42?x=1&x=2&y=%D9%85`, {
      headers: {
        cookie: "session=abc; theme=dark",
        "X-Trace": "t1",
        "content-type": "application/octet-stream",
      },
      method: "GET",
    });
    expect(response.status).toBe(207);
    const event = seen[0];
    expect(event).toMatchObject({
      version: "2.0",
      routeKey: "GET /api/checkout/{sessionId}",
      rawPath: "/api/checkout/cs_test_42",
      rawQueryString: "x=1&x=2&y=%D9%85",
      cookies: ["session=abc", "theme=dark"],
      queryStringParameters: { x: "1,2", y: "م" },
      pathParameters: { sessionId: "cs_test_42" },
      isBase64Encoded: false,
      requestContext: { http: { method: "GET", path: "/api/checkout/cs_test_42" }, stage: "$default" },
    });
    expect(event?.headers["x-trace"]).toBe("t1");
    expect(event?.headers.cookie).toBeUndefined();
    expect(event?.requestContext.time).toMatch(/^\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
  });

  it("passes text bodies as text and other bodies base64-encoded", async () => {
    seen.length = 0;
    await fetch(`${base}/api/checkout`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"a":"ب"}',
    });
    await fetch(`${base}/api/checkout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "a=%D8%A8",
    });
    expect(seen[0]).toMatchObject({ body: '{"a":"ب"}', isBase64Encoded: false });
    expect(seen[1]?.isBase64Encoded).toBe(true);
    expect(Buffer.from(seen[1]?.body ?? "", "base64").toString()).toBe("a=%D8%A8");
  });

  it("turns results back into responses: status, headers, each cookie, base64 bodies", async () => {
    const response = await fetch(`${base}/api/checkout/cs_test_1`);
    expect(response.headers.get("x-custom")).toBe("yes");
    expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; HttpOnly"]);
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([0, 1, 2, 255]);
  });

  it("infers a 200 JSON response from a result without statusCode, as API Gateway does", async () => {
    const response = await fetch(`${base}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: "inferred" });
  });

  it("sends what no route matches (an unknown path, a known path with another method) to $default", async () => {
    publicRouteKeys.length = 0;
    await fetch(`${base}/api/nothing-here`);
    await fetch(`${base}/api/checkout/cs_test_1`, { method: "DELETE" });
    expect(publicRouteKeys).toEqual(["$default", "$default"]);
  });
});

describe("static site", () => {
  it("sends / to the Arabic home, serves directory indexes and a 404 page", async () => {
    const root = await fetch(`${base}/`, { redirect: "manual" });
    expect(root.status).toBe(302);
    expect(root.headers.get("location")).toBe("/ar/");
    expect(await (await fetch(`${base}/ar/`)).text()).toBe("<h1>ar</h1>");
    const noSlash = await fetch(`${base}/ar/initiatives`, { redirect: "manual" });
    expect(noSlash.headers.get("location")).toBe("/ar/initiatives/");
    const missing = await fetch(`${base}/ar/nowhere/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe("<h1>missing</h1>");
    const traversal = await fetch(`${base}/..%2f..%2fetc/passwd`);
    expect(traversal.status).toBe(404);
    expect((await fetch(`${base}/ar/%E0%A4%A`)).status).toBe(404);
  });

  it("never redirects to another host", async () => {
    for (const path of ["/.//ar/initiatives", "/ar/.//initiatives", "//ar/initiatives"]) {
      const response = await fetch(`${base}${path}`, { redirect: "manual" });
      const location = response.headers.get("location") ?? "";
      expect(new URL(location, base).host, `${path} → ${location}`).toBe(new URL(base).host);
      expect(location, path).not.toMatch(/^[/\\]{2}/);
    }
  });
});
