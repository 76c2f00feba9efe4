/**
 * Webhook throughput: Stripe events delivered to `POST /api/stripe/webhook` of the local stack, on a fresh
 * table in DynamoDB Local, a fixed number in flight. Every answer and the final ledger, totals and
 * receipts are checked, so no figure is reported for wrong behaviour.
 *
 * Handlers read their configuration once, at import, so a measurement needs a Node process of its own:
 * runBench calls measureWebhooksApart, which runs this file as `node bench/webhooks.ts --events N`.
 */
import { readdirSync } from "node:fs";
import type Stripe from "stripe";
import type { LocalStack } from "../local/stack.ts";
import { completedEvent, pendingDonation } from "../tests/support/stripe-events.ts";
import { measuredApart, parseCount, withBenchStack } from "./apart.ts";
import { checkOutcome, type WebhookChecks } from "./webhook-checks.ts";
import {
  invoicePaidEvent,
  monthlyAmount,
  oneTimeAmount,
  refundAmount,
  refundEvent,
} from "./webhook-events.ts";
import {
  type BurstFigures,
  deliverBurst,
  deliverPhase,
  inPool,
  type PhaseFigures,
  phaseFigures,
} from "./webhook-phases.ts";

export const DEFAULT_WEBHOOK_EVENTS = 500;
export const DEFAULT_WEBHOOK_CONCURRENCY = 8;
/** Payments delivered at once (as the integration test's 200 concurrent checkouts are), at most `events`. */
export const BURST_EVENTS = 200;

export interface WebhookOptions {
  /** Events per phase (and donations of each kind). */
  events: number;
  /** Requests in flight. */
  concurrency: number;
}

export interface WebhookFigures extends WebhookOptions {
  /** New payments, duplicates, refunds, monthly payments, then the receipt worker. */
  phases: PhaseFigures[];
  /**
   * Receipts not yet e-mailed when the new and the monthly payments ended: the worker's row counts these
   * and times the waits until every receipt was issued and e-mailed.
   */
  receiptsWaiting: number[];
  /** New payments all delivered at once, after the phases. */
  burst: BurstFigures;
  checks: WebhookChecks;
}

/** A count of events: a non-negative integer (0 skips the measurement). */
export const parseEventCount = (text: string, option: string): number => parseCount(text, option, "events");

const receiptMails = (outboxDir: string) =>
  readdirSync(outboxDir).filter((name) => name.startsWith("receipt-") && name.endsWith(".eml")).length;

/**
 * From the end of a payment phase until the stream is drained and all `expected` receipts are e-mailed
 * (the outbox mailer renames each message into place once written).
 */
async function awaitReceipts(stack: LocalStack, outboxDir: string, expected: number) {
  const started = performance.now();
  const waiting = expected - receiptMails(outboxDir);
  await stack.drainStreams();
  const deadline = Date.now() + 60_000;
  while (receiptMails(outboxDir) < expected) {
    if (Date.now() > deadline)
      throw new Error(`${receiptMails(outboxDir)} of ${expected} receipts e-mailed after draining`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { waitMs: performance.now() - started, waiting };
}

export async function measureWebhooks(
  options: WebhookOptions,
  log: (line: string) => void = () => {},
): Promise<WebhookFigures> {
  const { events, concurrency } = options;
  if (events < 1 || concurrency < 1)
    throw new Error("measureWebhooks needs at least one event and one in flight");
  // Every checkout comes from one address and one e-mail.
  const limitsOff = { CHECKOUT_LIMIT_PER_IP: "1000000", CHECKOUT_LIMIT_PER_EMAIL: "1000000" };
  return withBenchStack(limitsOff, async ({ url, stack, outboxDir }) => {
    log(`bench: webhooks: ${events} one-time and ${events} monthly checkouts`);
    const oneTime = await inPool(events, concurrency, (index) => pendingDonation(url, oneTimeAmount(index)));
    const monthly = await inPool(events, concurrency, (index) =>
      pendingDonation(url, monthlyAmount(index), "month"),
    );
    const burstSize = Math.min(events, BURST_EVENTS);
    // Amounts after the one-time gifts', so the checks tell every payment apart.
    const burstAmount = (index: number) => oneTimeAmount(events + index);
    const burstDonations = await inPool(burstSize, concurrency, (index) =>
      pendingDonation(url, burstAmount(index)),
    );

    const phase = async (name: string, list: Stripe.Event[], outcome: "recorded" | "duplicate") => {
      log(`bench: webhooks: ${name}`);
      const sample = await deliverPhase(url, list, concurrency, outcome);
      return { sample, figures: phaseFigures(name, list.length, sample) };
    };
    const completed = oneTime.map(({ donationId, sessionId }, index) =>
      completedEvent(donationId, sessionId, oneTimeAmount(index)),
    );
    const payments = await phase("new payments", completed, "recorded");
    const afterPayments = await awaitReceipts(stack, outboxDir, events);
    const duplicates = await phase("duplicates", completed, "duplicate");
    const refunds = await phase(
      "partial refunds",
      oneTime.map(({ donationId }, index) => refundEvent(donationId, index)),
      "recorded",
    );
    const invoices = await phase(
      "monthly payments",
      monthly.map(({ donationId }, index) => invoicePaidEvent(donationId, index)),
      "recorded",
    );
    const afterInvoices = await awaitReceipts(stack, outboxDir, 2 * events);
    log(`bench: webhooks: ${burstSize} new payments at once`);
    const burst = await deliverBurst(
      url,
      burstDonations.map(({ donationId, sessionId }, index) =>
        completedEvent(donationId, sessionId, burstAmount(index)),
      ),
    );
    await awaitReceipts(stack, outboxDir, 2 * events + burstSize);

    log("bench: webhooks: checking the ledger, totals and receipts");
    const checked = await checkOutcome(url, outboxDir, [
      ...oneTime.map(({ donationId }, index) => ({
        donationId,
        payment: oneTimeAmount(index),
        refund: refundAmount(index),
        paidAt: payments.sample.answeredAt[index] as number,
      })),
      ...monthly.map(({ donationId }, index) => ({
        donationId,
        payment: monthlyAmount(index),
        paidAt: invoices.sample.answeredAt[index] as number,
      })),
      ...burstDonations.map(({ donationId }, index) => ({
        donationId,
        payment: burstAmount(index),
        paidAt: burst.answeredAt[index] as number,
      })),
    ]);
    // The worker starts during a payment phase; its row times what was left when the payments stopped.
    const receipts = phaseFigures("receipt worker", afterPayments.waiting + afterInvoices.waiting, {
      wallMs: afterPayments.waitMs + afterInvoices.waitMs,
      latenciesMs: checked.paymentToEmailMs,
    });
    return {
      events,
      concurrency,
      phases: [payments.figures, duplicates.figures, refunds.figures, invoices.figures, receipts],
      receiptsWaiting: [afterPayments.waiting, afterInvoices.waiting],
      burst: burst.figures,
      checks: checked.checks,
    };
  });
}

/** measureWebhooks in a fresh Node process (this file), so this process's handlers and environment stay as they are. */
export const measureWebhooksApart = measuredApart(
  import.meta,
  "events",
  { events: DEFAULT_WEBHOOK_EVENTS, concurrency: DEFAULT_WEBHOOK_CONCURRENCY },
  measureWebhooks,
);
