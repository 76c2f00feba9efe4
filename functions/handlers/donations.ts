import { z } from "zod";
import { loadConfig } from "../config.ts";
import { guardCheckout } from "../domain/checkout-guard.ts";
import { type DonationRequest, donationRequestSchema } from "../domain/donation-request.ts";
import { getCheckoutStatus, startDonation } from "../domain/donations.ts";
import { ValidationError } from "../domain/errors.ts";
import { parseMajorAmount } from "../domain/money.ts";
import { createHttpHandler } from "../http/handler.ts";
import {
  bodyKind,
  clientIp,
  type HttpEvent,
  parseFormBody,
  parseJsonBody,
  parseWith,
  turnstileToken,
} from "../http/request.ts";
import { json, redirect } from "../http/responses.ts";
import {
  checkoutGuardDeps,
  createCatalog,
  donationStore,
  newDonationId,
  paymentGateway,
  systemClock,
} from "./wiring.ts";

const config = loadConfig();
const deps = {
  catalog: createCatalog(),
  store: donationStore(config),
  payments: await paymentGateway(config),
  clock: systemClock,
  newId: newDonationId,
  publicBaseUrl: config.PUBLIC_BASE_URL,
};
const guard = await checkoutGuardDeps(config);

/** A form posted without JavaScript types the amount in major units; the JSON API sends minor units. */
function formToRequest(form: Record<string, string>): unknown {
  const currency = form.currency ?? "";
  return {
    initiativeId: form.initiativeId,
    amount: { value: parseMajorAmount(form.amount ?? "", currency) ?? Number.NaN, currency },
    interval: form.interval || undefined,
    designation: form.designation || undefined,
    donor: { name: form.name, email: form.email },
    locale: form.locale || undefined,
    website: form.website,
  };
}

function readDonationRequest(event: HttpEvent): DonationRequest {
  const kind = bodyKind(event);
  if (kind === "json") return parseWith(donationRequestSchema, parseJsonBody(event));
  if (kind === "form") return parseWith(donationRequestSchema, formToRequest(parseFormBody(event)));
  throw new ValidationError([{ field: "body", code: "unsupported_media_type" }]);
}

const sessionIdSchema = z.string().regex(/^cs_[A-Za-z0-9_]{8,200}$/, { error: "session_id_invalid" });

export const handler = createHttpHandler(
  {
    "POST /api/checkout": async (event) => {
      const request = readDonationRequest(event);
      await guardCheckout(guard, {
        clientIp: clientIp(event),
        email: request.donor.email,
        turnstileToken: turnstileToken(event),
        now: systemClock.now(),
      });
      const started = await startDonation(deps, request);
      return bodyKind(event) === "form" ? redirect(started.checkoutUrl) : json(201, started);
    },
    "GET /api/checkout/{sessionId}": async (event) => {
      const sessionId = parseWith(sessionIdSchema, event.pathParameters?.sessionId);
      return json(200, await getCheckoutStatus(deps, sessionId));
    },
  },
  config,
);
