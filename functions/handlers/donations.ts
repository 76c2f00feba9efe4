import { z } from "zod";
import { receiptKey, receiptNumberParam, sessionIdParam } from "../../contract/api/donors.ts";
import { donationFormToRequest } from "../../contract/donations/form.ts";
import { donationRequestSchema } from "../../contract/donations/request.ts";
import { toReceiptView } from "../../contract/receipts/view.ts";
import { loadConfig } from "../config.ts";
import { getCheckoutStatus, startDonation } from "../domain/donations/donations.ts";
import { findReceipt } from "../domain/receipts/receipts.ts";
import { createHttpHandler } from "../http/handler.ts";
import { checkoutCaller, isFormPost, parseWith, readBody } from "../http/request.ts";
import { checkoutStarted, json } from "../http/responses.ts";
import { checkoutDeps, receiptStore } from "./wiring.ts";

const config = loadConfig();
const deps = await checkoutDeps(config);

const receipts = { receipts: receiptStore(config) };

const receiptQuery = z.object({ receiptNumber: receiptNumberParam, key: receiptKey });

export const handler = createHttpHandler(
  "donations",
  {
    "POST /api/checkout": async (event) => {
      // A form posted without JavaScript types the amount in major units; donationFormToRequest reads it.
      const request = readBody(event, donationRequestSchema, donationFormToRequest);
      return checkoutStarted(isFormPost(event), await startDonation(deps, request, checkoutCaller(event)));
    },
    "GET /api/checkout/{sessionId}": async (event) => {
      const sessionId = parseWith(sessionIdParam, event.pathParameters?.sessionId);
      return json(200, await getCheckoutStatus(deps, sessionId));
    },
    "GET /api/receipts/{receiptNumber}": async (event) => {
      const { receiptNumber, key } = parseWith(receiptQuery, {
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
