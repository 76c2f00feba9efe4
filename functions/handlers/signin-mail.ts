import { z } from "zod/mini";
import { LOCALE_CODES, type Locale } from "../../content/locales.ts";
import { loadConfig } from "../config.ts";
import { sendSignInLink } from "../domain/signin/mail.ts";
import { logger } from "../http/logger.ts";
import { createStreamWorker } from "../streams/worker.ts";
import { signInMailDeps } from "./wiring.ts";

const config = loadConfig();
const deps = await signInMailDeps(config);

/** The request item as functions/table/signin/signin-store.ts writes it. */
const requestItem = z.object({
  requestId: z.string(),
  email: z.string(),
  locale: z.enum(LOCALE_CODES as [Locale, ...Locale[]]),
  requestedAt: z.iso.datetime(),
});

/**
 * Woken by link requests (from its queue, fed by the table's stream), one record at a time so that a
 * failed e-mail is retried alone. No schedule: the queue's retries are the catch-up, and a request older
 * than a link's life is dropped anyway. Logs the outcome and the request id, never the address.
 */
export const handler = createStreamWorker({
  name: "sign-in link request",
  image: "NewImage",
  item: requestItem,
  async handle([request]) {
    const outcome = await sendSignInLink(deps, { ...request, requestedAt: new Date(request.requestedAt) });
    logger.info("sign-in link request handled", { requestId: request.requestId, outcome });
  },
});
