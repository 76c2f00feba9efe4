import type { SNSEvent } from "aws-lambda";
import { parseSesEvent } from "../adapters/ses-events.ts";
import { loadConfig } from "../config.ts";
import { recordMailEvent } from "../domain/receipts/mail-events.ts";
import { logger } from "../http/logger.ts";
import { mailProblemStore } from "./wiring.ts";

const config = loadConfig();
const store = mailProblemStore(config);

/**
 * SES's bounces, complaints and rejections, through the configuration set's SNS topic. A message that
 * is not one of them is logged and dropped (retrying cannot change it); a failed write throws, so Lambda
 * retries the delivery. Logs say which e-mail (its kind and id), never to whom.
 */
export async function handler(event: SNSEvent): Promise<void> {
  for (const record of event.Records) {
    const mailEvent = parseSesEvent(record.Sns.Message);
    if (!mailEvent) {
      logger.warn("not an SES bounce, complaint or rejection", { snsMessageId: record.Sns.MessageId });
      continue;
    }
    const outcome = await recordMailEvent(store, mailEvent);
    logger.warn("e-mail not delivered", {
      kind: mailEvent.kind,
      ref: mailEvent.ref,
      problem: mailEvent.problem.type,
      detail: mailEvent.problem.detail,
      outcome,
    });
  }
}
