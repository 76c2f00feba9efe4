import { afterEach, describe, expect, it, vi } from "vitest";
import { publicBaseUrl } from "../../../local/base-url.ts";

describe("the site's base URL", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("is the deployment's, else this machine's port", () => {
    expect(publicBaseUrl({ PUBLIC_BASE_URL: "https://give.council.example", PORT: "9000" })).toBe(
      "https://give.council.example",
    );
    expect(publicBaseUrl({ PORT: "9000" })).toBe("http://localhost:9000");
    expect(publicBaseUrl({})).toBe("http://localhost:8787");
  });

  it("is what the site's build links to when npm start runs on another port", async () => {
    vi.stubEnv("PUBLIC_BASE_URL", undefined);
    vi.stubEnv("PORT", "9123");
    const astroConfig = new URL("../../../site/astro.config.mjs", import.meta.url).href;
    const { default: config } = (await import(astroConfig)) as { default: { site?: string } };
    expect(config.site).toBe("http://localhost:9123");
  });
});
