import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ROUTE_REQUESTS, type RouteRequest } from "../../../functions/http/route-requests.ts";
import { ROUTES, routeKey } from "../../../functions/routes.ts";
import { API_REFERENCE_FILE, renderApiReference } from "../../../scripts/api-reference.ts";

describe("the API reference", () => {
  it("is what the routes and their schemas generate today (npm run docs:api rewrites it)", () => {
    expect(readFileSync(API_REFERENCE_FILE, "utf8")).toBe(renderApiReference());
  });

  it("has one section per route, in the order of ROUTES", () => {
    const sections = [...renderApiReference().matchAll(/^### `(.+)`$/gm)].map((match) => match[1]);
    expect(sections).toHaveLength(37);
    expect(sections).toEqual(ROUTES.map(routeKey));
  });

  it("gives every path parameter of every route a schema, and no parameter a path lacks", () => {
    for (const route of ROUTES) {
      const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      const request: RouteRequest = ROUTE_REQUESTS[routeKey(route) as keyof typeof ROUTE_REQUESTS];
      expect(Object.keys(request.path ?? {}).sort(), routeKey(route)).toEqual(inPath);
    }
  });

  it("states the checkout's rules a client must meet, from the schema the handler parses with", () => {
    const reference = renderApiReference();
    const checkout = reference.slice(
      reference.indexOf("### `POST /api/checkout`"),
      reference.indexOf("### `GET /api/checkout/"),
    );
    expect(checkout).toContain("or the same fields as a plain HTML form post");
    expect(checkout).toContain('"enum": ["zakat", "sadaqah", "general"]');
    expect(checkout).toContain('"required": ["amount", "donor"]');
  });
});
