/**
 * The post-deploy smoke test (scripts/deploy/smoke.ts), run against the whole product as `npm start`
 * serves it: every check a donor would make passes, except the one that must tell a real deployment from
 * local payment mode, which fails here because the checkout opens on the local stand-in.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, inject, it } from "vitest";
import { smokeDonation, smokeTest } from "../../scripts/deploy/smoke.ts";

const baseUrl = inject("productUrl");

describe("the smoke test after a deploy", () => {
  it("passes the API, both home pages and both 404s, and refuses a checkout that is not Stripe's", async () => {
    const results = await smokeTest(baseUrl, smokeDonation());
    expect(results.map(({ name, ok }) => [name, ok])).toEqual([
      ["the API answers through the site's domain", true],
      ["the ar home page", true],
      ["the en home page", true],
      ["an unknown page gets the site's 404", true],
      ["an unknown API path gets a JSON 404", true],
      ["a donation's checkout starts with Stripe", false],
    ]);
    expect(results.at(-1)?.detail).toBe("the checkout opens on localhost, not Stripe (local payment mode?)");
  });

  it("fails every check against a server that answers anything with 200", async () => {
    const server = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/plain" });
      response.end("not Athar");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const results = await smokeTest(`http://127.0.0.1:${port}`, smokeDonation());
      expect(results).toHaveLength(6);
      expect(results.filter((result) => result.ok)).toEqual([]);
    } finally {
      server.close();
    }
  });
});
