/**
 * Timing one phase of webhook deliveries: a fixed number in flight, each response checked (200 and the
 * expected outcome) and its latency and DynamoDB call count kept; then the phase reduced to figures.
 */
import type Stripe from "stripe";
import { redeliverUntilTaken } from "../local/stripe/webhook-sender.ts";
import { postWebhook, signedDelivery } from "../tests/support/stripe-events.ts";

export interface Spread {
  min: number;
  mean: number;
  max: number;
}

export interface PhaseFigures {
  phase: string;
  events: number;
  wallSeconds: number;
  perSecond: number;
  /** From `x-athar-dynamodb-calls`; absent for the receipt worker, whose calls no response reports. */
  dynamodbCalls?: Spread;
  /** Request latency for deliveries; payment answered → receipt e-mailed for the receipt worker. */
  latency: { p50Ms: number; p95Ms: number };
}

/** What a phase leaves behind for figures and for the checks that follow it. */
export interface PhaseSample {
  wallMs: number;
  latenciesMs: number[];
  dynamodbCalls: number[];
  /** Epoch ms at which each event's response arrived, in the order of the events. */
  answeredAt: number[];
}

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error("percentile of an empty list");
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error("spread of an empty list");
  return {
    min: Math.min(...values),
    mean: values.reduce((sum, value) => sum + value, 0) / values.length,
    max: Math.max(...values),
  };
}

export function phaseFigures(
  phase: string,
  events: number,
  sample: Pick<PhaseSample, "wallMs" | "latenciesMs"> & { dynamodbCalls?: number[] },
): PhaseFigures {
  const wallSeconds = sample.wallMs / 1000;
  return {
    phase,
    events,
    wallSeconds,
    perSecond: events / wallSeconds,
    ...(sample.dynamodbCalls ? { dynamodbCalls: spread(sample.dynamodbCalls) } : {}),
    latency: { p50Ms: percentile(sample.latenciesMs, 50), p95Ms: percentile(sample.latenciesMs, 95) },
  };
}

/** Runs task(0..count-1) with at most `concurrency` in flight; results in index order. */
export async function inPool<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

/**
 * Delivers every event as Stripe does (signed just before sending, so a retry carries a fresh signature
 * on the same bytes) and throws on the first answer that is not 200 with the expected outcome.
 */
export async function deliverPhase(
  baseUrl: string,
  events: readonly Stripe.Event[],
  concurrency: number,
  expectedOutcome: "recorded" | "duplicate",
): Promise<PhaseSample> {
  const started = performance.now();
  const answers = await inPool(events.length, concurrency, async (index) => {
    const event = events[index] as Stripe.Event;
    const delivery = signedDelivery(event);
    const sent = performance.now();
    const response = await postWebhook(baseUrl, delivery);
    const latencyMs = performance.now() - sent;
    if (response.status !== 200 || response.body.outcome !== expectedOutcome) {
      throw new Error(
        `${event.type} ${event.id}: expected 200 "${expectedOutcome}", got ${response.status} ` +
          JSON.stringify(response.body),
      );
    }
    const calls = Number(response.headers.get("x-athar-dynamodb-calls"));
    if (!Number.isInteger(calls)) throw new Error(`${event.type} ${event.id}: no x-athar-dynamodb-calls`);
    return { latencyMs, calls, answeredAt: Date.now() };
  });
  return {
    wallMs: performance.now() - started,
    latenciesMs: answers.map((answer) => answer.latencyMs),
    dynamodbCalls: answers.map((answer) => answer.calls),
    answeredAt: answers.map((answer) => answer.answeredAt),
  };
}

/** Payments all delivered at the same moment, as a campaign's last minutes bring them. */
export interface BurstFigures {
  events: number;
  /** Taken at the first delivery; the others needed Stripe's redelivery. */
  takenFirstTime: number;
  /** The most attempts one event needed. */
  mostAttempts: number;
  wallSeconds: number;
}

/**
 * Delivers every event at once, redelivering what is not taken as Stripe does, and counts how many were
 * taken the first time: that share falls as the machine gets busier, which is why it is measured here and
 * not asserted by a test. Throws when an event is not taken within Stripe's attempts, or is answered
 * other than "recorded" (or "duplicate" after an attempt that committed before failing).
 */
export async function deliverBurst(
  baseUrl: string,
  events: readonly Stripe.Event[],
): Promise<{ figures: BurstFigures; answeredAt: number[] }> {
  const started = performance.now();
  const answers = await Promise.all(
    events.map(async (event) => {
      const delivered = await redeliverUntilTaken(async () => {
        const answer = await postWebhook(baseUrl, signedDelivery(event)).catch(() => undefined);
        return { taken: answer?.status === 200, answer };
      });
      const outcome = delivered.answer?.body.outcome;
      const expected = delivered.attempts === 1 ? ["recorded"] : ["recorded", "duplicate"];
      if (!delivered.taken || !expected.includes(String(outcome))) {
        throw new Error(
          `${event.type} ${event.id}: after ${delivered.attempts} attempts, ${delivered.answer?.status ?? "no answer"} ` +
            JSON.stringify(delivered.answer?.body ?? {}),
        );
      }
      return { attempts: delivered.attempts, answeredAt: Date.now() };
    }),
  );
  return {
    figures: {
      events: events.length,
      takenFirstTime: answers.filter((answer) => answer.attempts === 1).length,
      mostAttempts: Math.max(...answers.map((answer) => answer.attempts)),
      wallSeconds: (performance.now() - started) / 1000,
    },
    answeredAt: answers.map((answer) => answer.answeredAt),
  };
}
