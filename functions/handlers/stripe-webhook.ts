import { loadConfig } from "../config.ts";
import { handlePaymentEvent } from "../domain/donations/payment-events.ts";
import { createHttpHandler } from "../http/handler.ts";
import { logger } from "../http/logger.ts";
import { header, rawBody } from "../http/request.ts";
import { json } from "../http/responses.ts";
import {
  createCatalog,
  donationStore,
  inventoryStore,
  paymentGateway,
  systemClock,
  unfulfilledStore,
} from "./wiring.ts";

const config = loadConfig();
const payments = await paymentGateway(config);
const deps = {
  store: donationStore(config),
  payments,
  timeZone: config.COUNCIL_TIME_ZONE,
  adoption: {
    inventory: inventoryStore(config),
    catalog: createCatalog(),
    payments,
    clock: systemClock,
    maxFailedPayments: config.ADOPTION_MAX_FAILED_PAYMENTS,
  },
  unfulfilled: { store: unfulfilledStore(config), clock: systemClock },
};

export const handler = createHttpHandler(
  "stripeWebhook",
  {
    "POST /api/stripe/webhook": async (event) => {
      // The signature covers the exact bytes Stripe sent, so verify before any parsing.
      const paymentEvent = payments.parseWebhookEvent(rawBody(event), header(event, "stripe-signature"));
      const outcome = await handlePaymentEvent(deps, paymentEvent);
      if (outcome === "unknown_donation")
        logger.warn("payment event for an unknown donation", {
          eventId: paymentEvent.id,
          type: paymentEvent.providerType,
        });
      return json(200, { received: true, outcome });
    },
  },
  config,
);
