import { z } from "zod";
import type { OutgoingEmail } from "../../contract/receipts/document.ts";
import type { MailEvent } from "../domain/receipts/mail-events.ts";

/**
 * Reads one event record SES publishes to SNS from a configuration set (its documented "eventType"
 * records; the configuration set publishes Bounce, Complaint and Reject). Only SES's field names live
 * here; addresses and diagnostic texts are never kept.
 */

const tags = z.record(z.string(), z.array(z.string())).optional();
const mail = z.object({ timestamp: z.string(), messageId: z.string(), tags });

const sesEvent = z.discriminatedUnion("eventType", [
  z.object({
    eventType: z.literal("Bounce"),
    mail,
    bounce: z.object({ bounceType: z.string(), bounceSubType: z.string(), timestamp: z.string() }),
  }),
  z.object({
    eventType: z.literal("Complaint"),
    mail,
    complaint: z.object({
      timestamp: z.string(),
      complaintFeedbackType: z.string().optional(),
      complaintSubType: z.string().nullish(),
    }),
  }),
  z.object({ eventType: z.literal("Reject"), mail, reject: z.object({ reason: z.string() }) }),
]);

const KINDS = new Set<string>(["receipt", "dedication", "signin"] satisfies OutgoingEmail["kind"][]);

/** The event in an SNS message's text, or undefined for anything that is not one of SES's three. */
export function parseSesEvent(message: string): MailEvent | undefined {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return undefined;
  }
  const parsed = sesEvent.safeParse(json);
  if (!parsed.success) return undefined;
  const event = parsed.data;
  const tag = (name: string) => event.mail.tags?.[name]?.[0];
  const kind = tag("kind");
  const base = {
    kind: kind && KINDS.has(kind) ? (kind as OutgoingEmail["kind"]) : undefined,
    ref: tag("ref"),
  };
  switch (event.eventType) {
    case "Bounce":
      return {
        ...base,
        problem: {
          type: "bounce",
          detail: `${event.bounce.bounceType}/${event.bounce.bounceSubType}`,
          at: event.bounce.timestamp,
        },
      };
    case "Complaint":
      return {
        ...base,
        problem: {
          type: "complaint",
          detail: event.complaint.complaintFeedbackType ?? "unspecified",
          at: event.complaint.timestamp,
        },
      };
    case "Reject":
      return { ...base, problem: { type: "reject", detail: event.reject.reason, at: event.mail.timestamp } };
  }
}
