import type { Designation } from "../../../contract/vocabulary.ts";
import type { CalendarPlace } from "../calendars.ts";
import { signedAmount } from "../ledger.ts";
import type { Donation, Fund, LedgerWrite, Movement } from "../model.ts";

/**
 * A donor's running totals are flat numeric attributes of their profile, so the dashboard reads every
 * figure in the one item: `c#<dimension>#<value>#<currency>` is the net amount (payments minus refunds
 * and disputes, minor units) and `n#…` the number of payments. Movements count in the calendars of the
 * day they happened (council time zone): a refund lowers the year it was made in.
 */
export type CounterDimension =
  | "all"
  | "gy"
  | "hy"
  | "gm"
  | "des"
  | "ini"
  | "gy.des"
  | "gy.ini"
  | "hy.des"
  | "hy.ini";

export interface Counter {
  dimension: CounterDimension;
  /** `-` for `all`; a year, month, designation or fund; `<year>:<designation|fund>` for yearly breakdowns. */
  value: string;
  currency: string;
}

/** The general fund's name among initiative ids in counters. */
export const GENERAL_FUND = "general";

export const fundName = (fund: Fund): string =>
  fund.kind === "initiative" ? fund.initiativeId : GENERAL_FUND;

export function counterName(kind: "c" | "n", { dimension, value, currency }: Counter): string {
  return `${kind}#${dimension}#${value}#${currency}`;
}

const COUNTER_NAME = /^([cn])#([a-z.]+)#([^#]+)#([A-Z]{3})$/;

/** Reads a profile attribute back as a counter; undefined for every other attribute. */
export function parseCounterName(name: string): ({ kind: "c" | "n" } & Counter) | undefined {
  const match = COUNTER_NAME.exec(name);
  if (!match) return undefined;
  const [, kind, dimension, value, currency] = match as unknown as [
    string,
    "c" | "n",
    CounterDimension,
    string,
    string,
  ];
  return { kind, dimension, value, currency };
}

/** The counters one movement moves. */
export function countersOf(
  donation: { fund: Fund; designation: Designation },
  movement: Pick<Movement, "amount">,
  { gYear, gMonth, hYear }: CalendarPlace,
): Counter[] {
  const { currency } = movement.amount;
  const fund = fundName(donation.fund);
  const des = donation.designation;
  const rows: [CounterDimension, string][] = [
    ["all", "-"],
    ["gy", String(gYear)],
    ["hy", String(hYear)],
    ["gm", gMonth],
    ["des", des],
    ["ini", fund],
    ["gy.des", `${gYear}:${des}`],
    ["gy.ini", `${gYear}:${fund}`],
    ["hy.des", `${hYear}:${des}`],
    ["hy.ini", `${hYear}:${fund}`],
  ];
  return rows.map(([dimension, value]) => ({ dimension, value, currency }));
}

/**
 * What the movements add to the donor's counters, summed per counter (a transaction updates the profile
 * once). Every movement adds to its amount counters, even by a net zero, so the set of attributes never
 * depends on how movements were grouped into events; only payments add to the counts.
 */
export function donorCounterDeltas(
  donation: Pick<Donation, "fund" | "designation">,
  writes: Pick<LedgerWrite, "movement" | "place">[],
): Record<string, number> {
  const deltas: Record<string, number> = {};
  for (const { movement, place } of writes) {
    for (const counter of countersOf(donation, movement, place)) {
      const amount = counterName("c", counter);
      deltas[amount] = (deltas[amount] ?? 0) + signedAmount(movement);
      if (movement.kind === "payment") {
        const count = counterName("n", counter);
        deltas[count] = (deltas[count] ?? 0) + 1;
      }
    }
  }
  return deltas;
}
