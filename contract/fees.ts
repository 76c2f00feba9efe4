import { cardStep, type Money } from "./money.ts";

/**
 * What the card processor keeps from each payment: a share of the charged total in basis points (290 =
 * 2.9 %) plus a fixed amount per currency in minor units. Comes from the council's `giving.processingFee`.
 */
export interface ProcessingFeeRates {
  basisPoints: number;
  fixed: Readonly<Record<string, number>>;
}

const BASIS_POINTS = 10_000;

/** ⌈n / d⌉ for non-negative safe integers, without floating-point division. */
function ceilDiv(n: number, d: number): number {
  const remainder = n % d;
  return (n - remainder) / d + (remainder > 0 ? 1 : 0);
}

/**
 * The extra a donor adds so that, after the processor takes its fee from the whole charge, the charity
 * receives the full gift: total = ⌈(gift + fixed) / (1 − rate)⌉ and the cover is total − gift. The
 * ceiling makes the total the smallest whole minor unit that nets at least the gift (Stripe rounds its
 * own fee to the nearest unit, which can only lose half a unit, so the net stays ≥ the gift).
 *
 * Rounding: in the three-decimal currencies (KWD, BHD, OMR, JOD, TND) card charges go in steps of 10
 * minor units, so the total is rounded UP to the next multiple of 10; the donor then covers up to 0.009
 * more than the exact fee rather than the charity receiving less. Integer arithmetic only.
 */
export function feeCover(amount: Money, rates: ProcessingFeeRates): Money {
  const fixed = rates.fixed[amount.currency];
  if (fixed === undefined)
    throw new RangeError(`No fixed processing fee is configured for ${amount.currency}`);
  if (rates.basisPoints < 0 || rates.basisPoints >= BASIS_POINTS) {
    throw new RangeError(`A processing fee of ${rates.basisPoints} basis points is not a share of a payment`);
  }
  const numerator = (amount.value + fixed) * BASIS_POINTS;
  if (!Number.isSafeInteger(numerator)) throw new RangeError(`${amount.value} is too large to compute a fee`);
  const step = cardStep(amount.currency);
  const total = ceilDiv(ceilDiv(numerator, BASIS_POINTS - rates.basisPoints), step) * step;
  return { value: total - amount.value, currency: amount.currency };
}
