import { z } from "zod";
import { loadConfig } from "../config.ts";
import { donationFormToRequest } from "../domain/donation-form.ts";
import { type DonationRequest, donationRequestSchema } from "../domain/donation-request.ts";
import { getCheckoutStatus, startDonation } from "../domain/donations.ts";
import { ValidationError } from "../domain/errors.ts";
import { findReceipt } from "../domain/receipts.ts";
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
import { toReceiptView } from "../receipts/receipt-view.ts";
import {
  checkoutGuardDeps,
  createCatalog,
  donationStore,
  newDonationId,
  paymentGateway,
  receiptStore,
  systemClock,
} from "./wiring.ts";

const config = loadConfig();
const deps = {
  catalog: createCatalog(),
  store: donationStore(config),
  payments: await paymentGateway(config),
  guard: await checkoutGuardDeps(config),
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

const receipts = { receipts: receiptStore(config) };

const receiptQuerySchema = z.object({
  receiptNumber: z.string().regex(/^\d{4}-\d{6}$/, { error: "receipt_not_found" }),
  key: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { error: "receipt_not_found" }),
});

const sessionIdSchema = z.string().regex(/^cs_[A-Za-z0-9_]{8,200}$/, { error: "session_id_invalid" });

export const handler = createHttpHandler(
  {
    "POST /api/checkout": async (event) => {
      const started = await startDonation(deps, readDonationRequest(event), {
        clientIp: clientIp(event),
        turnstileToken: turnstileToken(event),
      });
      return bodyKind(event) === "form" ? redirect(started.checkoutUrl) : json(201, started);
    },
    "GET /api/checkout/{sessionId}": async (event) => {
      const sessionId = parseWith(sessionIdSchema, event.pathParameters?.sessionId);
      return json(200, await getCheckoutStatus(deps, sessionId));
    },
    "GET /api/receipts/{receiptNumber}": async (event) => {
      const { receiptNumber, key } = parseWith(receiptQuerySchema, {
        receiptNumber: event.pathParameters?.receiptNumber,
        key: event.queryStringParameters?.k,
      });
      const receipt = await findReceipt(receipts, receiptNumber, key);
      // Personal data behind a key: never cached by CloudFront or the browser.
      return json(200, toReceiptView(receipt, deps.catalog.council()), {
        "cache-control": "private, no-store",
      });
    },
  },
  config,
);
