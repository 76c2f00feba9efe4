/**
 * Adoption under contention: `POST /api/adoptions/checkout` of the local stack, on a fresh table in
 * DynamoDB Local, in three phases: every attempt at once for an initiative's last units, a fixed number in
 * flight where units are plenty, and shares of shared units. After each phase the inventory is checked
 * (adoption-checks.ts), so no figure is reported for wrong behaviour.
 *
 * Handlers read their configuration once, at import: runBench calls measureAdoptionsApart, which runs
 * this file as `node bench/adoptions.ts --attempts N --concurrency C`.
 */
import type { Money } from "../contract/money.ts";
import { adoptionRequest, availabilityOf, MONTHLY_ORPHANS, TEN_UNITS } from "../tests/support/adoptions.ts";
import { tableReader } from "../tests/support/table-reader.ts";
import {
  type AdoptionChecks,
  checkSharedUnits,
  checkWholeUnits,
  storedInventory,
} from "./adoption-checks.ts";
import {
  type AdoptionPhaseFigures,
  adoptionPhaseFigures,
  attemptPhase,
  complementaryShares,
} from "./adoption-phases.ts";
import { measuredApart, parseCount, withBenchStack } from "./apart.ts";

export const DEFAULT_ADOPTION_ATTEMPTS = 500;
export const DEFAULT_ADOPTION_CONCURRENCY = 8;
/** 200 units of one kit each, paid once: plenty for most attempts. */
export const PLENTY_OF_UNITS = "productive-family-kits";

export interface AdoptionOptions {
  /** Attempts per phase. */
  attempts: number;
  /** Requests in flight where units are plenty and for shares (the last units get every attempt at once). */
  concurrency: number;
}

export interface AdoptionFigures extends AdoptionOptions {
  /** Last units, plenty of units, shared units. */
  phases: AdoptionPhaseFigures[];
  checks: AdoptionChecks;
}

/** A count of attempts: a non-negative integer (0 skips the measurement). */
export const parseAttemptCount = (text: string, option: string): number =>
  parseCount(text, option, "attempts");

/** An initiative's adoption terms as its availability says, all of it free on the fresh table. */
async function termsOf(baseUrl: string, initiativeId: string) {
  const { status, body } = await availabilityOf(baseUrl, initiativeId);
  if (status !== 200 || body.free !== body.total)
    throw new Error(`adoption bench: ${initiativeId} availability ${status} ${JSON.stringify(body)}`);
  return {
    total: Number(body.total),
    interval: String(body.interval),
    unitPrice: body.unitPrice as Money,
    shareSizes: (body.shared as { shareSizes: number[] } | undefined)?.shareSizes ?? [],
  };
}

/** The three phases, each checked; throws rather than report figures of wrong behaviour. */
export async function measureAdoptions(
  { attempts, concurrency }: AdoptionOptions,
  log: (line: string) => void = () => {},
): Promise<AdoptionFigures> {
  if (attempts < 1 || concurrency < 1) throw new Error("measureAdoptions needs an attempt and one in flight");
  // Each attempt comes from its own address and e-mail, so the rate limits keep their defaults.
  return withBenchStack({}, async ({ url }) => {
    const table = tableReader();
    try {
      const wholeUnits = async (phase: string, initiativeId: string, inFlight: number) => {
        const { total, interval } = await termsOf(url, initiativeId);
        log(`bench: adoptions: ${phase}, ${attempts} attempts for ${total} units, ${inFlight} in flight`);
        const sample = await attemptPhase(url, attempts, inFlight, () =>
          adoptionRequest({ initiativeId, units: 1, interval }),
        );
        const check = checkWholeUnits(
          initiativeId,
          await storedInventory(table, initiativeId),
          sample.answers,
        );
        return {
          figures: adoptionPhaseFigures({ phase, initiativeId, holds: "units", inFlight }, sample),
          check,
        };
      };
      const lastUnits = await wholeUnits("last units", TEN_UNITS, attempts);
      const plenty = await wholeUnits("plenty of units", PLENTY_OF_UNITS, concurrency);

      const terms = await termsOf(url, MONTHLY_ORPHANS);
      const shares = complementaryShares(terms.shareSizes, terms.unitPrice.value);
      const shareOf = (index: number) => shares[index % shares.length] as number;
      log(
        `bench: adoptions: shared units, ${attempts} shares of ${shares.join(" + ")}, ${concurrency} in flight`,
      );
      const sample = await attemptPhase(url, attempts, concurrency, (index) =>
        adoptionRequest({
          initiativeId: MONTHLY_ORPHANS,
          units: 1,
          share: shareOf(index),
          interval: terms.interval,
        }),
      );
      const sharedUnits = checkSharedUnits(
        MONTHLY_ORPHANS,
        await storedInventory(table, MONTHLY_ORPHANS),
        terms.unitPrice,
        sample.answers.flatMap((answer, index) => (answer.status === 201 ? [shareOf(index)] : [])),
      );
      const shared = adoptionPhaseFigures(
        { phase: "shared units", initiativeId: MONTHLY_ORPHANS, holds: "shares", inFlight: concurrency },
        sample,
      );
      return {
        attempts,
        concurrency,
        phases: [lastUnits.figures, plenty.figures, shared],
        checks: { lastUnits: lastUnits.check, plentyOfUnits: plenty.check, sharedUnits },
      };
    } finally {
      table.close();
    }
  });
}

/** measureAdoptions in a fresh Node process (this file), so this process's handlers and environment stay as they are. */
export const measureAdoptionsApart = measuredApart(
  import.meta,
  "attempts",
  { attempts: DEFAULT_ADOPTION_ATTEMPTS, concurrency: DEFAULT_ADOPTION_CONCURRENCY },
  measureAdoptions,
);
