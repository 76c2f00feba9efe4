import { z } from "zod";
import { loadConfig } from "../config.ts";
import { openBillingPortal } from "../domain/monthly-portal.ts";
import { assertSameOrigin, readDonorSession } from "../http/donor-session.ts";
import { createHttpHandler } from "../http/handler.ts";
import { isFormPost, parseWith } from "../http/request.ts";
import { json, redirect } from "../http/responses.ts";
import { donationStore, donorSessionDeps, paymentGateway, sessionEpochReader } from "./wiring.ts";

const config = loadConfig();
const session = await donorSessionDeps(config);
const portal = {
  donations: donationStore(config),
  epochs: sessionEpochReader(config),
  payments: await paymentGateway(config),
  publicBaseUrl: session.publicBaseUrl,
};

const donationIdSchema = z.string().regex(/^don_[0-9A-Za-z]{1,64}$/, { error: "donation_not_found" });

export const handler = createHttpHandler(
  {
    "POST /api/me/monthly/{donationId}/manage": async (event) => {
      assertSameOrigin(event, session.publicBaseUrl);
      const donor = await readDonorSession(event, session.sessionKeys, session.clock.now());
      const donationId = parseWith(donationIdSchema, event.pathParameters?.donationId);
      const { url } = await openBillingPortal(portal, donor, donationId);
      // A form posted without JavaScript goes straight to the portal; a script gets the address.
      return isFormPost(event) ? redirect(url) : json(200, { url });
    },
  },
  config,
);
