import { adoptionFormToRequest } from "../../contract/adoption/form.ts";
import { adoptionRequestSchema } from "../../contract/adoption/request.ts";
import { initiativeIdParam } from "../../contract/api/donors.ts";
import { loadConfig } from "../config.ts";
import { availability, startAdoption } from "../domain/adoption/adoption.ts";
import { createHttpHandler } from "../http/handler.ts";
import { checkoutCaller, isFormPost, parseWith, readBody } from "../http/request.ts";
import { checkoutStarted, json } from "../http/responses.ts";
import { checkoutDeps, inventoryStore } from "./wiring.ts";

const config = loadConfig();
const deps = { ...(await checkoutDeps(config)), inventory: inventoryStore(config) };

/** Availability changes with every adoption: a few seconds in CloudFront absorb bursts of page views. */
const AVAILABILITY_CACHE = "public, max-age=5, s-maxage=5";

export const handler = createHttpHandler(
  "adoptions",
  {
    "POST /api/adoptions/checkout": async (event) => {
      const request = readBody(event, adoptionRequestSchema, adoptionFormToRequest);
      return checkoutStarted(isFormPost(event), await startAdoption(deps, request, checkoutCaller(event)));
    },
    "GET /api/initiatives/{initiativeId}/availability": async (event) => {
      const initiativeId = parseWith(initiativeIdParam, event.pathParameters?.initiativeId);
      return json(200, await availability(deps, initiativeId), { "cache-control": AVAILABILITY_CACHE });
    },
  },
  config,
);
