/**
 * What the webhook bench checks after its phases: each donation's ledger holds exactly its movements, the
 * public totals equal payments minus refunds, and every payment has one receipt, e-mailed. Throws on the
 * first difference, so the bench reports no figures for wrong behaviour.
 */
import { readdirSync } from "node:fs";
import { tableReader } from "../tests/support/table-reader.ts";
import { inPool } from "./webhook-phases.ts";

/** One donation as the bench paid it, in SAR minor units. */
export interface ExpectedDonation {
  donationId: string;
  payment: number;
  refund?: number;
  /** Epoch ms at which the payment's webhook delivery was answered. */
  paidAt: number;
}

export interface WebhookChecks {
  /** Ledger entries found, each matching a payment or refund the bench delivered. */
  ledgerEntries: number;
  /** `GET /api/stats` currencies: SAR raised (payments − refunds) and payments counted. */
  raisedSar: number;
  payments: number;
  /** Receipts issued, one per payment, each e-mailed. */
  receipts: number;
}

/** Reads in parallel, but not so many at once that DynamoDB Local queues them. */
const READERS = 16;

function fail(message: string): never {
  throw new Error(`webhook bench: ${message}`);
}

async function checkLedgers(
  table: ReturnType<typeof tableReader>,
  donations: readonly ExpectedDonation[],
): Promise<number> {
  const ledgers = await inPool(donations.length, READERS, (index) =>
    table.ledgerEntries((donations[index] as ExpectedDonation).donationId),
  );
  let entries = 0;
  for (const [index, ledger] of ledgers.entries()) {
    const { donationId, payment, refund } = donations[index] as ExpectedDonation;
    const found = ledger.map((entry) => `${entry.kind} ${entry.signedAmount}`).sort();
    const expected = [`payment ${payment}`, ...(refund === undefined ? [] : [`refund ${-refund}`])];
    if (found.join(", ") !== expected.join(", "))
      fail(`${donationId}: ledger has [${found.join(", ")}], expected [${expected.join(", ")}]`);
    entries += ledger.length;
  }
  return entries;
}

async function checkTotals(baseUrl: string, donations: readonly ExpectedDonation[]) {
  const response = await fetch(`${baseUrl}/api/stats`);
  if (response.status !== 200) fail(`GET /api/stats answered ${response.status}`);
  const { currencies } = (await response.json()) as {
    currencies: { raised: Record<string, number>; donations: number };
  };
  const raisedSar = donations.reduce((sum, donation) => sum + donation.payment - (donation.refund ?? 0), 0);
  const currenciesSeen = Object.keys(currencies.raised).join(", ");
  if (
    currenciesSeen !== "SAR" ||
    currencies.raised.SAR !== raisedSar ||
    currencies.donations !== donations.length
  )
    fail(
      `stats say ${JSON.stringify(currencies)}, expected SAR ${raisedSar} from ${donations.length} payments`,
    );
  return { raisedSar, payments: donations.length };
}

/** Every payment's receipt, with the time from its payment being answered to its e-mail. */
async function checkReceipts(
  table: ReturnType<typeof tableReader>,
  outboxDir: string,
  donations: readonly ExpectedDonation[],
) {
  const found = await inPool(donations.length, READERS, (index) =>
    table.receiptsOf((donations[index] as ExpectedDonation).donationId),
  );
  const numbers = new Set<string>();
  const paymentToEmailMs = found.map((receipts, index) => {
    const { donationId, payment, paidAt } = donations[index] as ExpectedDonation;
    const [receipt, ...others] = receipts;
    if (!receipt || others.length > 0) fail(`${donationId}: ${receipts.length} receipts, expected 1`);
    const amount = receipt.amount as { value: number; currency: string };
    if (amount.value !== payment || amount.currency !== "SAR")
      fail(`${donationId}: receipt for ${JSON.stringify(amount)}, expected SAR ${payment}`);
    if (typeof receipt.emailedAt !== "string") fail(`receipt ${receipt.receiptNumber} was not e-mailed`);
    numbers.add(String(receipt.receiptNumber));
    return Date.parse(receipt.emailedAt) - paidAt;
  });
  if (numbers.size !== donations.length) fail(`${numbers.size} receipt numbers for ${donations.length}`);
  const mails = readdirSync(outboxDir).filter((name) => name.startsWith("receipt-"));
  const mailed = new Set(mails.map((name) => name.replace(/^receipt-|\.eml$/g, "")));
  if (mails.length !== numbers.size || [...numbers].some((number) => !mailed.has(number)))
    fail(`the outbox holds ${mails.length} receipts, not one for each of the ${numbers.size} issued`);
  return paymentToEmailMs;
}

export async function checkOutcome(
  baseUrl: string,
  outboxDir: string,
  donations: readonly ExpectedDonation[],
): Promise<{ checks: WebhookChecks; paymentToEmailMs: number[] }> {
  const table = tableReader();
  try {
    const ledgerEntries = await checkLedgers(table, donations);
    const totals = await checkTotals(baseUrl, donations);
    const paymentToEmailMs = await checkReceipts(table, outboxDir, donations);
    return { checks: { ledgerEntries, ...totals, receipts: paymentToEmailMs.length }, paymentToEmailMs };
  } finally {
    table.close();
  }
}
