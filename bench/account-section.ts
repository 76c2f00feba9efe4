/** The bench report's "Donor dashboard" section (figures from bench/account.ts). */
import type { AccountFigures } from "./account.ts";
import { formatMs, type Section } from "./markdown.ts";

const TITLE = "Donor dashboard";

export function accountSection(report: { account?: AccountFigures }): Section {
  const account = report.account;
  if (!account) return { title: TITLE, intro: ["Skipped (`--account 0`)."] };
  return {
    title: TITLE,
    intro: [
      "`GET /api/me/dashboard` on the local stack, on DynamoDB Local on this machine, for a donor with one " +
        `gift and one with ${account.gifts} (written through the ledger's transactions in ` +
        `${account.seedSeconds.toFixed(1)} s), ${account.concurrency} request(s) in flight. Every figure ` +
        "comes from the donor's profile (one Query of the `A#` rows, a BatchGet only for monthly gifts), so " +
        "the DynamoDB calls per request, exact from `x-athar-dynamodb-calls`, do not grow with the history. " +
        "The profile item does grow with the months and years given in (its counters), not with the number " +
        "of gifts; the long-history donor here gave every five hours from 2020 on.",
    ],
    table: {
      headers: ["donor's gifts", "requests", "median ms", "p95 ms", "DynamoDB calls min / mean / max"],
      align: ["right", "right", "right", "right", "right"],
      rows: account.donors.map((donor) => [
        String(donor.gifts),
        String(donor.requests),
        formatMs(donor.medianMs),
        formatMs(donor.p95Ms),
        `${donor.dynamodbCalls.min} / ${donor.dynamodbCalls.mean.toFixed(2)} / ${donor.dynamodbCalls.max}`,
      ]),
    },
  };
}
