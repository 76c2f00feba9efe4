import { z } from "zod";
import { loadConfig } from "../config.ts";
import { donationFormToRequest } from "../domain/donation-form.ts";
import { type DonationRequest, donationRequestSchema } from "../domain/donation-request.ts";
import { getCheckoutStatus, startDonation } from "../domain/donations.ts";
import { ValidationError } from "../domain/errors.ts";
import { createHttpHandler } from "../http/handler.ts";
import { bodyKind, type HttpEvent, parseFormBody, parseJsonBody, parseWith } from "../http/request.ts";
import { json, redirect } from "../http/responses.ts";
import { createCatalog, donationStore, newDonationId, paymentGateway, systemClock } from "./wiring.ts";

const config = loadConfig();
const deps = {
  catalog: createCatalog(),
  store: donationStore(config),
  payments: await paymentGateway(config),
  clock: systemClock,
  newId: newDonationId,
  publicBaseUrl: config.PUBLIC_BASE_URL,
};

/**
 * A form posted without JavaScript: the amount is typed in major units, unticked checkboxes are absent,
 * blank optional fields mean "not given". The island sends the same mapping as JSON.
 */
function formToRequest(form: Record<string, string>): unknown {
  return donationFormToRequest(form);
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
      const started = await startDonation(deps, readDonationRequest(event));
      return bodyKind(event) === "form" ? redirect(started.checkoutUrl) : json(201, started);
    },
    "GET /api/checkout/{sessionId}": async (event) => {
      const sessionId = parseWith(sessionIdSchema, event.pathParameters?.sessionId);
      return json(200, await getCheckoutStatus(deps, sessionId));
    },
  },
  config,
);
