/**
 * Timing one phase of adoption checkouts: a fixed number in flight, each attempt from a donor of its own
 * (address and e-mail, so the rate limits are not what is measured), answered 201 (units or a share held)
 * or 409 `units_unavailable` (anything else throws), with its latency and DynamoDB call count; then the
 * phase reduced to figures.
 */
import { startAdoption } from "../tests/support/adoptions.ts";
import { inPool, percentile, type Spread, spread } from "./webhook-phases.ts";

export interface AdoptionPhaseFigures {
  phase: string;
  initiativeId: string;
  /** What a 201 held: whole units (one each) or a share of a unit. */
  holds: "units" | "shares";
  attempts: number;
  /** Requests in flight at once (all the attempts, for the last units). */
  inFlight: number;
  wallSeconds: number;
  perSecond: number;
  /** Attempts answered 201. */
  succeeded: number;
  /** Attempts answered 409 units_unavailable, and their share of all attempts. */
  conflicted: number;
  conflictShare: number;
  /** From `x-athar-dynamodb-calls`, for the 201s and the 409s apart; absent where there were none. */
  dynamodbCalls: { succeeded?: Spread; conflicted?: Spread };
  latency: { p50Ms: number; p95Ms: number };
}

export interface AttemptAnswer {
  status: 201 | 409;
  latencyMs: number;
  dynamodbCalls: number;
  /** What a 409 said was still free. */
  free?: number;
}

export interface AttemptSample {
  wallMs: number;
  /** In the order of the attempts. */
  answers: AttemptAnswer[];
}

export function adoptionPhaseFigures(
  phase: Pick<AdoptionPhaseFigures, "phase" | "initiativeId" | "holds" | "inFlight">,
  sample: AttemptSample,
): AdoptionPhaseFigures {
  const { answers } = sample;
  const callsOf = (status: 201 | 409) => {
    const calls = answers.filter((answer) => answer.status === status).map((answer) => answer.dynamodbCalls);
    return calls.length > 0 ? spread(calls) : undefined;
  };
  const succeeded = callsOf(201);
  const conflicted = callsOf(409);
  const conflictCount = answers.filter((answer) => answer.status === 409).length;
  const wallSeconds = sample.wallMs / 1000;
  const latencies = answers.map((answer) => answer.latencyMs);
  return {
    ...phase,
    attempts: answers.length,
    wallSeconds,
    perSecond: answers.length / wallSeconds,
    succeeded: answers.length - conflictCount,
    conflicted: conflictCount,
    conflictShare: conflictCount / answers.length,
    dynamodbCalls: { ...(succeeded ? { succeeded } : {}), ...(conflicted ? { conflicted } : {}) },
    latency: { p50Ms: percentile(latencies, 50), p95Ms: percentile(latencies, 95) },
  };
}

/**
 * The share sizes in complementary pairs, each pair making a whole unit: for 10000, 15000 and 20000 of
 * 30000, [10000, 20000, 15000, 15000]. Attempt i asks for element i modulo the length.
 */
export function complementaryShares(shareSizes: readonly number[], unitPrice: number): number[] {
  const pairs = shareSizes
    .filter((share) => share <= unitPrice - share && shareSizes.includes(unitPrice - share))
    .flatMap((share) => [share, unitPrice - share]);
  if (pairs.length === 0) throw new Error(`no two of the shares ${shareSizes.join(", ")} make ${unitPrice}`);
  return pairs;
}

/** Donors numbered across the process's phases, so no address or e-mail repeats. */
let donorsSoFar = 0;

function nextDonor() {
  const number = donorsSoFar;
  donorsSoFar += 1;
  return {
    donor: { name: `Adopter ${number}`, email: `adopter${number}@example.com` },
    locale: number % 2 ? "en" : "ar",
    address: `10.${(number >> 16) & 255}.${(number >> 8) & 255}.${number & 255}:443`,
  };
}

/**
 * Posts `attempts` adoption checkouts, `inFlight` at a time; requestOf(index) gives each its request
 * without the donor, which the phase adds. Throws on the first answer other than 201 or 409
 * `units_unavailable`, or one without its DynamoDB call count.
 */
export async function attemptPhase(
  baseUrl: string,
  attempts: number,
  inFlight: number,
  requestOf: (index: number) => Record<string, unknown>,
): Promise<AttemptSample> {
  const started = performance.now();
  const answers = await inPool(attempts, inFlight, async (index): Promise<AttemptAnswer> => {
    const { donor, locale, address } = nextDonor();
    const request = { ...requestOf(index), donor, locale };
    const sent = performance.now();
    const response = await startAdoption(baseUrl, request, { "cloudfront-viewer-address": address });
    const latencyMs = performance.now() - sent;
    const refused = response.status === 409 && response.body.error === "units_unavailable";
    if (response.status !== 201 && !refused)
      throw new Error(
        `adoption ${JSON.stringify(request)}: expected 201 or 409 units_unavailable, got ` +
          `${response.status} ${JSON.stringify(response.body)}`,
      );
    const dynamodbCalls = Number(response.headers.get("x-athar-dynamodb-calls"));
    if (!Number.isInteger(dynamodbCalls)) throw new Error(`adoption ${index}: no x-athar-dynamodb-calls`);
    if (!refused) return { status: 201, latencyMs, dynamodbCalls };
    return { status: 409, latencyMs, dynamodbCalls, free: Number(response.body.free) };
  });
  return { wallMs: performance.now() - started, answers };
}
