import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import mime from "mime-types";
import { DEFAULT_LOCALE } from "../content/locales.ts";
import { siteSecurityHeaders } from "../infra/security-headers.ts";

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/**
 * Serves the built site as the CloudFront distribution does: `/` goes to the default locale, directory
 * URLs serve their index.html, unknown paths get 404.html with status 404.
 */
export async function serveStatic(
  siteDir: string,
  pathname: string,
  response: ServerResponse,
): Promise<void> {
  if (pathname === "/") {
    response.writeHead(302, { location: `/${DEFAULT_LOCALE}/` });
    response.end();
    return;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // Malformed percent-encoding names no file.
    return notFound(siteDir, response);
  }
  const relative = normalize(decoded.endsWith("/") ? `${decoded}index.html` : decoded).replace(
    /^([/\\])+/,
    "",
  );
  const file = join(siteDir, relative);
  if (!file.startsWith(siteDir + sep)) return notFound(siteDir, response);
  if (await isFile(file)) return send(file, 200, response);
  // `/ar/initiatives` without its slash: send to the directory URL, as Astro's links use it.
  if (!extname(relative) && (await isFile(join(file, "index.html")))) {
    // From the normalised path, so `/.//ar/x` cannot become a protocol-relative `//ar/x/` (another host).
    response.writeHead(301, { location: encodeURI(`/${relative.split(sep).join("/")}/`) });
    response.end();
    return;
  }
  return notFound(siteDir, response);
}

async function notFound(siteDir: string, response: ServerResponse): Promise<void> {
  const page = join(siteDir, "404.html");
  if (await isFile(page)) return send(page, 404, response);
  response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
  response.end("Not found");
}

function send(file: string, status: number, response: ServerResponse): void {
  const type = mime.contentType(extname(file)) || "application/octet-stream";
  // Astro fingerprints everything under /_astro/, so those files never change.
  const cache = file.includes(`${sep}_astro${sep}`) ? "public, max-age=31536000, immutable" : "no-cache";
  // Strict-Transport-Security would pin localhost to HTTPS in the browser, so it stays in AWS only.
  const { "strict-transport-security": _hsts, ...headers } = siteSecurityHeaders({
    turnstile: Boolean(process.env.PUBLIC_TURNSTILE_SITE_KEY),
  });
  response.writeHead(status, { ...headers, "content-type": type, "cache-control": cache });
  createReadStream(file).pipe(response);
}
