/**
 * What Amazon SES tells us after it accepted an e-mail: the recipient's server refused it for good (a
 * permanent bounce), for now (a transient one, after SES's own retries), the recipient marked it as
 * spam (a complaint), or SES refused to send it. SES itself stops sending to bounced and complaining
 * addresses (the configuration set's suppression list); this records the problem on the receipt, so
 * nobody takes an undelivered receipt for a delivered one.
 */
import type { OutgoingEmail } from "../../../contract/receipts/document.ts";

export interface MailProblem {
  type: "bounce" | "complaint" | "reject";
  /** SES's own words: "Permanent/NoEmail", "Transient/MailboxFull", "abuse", "Bad content"… */
  detail: string;
  /** When the recipient's server or SES said so (ISO 8601). */
  at: string;
}

/** One event about one e-mail, as read from SES's notification (functions/adapters/ses-events.ts). */
export interface MailEvent {
  /** The `kind` and `ref` tags every e-mail is sent with (OutgoingEmail's kind and id). */
  kind: OutgoingEmail["kind"] | undefined;
  ref: string | undefined;
  problem: MailProblem;
}

export interface MailProblemStore {
  /** Notes the problem on the issued receipt; false when there is no such receipt. */
  noteReceiptMailProblem(receiptNumber: string, problem: MailProblem): Promise<boolean>;
}

export type MailEventOutcome = "recorded" | "unknownReceipt" | "notRecorded";

const RECEIPT_REF = /^receipt-(\d{4}-\d{6,})$/;

/**
 * A receipt's e-mail problem is kept on the receipt. Problems with dedication cards and sign-in links
 * have nothing of ours to mark (the donor simply asks again), so they are only counted in the logs.
 */
export async function recordMailEvent(store: MailProblemStore, event: MailEvent): Promise<MailEventOutcome> {
  const receiptNumber = event.kind === "receipt" ? RECEIPT_REF.exec(event.ref ?? "")?.[1] : undefined;
  if (!receiptNumber) return "notRecorded";
  return (await store.noteReceiptMailProblem(receiptNumber, event.problem)) ? "recorded" : "unknownReceipt";
}
