import { z } from "zod/mini";
import { loadConfig } from "../config.ts";
import { yearIn } from "../domain/donations/payment-events.ts";
import { mailReceipts } from "../domain/receipts/mail.ts";
import { issueReceipts } from "../domain/receipts/receipts.ts";
import { logger } from "../http/logger.ts";
import { createStreamWorker } from "../streams/worker.ts";
import { createCatalog, mailer, newAccessToken, receiptStore, systemClock } from "./wiring.ts";

const config = loadConfig();
const catalog = createCatalog();
const receipts = receiptStore(config);
const deps = { receipts, catalog, clock: systemClock, newToken: newAccessToken };
const mailDeps = {
  receipts,
  council: catalog.council(),
  mailer: mailer(config, catalog),
  clock: systemClock,
  publicBaseUrl: config.PUBLIC_BASE_URL,
  timeZone: config.COUNCIL_TIME_ZONE,
  // No address or name: the receipt number is enough to find it.
  onFailure: (receiptNumber: string, attempt: number, error: unknown) =>
    logger.error("receipt e-mail failed", { receiptNumber, attempt, error: (error as Error).name }),
};

async function issueAndMail(years: number[]): Promise<void> {
  for (const year of years) {
    const issued = await issueReceipts(deps, year);
    if (issued.length > 0) {
      logger.info("receipts issued", {
        year,
        count: issued.length,
        first: issued[0]?.receiptNumber,
        last: issued.at(-1)?.receiptNumber,
      });
    }
  }
  // Then e-mail whatever is issued and not sent yet (this batch's, and any a failed run left).
  const { sent, failed } = await mailReceipts(mailDeps);
  if (sent + failed > 0) logger.info("receipt e-mails", { sent, failed });
}

/**
 * Woken by receipt requests (from its queue, fed by the table's stream), and every few minutes by a
 * schedule that catches up after failures (this year and last). The requests only wake it: it issues what
 * the year's queue holds, so a batch's requests of one year are handled as one. Issuing and mailing are
 * idempotent, so overlapping runs are safe.
 */
export const handler = createStreamWorker({
  name: "receipt",
  image: "NewImage",
  item: z.object({ year: z.number().check(z.int()) }),
  groupBy: (request) => String(request.year),
  async handle([request]) {
    await issueAndMail([request.year]);
  },
  async onSchedule() {
    const thisYear = yearIn(config.COUNCIL_TIME_ZONE, systemClock.now().toISOString());
    await issueAndMail([thisYear - 1, thisYear]);
  },
});
