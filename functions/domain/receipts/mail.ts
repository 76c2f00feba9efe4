import type { Council } from "../../../content/schema-org.ts";
import type { Mailer } from "../../../contract/receipts/document.ts";
import { renderDedicationCard } from "../../receipts/dedication-email.ts";
import { renderReceiptEmail } from "../../receipts/receipt-email.ts";
import type { Clock } from "../ports.ts";
import type { ReceiptStore, StoredReceipt } from "./receipts.ts";

export interface ReceiptMailDeps {
  receipts: ReceiptStore;
  council: Council;
  mailer: Mailer;
  clock: Clock;
  publicBaseUrl: string;
  timeZone: string;
  onFailure?: (receiptNumber: string, attempt: number, error: unknown) => void;
}

/** Long enough for one send; a worker that died mid-send lets another try after it. */
const MAIL_LEASE_SECONDS = 120;
/** A receipt whose e-mail keeps failing (a rejected address) stops being retried and stays findable. */
export const MAX_MAIL_ATTEMPTS = 5;
const BATCH = 25;
/** Bounds one invocation; the schedule picks up whatever is left. */
const MAX_ROUNDS = 40;

async function sendDedicationCard(deps: ReceiptMailDeps, receipt: StoredReceipt): Promise<void> {
  const notify = receipt.dedicationNotify;
  if (!notify || !receipt.dedication) return;
  if (!(await deps.receipts.claimDedicationCard(receipt.donationId))) return;
  try {
    await deps.mailer.send(
      renderDedicationCard({
        locale: receipt.locale,
        donationId: receipt.donationId,
        dedication: { ...receipt.dedication, notify },
        donorName: receipt.donor.name,
        fund: receipt.fund,
        council: deps.council,
      }),
    );
  } catch (error) {
    // Released, so the retry of this receipt sends the card too.
    await deps.receipts.releaseDedicationCard(receipt.donationId);
    throw error;
  }
}

/**
 * E-mails issued receipts that have not gone yet (and, with a donation's first receipt, its dedication
 * card). At least once: a worker that fails after sending leaves the e-mail to be sent again.
 */
export async function mailReceipts(deps: ReceiptMailDeps): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    let attempted = 0;
    for (const receipt of await deps.receipts.awaitingMail(BATCH)) {
      const now = deps.clock.now();
      const attempt = await deps.receipts.leaseMail(receipt.receiptNumber, now, MAIL_LEASE_SECONDS);
      if (attempt === undefined) continue;
      attempted += 1;
      if (await mailOne(deps, receipt, attempt)) sent += 1;
      else failed += 1;
    }
    // Nothing this worker could take: the rest is leased by others, or waits for its lease to end.
    if (attempted === 0) break;
  }
  return { sent, failed };
}

async function mailOne(deps: ReceiptMailDeps, receipt: StoredReceipt, attempt: number): Promise<boolean> {
  try {
    await sendDedicationCard(deps, receipt);
    const { dedicationNotify: _notify, emailedAt: _emailedAt, mailProblem: _problem, ...document } = receipt;
    await deps.mailer.send(
      renderReceiptEmail(document, deps.council, {
        publicBaseUrl: deps.publicBaseUrl,
        timeZone: deps.timeZone,
      }),
    );
    await deps.receipts.markMailed(receipt.receiptNumber, deps.clock.now().toISOString(), "sent");
    return true;
  } catch (error) {
    deps.onFailure?.(receipt.receiptNumber, attempt, error);
    if (attempt >= MAX_MAIL_ATTEMPTS) {
      await deps.receipts.markMailed(receipt.receiptNumber, deps.clock.now().toISOString(), "gaveUp");
    }
    return false;
  }
}
