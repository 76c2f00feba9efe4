import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBStreamEvent, ScheduledEvent } from "aws-lambda";
import { loadConfig } from "../config.ts";
import { yearIn } from "../domain/payment-events.ts";
import { mailReceipts } from "../domain/receipt-mail.ts";
import { issueReceipts } from "../domain/receipts.ts";
import { logger } from "../http/logger.ts";
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

/** The years a batch of receipt requests belongs to (almost always one). */
function yearsOf(event: DynamoDBStreamEvent): number[] {
  const years = new Set<number>();
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (image) years.add(Number(unmarshall(image as Parameters<typeof unmarshall>[0]).year));
  }
  return [...years].filter(Number.isInteger);
}

/**
 * Woken by receipt requests on the table's stream, and every few minutes by a schedule that catches up
 * after failures (this year and last). Issuing and mailing are idempotent, so overlapping runs are safe.
 */
export async function handler(event: DynamoDBStreamEvent | ScheduledEvent): Promise<void> {
  const now = systemClock.now();
  const thisYear = yearIn(config.COUNCIL_TIME_ZONE, now.toISOString());
  const years = "Records" in event ? yearsOf(event) : [thisYear - 1, thisYear];
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
