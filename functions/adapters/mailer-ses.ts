import { type SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import type { Mailer } from "../../contract/receipts/document.ts";
import { EmailDeliveryError } from "../receipts/errors.ts";
import { composeMime, type Sender } from "../receipts/mime.ts";

export interface SesMailerOptions {
  client: SESv2Client;
  /** A sender SES has verified (the address, or its domain). */
  from: Sender;
  configurationSet?: string;
}

/** AWS: the same MIME bytes as the local outbox, sent raw through Amazon SES (v2 API). */
export function createSesMailer({ client, from, configurationSet }: SesMailerOptions): Mailer {
  return {
    async send(message) {
      const raw = await composeMime(message, from);
      try {
        await client.send(
          new SendEmailCommand({
            FromEmailAddress: from.email,
            Destination: { ToAddresses: [message.to.email] },
            Content: { Raw: { Data: raw } },
            ConfigurationSetName: configurationSet,
            // SES hands the tags back with a bounce or complaint, so functions/adapters/ses-events.ts can
            // tell which receipt it was about without an address (ids are letters, digits and dashes).
            EmailTags: [
              { Name: "kind", Value: message.kind },
              { Name: "ref", Value: message.id },
            ],
          }),
        );
      } catch (error) {
        const reason = error instanceof Error ? error.name : "unknown";
        throw new EmailDeliveryError(`SES did not accept ${message.kind} e-mail ${message.id} (${reason})`, {
          cause: error,
        });
      }
    },
  };
}
