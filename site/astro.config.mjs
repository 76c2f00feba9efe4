import react from "@astrojs/react";
import sitemap from "@astrojs/sitemap";
import { defineConfig } from "astro/config";
import { publicBaseUrl } from "../local/base-url.ts";

/**
 * A fully static site: CloudFront serves it from S3 in AWS, the local server serves site/dist. Locales are
 * routed by the `[lang]` segment from content/locales.ts (one map for the site and the API), so Astro's
 * own i18n routing is not used. Every URL ends with a slash, as S3 directory indexes expect.
 */
export default defineConfig({
  site: publicBaseUrl(),
  output: "static",
  trailingSlash: "always",
  build: { format: "directory", inlineStylesheets: "never" },
  integrations: [
    react(),
    sitemap({
      // Pages that only make sense after an action (or from an e-mailed link), the search page and the
      // redirecting root stay out.
      filter: (page) =>
        !/\/(thanks|search|canceled|receipt|finance)\/$/.test(new URL(page).pathname) &&
        new URL(page).pathname !== "/",
      i18n: { defaultLocale: "ar", locales: { ar: "ar", en: "en" } },
    }),
  ],
  vite: {
    // Vite must be allowed to read content/ and contract/ one level above the site root.
    server: { fs: { allow: [".."] } },
    // Never inline scripts: the Content-Security-Policy (infra/security-headers.ts) allows 'self' only.
    build: { assetsInlineLimit: 0 },
  },
});
