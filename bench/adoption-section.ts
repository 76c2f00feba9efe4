/** The bench report's "Adoption under contention" section (figures from bench/adoptions.ts). */
import { formatMoney } from "../contract/money.ts";
import type { AdoptionPhaseFigures } from "./adoption-phases.ts";
import type { AdoptionFigures } from "./adoptions.ts";
import { formatMs, type Section } from "./markdown.ts";
import type { Spread } from "./webhook-phases.ts";

const TITLE = "Adoption under contention";

const callsCell = (calls: Spread | undefined) => (calls ? `${calls.mean.toFixed(2)} / ${calls.max}` : "–");

function row(phase: AdoptionPhaseFigures): string[] {
  return [
    phase.phase,
    String(phase.attempts),
    phase.perSecond.toFixed(1),
    phase.holds === "shares" ? `${phase.succeeded} shares` : String(phase.succeeded),
    `${(phase.conflictShare * 100).toFixed(1)} %`,
    callsCell(phase.dynamodbCalls.succeeded),
    callsCell(phase.dynamodbCalls.conflicted),
    formatMs(phase.latency.p50Ms),
    formatMs(phase.latency.p95Ms),
  ];
}

export function adoptionsSection(report: { adoptions?: AdoptionFigures }): Section {
  const adoptions = report.adoptions;
  if (!adoptions) return { title: TITLE, intro: ["Skipped (`--adoptions 0`)."] };
  const { attempts, concurrency, checks } = adoptions;
  const { lastUnits, plentyOfUnits, sharedUnits } = checks;
  return {
    title: TITLE,
    intro: [
      "Adoption checkouts (`POST /api/adoptions/checkout`) on the local stack, on DynamoDB Local on this " +
        "machine, with the load and the server in a single Node process: the absolute figures are a floor " +
        "for Lambda and DynamoDB, while the DynamoDB calls per attempt (from `x-athar-dynamodb-calls`) are " +
        "exact. Each attempt comes from its own address and e-mail, so the rate limits are not what is " +
        "measured; nobody pays, so every unit given stays held.",
      `Last units: ${attempts} attempts all at once for the ${lastUnits.total} units of ` +
        `grassroots-capacity-building, one unit each. Plenty of units: ${attempts} attempts, ${concurrency} ` +
        `in flight, one of the ${plentyOfUnits.total} units of productive-family-kits each (refused once ` +
        `they run out). Shared units: ${attempts} shares of monthly-orphan-sponsorship in complementary ` +
        `pairs, ${concurrency} in flight; a share that loses the race for a unit reads again and retries ` +
        "(three tries), which only the calls per attempt show, and a 409 there may be a share that lost " +
        "three times.",
    ],
    table: {
      headers: [
        "phase",
        "attempts",
        "attempts/s",
        "got units",
        "409 share",
        "calls per 201 mean / max",
        "calls per 409 mean / max",
        "p50 ms",
        "p95 ms",
      ],
      align: ["left", "right", "right", "right", "right", "right", "right", "right", "right"],
      rows: adoptions.phases.map(row),
    },
    notes: [
      `Checked: every answer 201 or 409 \`units_unavailable\`; last units: exactly ${lastUnits.held} of ` +
        `${lastUnits.total} held, free ${lastUnits.free}; plenty of units: ${plentyOfUnits.held} of ` +
        `${plentyOfUnits.total} held, free ${plentyOfUnits.free}; every other attempt told none is free. ` +
        `Shared units: ${sharedUnits.startedUnits} units started, ${sharedUnits.completedUnits} of them ` +
        `covered by two shares, none beyond its price; ${formatMoney(sharedUnits.heldInShares, "en")} held ` +
        `in shares, exactly the shares answered 201; adopted + held + free + started = ${sharedUnits.total}.`,
    ],
  };
}
