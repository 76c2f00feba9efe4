/** The bench report's "Sign-in link requests" section (figures from bench/signin.ts). */
import type { AccountFigures } from "./account.ts";
import { formatMs, formatRatio, type Section } from "./markdown.ts";

const TITLE = "Sign-in link requests";

export function signInSection(report: { account?: AccountFigures }): Section {
  const signIn = report.account?.signIn;
  if (!signIn) return { title: TITLE, intro: ["Skipped (`--account 0`)."] };
  const rows = [
    ["an address that gave (a link is e-mailed)", signIn.donor],
    ["an address that never gave (nothing is)", signIn.stranger],
  ] as const;
  return {
    title: TITLE,
    intro: [
      "`POST /api/auth/link` on the local stack, alternating between the two kinds of address, one request " +
        "in flight; only the answer is timed (the sign-in mail worker runs after it, untimed). The handler " +
        "does the same work for both, so the time an answer takes does not tell whether an address has " +
        `given: the stranger's median is ${formatRatio(signIn.stranger.medianMs / signIn.donor.medianMs)} ` +
        "the donor's.",
    ],
    table: {
      headers: ["address", "requests", "median ms", "p95 ms", "DynamoDB calls min / mean / max"],
      align: ["left", "right", "right", "right", "right"],
      rows: rows.map(([label, figures]) => [
        label,
        String(figures.requests),
        formatMs(figures.medianMs),
        formatMs(figures.p95Ms),
        `${figures.dynamodbCalls.min} / ${figures.dynamodbCalls.mean.toFixed(2)} / ${figures.dynamodbCalls.max}`,
      ]),
    },
  };
}
