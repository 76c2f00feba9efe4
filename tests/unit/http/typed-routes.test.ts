/**
 * A handler module serves exactly its group's routes of functions/routes.ts: tsc refuses a route missed,
 * misspelt or belonging to another group (the `@ts-expect-error` lines fail the typecheck when they stop
 * being errors), and the handler built from the full set dispatches each of them.
 */
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { createHttpHandler } from "../../../functions/http/handler.ts";
import { json } from "../../../functions/http/responses.ts";
import { ROUTES, type RouteKeyOf } from "../../../functions/routes.ts";

const options = { exposeDiagnostics: false };
const ok = async () => json(200, { ok: true });

/** Only compiled, never called: each call below is refused by tsc. */
function refusedByTheTypecheck() {
  // @ts-expect-error a route missing (the statement)
  createHttpHandler("account", { "GET /api/me/dashboard": ok, "GET /api/me/donations": ok }, options);
  createHttpHandler(
    "account",
    {
      "GET /api/me/dashboard": ok,
      "GET /api/me/donations": ok,
      "GET /api/me/statement": ok,
      // @ts-expect-error a misspelt route
      "GET /api/me/dashbord": ok,
    },
    options,
  );
  createHttpHandler(
    "staff",
    {
      "GET /api/staff/config": ok,
      "GET /api/staff/me": ok,
      "GET /api/finance/audit": ok,
      // @ts-expect-error another group's route
      "GET /api/me/dashboard": ok,
    },
    options,
  );
  createHttpHandler(
    "staff",
    {
      "GET /api/staff/config": ok,
      "GET /api/staff/me": ok,
      "GET /api/finance/audit": ok,
      // @ts-expect-error only the public group serves `$default`
      $default: ok,
    },
    options,
  );
}

const event = (routeKey: string) =>
  ({
    routeKey,
    headers: {},
    requestContext: { http: { method: routeKey.split(" ")[0] } },
  }) as unknown as APIGatewayProxyEventV2;

describe("a handler group's routes", () => {
  it("are the group's rows of ROUTES, and the handler built from them serves each", async () => {
    const keys: RouteKeyOf<"account">[] = [
      "GET /api/me/dashboard",
      "GET /api/me/donations",
      "GET /api/me/statement",
    ];
    expect(
      ROUTES.filter((route) => route.group === "account").map((route) => `${route.method} ${route.path}`),
    ).toEqual(keys);
    const handler = createHttpHandler(
      "account",
      { "GET /api/me/dashboard": ok, "GET /api/me/donations": ok, "GET /api/me/statement": ok },
      options,
    );
    const status = async (key: string) => ((await handler(event(key))) as { statusCode: number }).statusCode;
    for (const key of keys) expect(await status(key), key).toBe(200);
    expect(await status("GET /api/staff/me")).toBe(404);
    expect(typeof refusedByTheTypecheck).toBe("function");
  });
});
