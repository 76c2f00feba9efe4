/**
 * `POST /api/auth/link` for an address that has given and for one that never did, alternating, on the
 * account bench's stack (bench/account.ts), each address asked for once. Only the answer is timed: the sign-in mail worker, which
 * e-mails the donor afterwards, is waited for between requests, untimed, so that it never runs beside a
 * timed request of either kind. The two medians should be alike, since the handler does the same work for
 * both (functions/domain/signin/signin.ts); each answer is checked (202), so no figure is reported for a refusal.
 */
import { readdirSync } from "node:fs";
import { postJson } from "../tests/support/donations.ts";
import type { BenchStack } from "./apart.ts";
import { percentile, type Spread, spread } from "./webhook-phases.ts";

/** Link requests per kind of address. */
export const SIGNIN_REQUESTS = 200;
const WARM_UP_REQUESTS = 10;

/** Limits high enough that no bench request is refused (read at the handlers' cold start). */
export const SIGNIN_BENCH_ENVIRONMENT = {
  SIGNIN_LIMIT_PER_IP: "100000",
  SIGNIN_LIMIT_PER_EMAIL: "100000",
};

export interface SignInAddressFigures {
  requests: number;
  medianMs: number;
  p95Ms: number;
  dynamodbCalls: Spread;
}

export interface SignInFigures {
  /** An address with a profile (a link is e-mailed), then one without (nothing is). */
  donor: SignInAddressFigures;
  stranger: SignInAddressFigures;
}

export function addressFigures(sample: {
  latenciesMs: number[];
  dynamodbCalls: number[];
}): SignInAddressFigures {
  return {
    requests: sample.latenciesMs.length,
    medianMs: percentile(sample.latenciesMs, 50),
    p95Ms: percentile(sample.latenciesMs, 95),
    dynamodbCalls: spread(sample.dynamodbCalls),
  };
}

/** The i-th donor's address: each request asks for a fresh one, as a prober would, so no per-address count differs. */
export const benchDonorEmail = (index: number) => `signin-donor-${index}@bench.example`;

/** Timed requests and warm-ups: donors to seed (bench/account.ts) before timing. */
export const SIGNIN_DONORS = WARM_UP_REQUESTS + SIGNIN_REQUESTS;

export async function timeSignInLinks(bench: BenchStack): Promise<SignInFigures> {
  const ask = async (email: string) => {
    const started = performance.now();
    const answer = await postJson(bench.url, "/api/auth/link", { email, locale: "ar" });
    const ms = performance.now() - started;
    if (answer.status !== 202) throw new Error(`a link request answered ${answer.status}`);
    await bench.stack.drainStreams();
    return { ms, calls: Number(answer.headers.get("x-athar-dynamodb-calls")) };
  };
  const samples = {
    donor: { latenciesMs: [] as number[], dynamodbCalls: [] as number[] },
    stranger: { latenciesMs: [] as number[], dynamodbCalls: [] as number[] },
  };
  for (let request = -WARM_UP_REQUESTS; request < SIGNIN_REQUESTS; request += 1) {
    for (const kind of ["donor", "stranger"] as const) {
      const index = request + WARM_UP_REQUESTS;
      const { ms, calls } = await ask(
        kind === "donor" ? benchDonorEmail(index) : `stranger-${index}@bench.example`,
      );
      if (request < 0) continue;
      samples[kind].latenciesMs.push(ms);
      samples[kind].dynamodbCalls.push(calls);
    }
  }
  // Every link reached the donor and none a stranger: the work after the answer was done, and right.
  const mails = readdirSync(bench.outboxDir).filter((name) => name.startsWith("signin-")).length;
  if (mails !== SIGNIN_DONORS)
    throw new Error(`${mails} sign-in e-mails for ${SIGNIN_DONORS} donor requests`);
  return { donor: addressFigures(samples.donor), stranger: addressFigures(samples.stranger) };
}
