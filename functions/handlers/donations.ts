import { z } from "zod";
import { loadConfig } from "../config.ts";
import { getCheckoutStatus, startDonation } from "../domain/donations/donations.ts";
import { donationFormToRequest } from "../domain/donations/form.ts";
import { donationRequestSchema } from "../domain/donations/request.ts";
import { findReceipt } from "../domain/receipts/receipts.ts";
import { createHttpHandler } from "../http/handler.ts";
import { checkoutCaller, isFormPost, parseWith, readBody } from "../http/request.ts";
import { checkoutStarted, json } from "../http/responses.ts";
import { toReceiptView } from "../receipts/receipt-view.ts";
import { checkoutDeps, receiptStore } from "./wiring.ts";

const config = loadConfig();
const deps = await checkoutDeps(config);

const receipts = { receipts: receiptStore(config) };

const receiptQuerySchema = z.object({
  receiptNumber: z.string().regex(/^\d{4}-\d{6}$/, { error: "receipt_not_found" }),
  key: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { error: "receipt_not_found" }),
});

const sessionIdSchema = z.string().regex(/^cs_[A-Za-z0-9_]{8,200}$/, { error: "session_id_invalid" });

export const handler = createHttpHandler(
  "donations",
  {
    "POST /api/checkout": async (event) => {
      // A form posted without JavaScript types the amount in major units; donationFormToRequest reads it.
      const request = readBody(event, donationRequestSchema, donationFormToRequest);
      return checkoutStarted(isFormPost(event), await startDonation(deps, request, checkoutCaller(event)));
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
