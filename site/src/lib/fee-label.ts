/**
 * What the "cover the processing fee" label shows: the extra for the amount typed ("+ SAR 4.02"), or the
 * rate ("2.9% + SAR 1") while there is no amount. The page renders it at build time and the form's island
 * as the donor types, so both word it alike.
 */
import { feeCover, type ProcessingFeeRates } from "../../../contract/fees.ts";
import { formatMoney, type Money } from "../../../contract/money.ts";

export function feeLabelValue(rates: ProcessingFeeRates, amount: Money, intl: string): string {
  const fixed = rates.fixed[amount.currency];
  if (fixed === undefined) return "";
  if (amount.value > 0) return `+ ${formatMoney(feeCover(amount, rates), intl)}`;
  const percent = new Intl.NumberFormat(intl, { style: "percent", maximumFractionDigits: 2 }).format(
    rates.basisPoints / 10_000,
  );
  return `${percent} + ${formatMoney({ value: fixed, currency: amount.currency }, intl, { wholeUnits: "short" })}`;
}
