import { z } from "zod";
import { loadConfig } from "../config.ts";
import { availability, startAdoption } from "../domain/adoption.ts";
import { adoptionFormToRequest } from "../domain/adoption-form.ts";
import { adoptionRequestSchema } from "../domain/adoption-request.ts";
import { createHttpHandler } from "../http/handler.ts";
import { bodyKind, clientIp, parseWith, readBody, turnstileToken } from "../http/request.ts";
import { json, redirect } from "../http/responses.ts";
import {
  checkoutGuardDeps,
  createCatalog,
  donationStore,
  inventoryStore,
  newDonationId,
  paymentGateway,
  systemClock,
} from "./wiring.ts";

const config = loadConfig();
const deps = {
  catalog: createCatalog(),
  store: donationStore(config),
  payments: await paymentGateway(config),
  guard: await checkoutGuardDeps(config),
  inventory: inventoryStore(config),
  clock: systemClock,
  newId: newDonationId,
  publicBaseUrl: config.PUBLIC_BASE_URL,
};

const initiativeIdSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "initiative_unknown" });

/** Availability changes with every adoption: a few seconds in CloudFront absorb bursts of page views. */
const AVAILABILITY_CACHE = "public, max-age=5, s-maxage=5";

export const handler = createHttpHandler(
  {
    "POST /api/adoptions/checkout": async (event) => {
      const request = readBody(event, adoptionRequestSchema, adoptionFormToRequest);
      const started = await startAdoption(deps, request, {
        clientIp: clientIp(event),
        turnstileToken: turnstileToken(event),
      });
      return bodyKind(event) === "form" ? redirect(started.checkoutUrl) : json(201, started);
    },
    "GET /api/initiatives/{initiativeId}/availability": async (event) => {
      const initiativeId = parseWith(initiativeIdSchema, event.pathParameters?.initiativeId);
      return json(200, await availability(deps, initiativeId), { "cache-control": AVAILABILITY_CACHE });
    },
  },
  config,
);
