import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { describe, expect, it } from "vitest";
import ar from "../../../contract/messages/ar.json" with { type: "json" };
import en from "../../../contract/messages/en.json" with { type: "json" };
import { OriginUnverifiedError } from "../../../functions/domain/errors.ts";
import { createHttpDispatcher } from "../../../functions/http/handler.ts";
import { createOriginGuard, ORIGIN_VERIFY_HEADER } from "../../../functions/http/origin-guard.ts";
import { json } from "../../../functions/http/responses.ts";

const CURRENT = "c".repeat(40);
const PREVIOUS = "p".repeat(40);

function event(headers: Record<string, string>): APIGatewayProxyEventV2 {
  return {
    version: "2.0",
    routeKey: "GET /api/health",
    rawPath: "/api/health",
    rawQueryString: "",
    headers,
    isBase64Encoded: false,
    requestContext: {
      accountId: "111122223333",
      apiId: "api",
      domainName: "api.execute-api.me-central-1.amazonaws.com",
      domainPrefix: "api",
      http: {
        method: "GET",
        path: "/api/health",
        protocol: "HTTP/1.1",
        sourceIp: "198.51.100.9",
        userAgent: "curl",
      },
      requestId: "r",
      routeKey: "GET /api/health",
      stage: "$default",
      time: "22/Oct/2026:09:00:00 +0000",
      timeEpoch: 0,
    },
  };
}

describe("the origin guard", () => {
  const guard = createOriginGuard(async () => [CURRENT, PREVIOUS]);

  it("lets through what CloudFront sends: the current value, or the previous one during a rotation", async () => {
    await expect(guard(event({ [ORIGIN_VERIFY_HEADER]: CURRENT }))).resolves.toBeUndefined();
    await expect(guard(event({ [ORIGIN_VERIFY_HEADER]: PREVIOUS }))).resolves.toBeUndefined();
  });

  it("refuses a request without the header, or with any other value", async () => {
    const cases: Record<string, string>[] = [
      {},
      { [ORIGIN_VERIFY_HEADER]: "" },
      { [ORIGIN_VERIFY_HEADER]: CURRENT.slice(1) },
      { [ORIGIN_VERIFY_HEADER]: `${CURRENT}x` },
    ];
    for (const headers of cases) {
      await expect(guard(event(headers))).rejects.toBeInstanceOf(OriginUnverifiedError);
    }
  });
});

describe("an HTTP handler in AWS", () => {
  let served = 0;
  const handler = createHttpDispatcher(
    {
      "GET /api/health": async () => {
        served += 1;
        return json(200, { ok: true });
      },
    },
    { exposeDiagnostics: false, originGuard: createOriginGuard(async () => [CURRENT]) },
  );

  it("answers a request that bypassed CloudFront with 403 in the caller's language, and runs nothing", async () => {
    const english = (await handler(event({ "accept-language": "en" }))) as APIGatewayProxyStructuredResultV2;
    expect(english.statusCode).toBe(403);
    expect(JSON.parse(String(english.body))).toEqual({
      error: "origin_unverified",
      message: en.origin_unverified,
    });
    const arabic = (await handler(
      event({ [ORIGIN_VERIFY_HEADER]: "forged" }),
    )) as APIGatewayProxyStructuredResultV2;
    expect(JSON.parse(String(arabic.body))).toEqual({
      error: "origin_unverified",
      message: ar.origin_unverified,
    });
    expect(served).toBe(0);
    const through = (await handler(
      event({ [ORIGIN_VERIFY_HEADER]: CURRENT }),
    )) as APIGatewayProxyStructuredResultV2;
    expect(through.statusCode).toBe(200);
    expect(served).toBe(1);
  });
});
