import type { APIRoute } from "astro";
import { filtersStylesheet } from "../lib/catalog-filters.ts";
import { publishedInitiatives } from "../lib/initiatives.ts";

/** The initiatives index filters' rules, built from the published initiatives (see catalog-filters.ts). */
export const GET: APIRoute = async () =>
  new Response(filtersStylesheet(await publishedInitiatives()), {
    headers: { "content-type": "text/css; charset=utf-8" },
  });
