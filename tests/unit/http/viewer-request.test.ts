import { describe, expect, it } from "vitest";
import { viewerRequestCode } from "../../../infra/lib/viewer-request.ts";

interface CfRequest {
  uri: string;
  querystring: Record<string, { value: string; multiValue?: { value: string }[] }>;
}
type CfResult = CfRequest | { statusCode: number; headers: { location: { value: string } } };

// The function as CloudFront runs it: the file's code, evaluated on its own.
const handler = new Function(`${viewerRequestCode()}; return handler;`)() as (event: {
  request: CfRequest;
}) => CfResult;

const viewer = (uri: string, querystring: CfRequest["querystring"] = {}) =>
  handler({ request: { uri, querystring } });

describe("the CloudFront viewer-request function", () => {
  it("sends / to the Arabic home page, keeping the query", () => {
    expect(viewer("/")).toMatchObject({ statusCode: 302, headers: { location: { value: "/ar/" } } });
    expect(viewer("/", { utm_source: { value: "sms" } })).toMatchObject({
      headers: { location: { value: "/ar/?utm_source=sms" } },
    });
  });

  it("serves directory URLs from their index.html", () => {
    expect(viewer("/en/initiatives/x/")).toEqual({ uri: "/en/initiatives/x/index.html", querystring: {} });
  });

  it("adds the trailing slash to page URLs, and leaves files alone", () => {
    expect(viewer("/ar/thanks", { session_id: { value: "cs_1" } })).toMatchObject({
      statusCode: 301,
      headers: { location: { value: "/ar/thanks/?session_id=cs_1" } },
    });
    expect(viewer("/_astro/Base.abc.css")).toEqual({ uri: "/_astro/Base.abc.css", querystring: {} });
    expect(viewer("/favicon.svg")).toMatchObject({ uri: "/favicon.svg" });
  });

  it("never redirects to another host: leading slashes and backslashes collapse to one slash", () => {
    for (const uri of ["//evil.example/x", "/\\evil.example/x", "///evil.example/x", "/\\/evil.example/x"]) {
      const result = viewer(uri) as { statusCode: number; headers: { location: { value: string } } };
      expect(result.statusCode, uri).toBe(301);
      expect(result.headers.location.value, uri).toBe("/evil.example/x/");
      expect(new URL(result.headers.location.value, "https://give.example.org").host, uri).toBe(
        "give.example.org",
      );
    }
  });

  it("uses only syntax the CloudFront Functions runtime accepts", () => {
    const code = viewerRequestCode();
    // JS runtime 2.0 has ES 5.1 statements plus const, let, async and await: no for-of, no modules.
    expect(code).not.toMatch(/\bfor\s*\((?:const|let|var)?\s*[\w$]+\s+of\b/);
    expect(code).not.toMatch(/^\s*(?:import|export)\b/m);
    expect(code).toMatch(/^function handler\(event\) \{/m);
  });

  it("keeps repeated query parameters", () => {
    const result = viewer("/en", { tag: { value: "a", multiValue: [{ value: "a" }, { value: "b" }] } });
    expect(result).toMatchObject({ headers: { location: { value: "/en/?tag=a&tag=b" } } });
  });
});
