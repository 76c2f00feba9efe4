import { readFileSync } from "node:fs";
import { DEFAULT_LOCALE } from "../../content/locales.ts";

const SOURCE = readFileSync(new URL("./viewer-request.js", import.meta.url), "utf8");

/** The CloudFront Function's code, with the default locale from content/locales.ts. */
export function viewerRequestCode(): string {
  return SOURCE.replace("__DEFAULT_LOCALE_PATH__", `/${DEFAULT_LOCALE}/`);
}
