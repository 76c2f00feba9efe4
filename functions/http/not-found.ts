import type { SitePages } from "../adapters/site-pages.ts";
import { NotFoundError } from "../domain/errors.ts";
import type { RouteHandler } from "./handler.ts";
import { html } from "./responses.ts";

/** A page that does not exist is one for a minute at the edge: long enough to spare the function. */
const NOT_FOUND_CACHE = "public, max-age=60, s-maxage=60";

/**
 * API Gateway's `$default` route (functions/routes.ts DEFAULT_ROUTE): an unknown API path is a JSON 404 in
 * the caller's language; any other path came from CloudFront's fallback for a page the site does not have,
 * and gets the site's own bilingual 404 page, with status 404.
 */
export function notFoundRoute(pages: SitePages): RouteHandler {
  return async (event) => {
    const path = event.rawPath;
    if (path.startsWith("/api/") || path === "/api")
      throw new NotFoundError("not_found", `No route for ${event.requestContext.http.method} ${path}`);
    return html(404, await pages.notFound(), { "cache-control": NOT_FOUND_CACHE });
  };
}
