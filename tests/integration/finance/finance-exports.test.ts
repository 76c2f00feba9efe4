/**
 * Finance exports end to end on the local stack: a month of giving (SAR, USD, KWD; a renewal, a refund,
 * disputes lost and won; a donor erased; a donor whose name starts a formula), Stripe's payout imported,
 * then every export kind as CSV and XLSX, re-parsed and summed against the ledger read from the table.
 */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Stripe } from "stripe";
import { describe, expect, it } from "vitest";
import { COLUMNS, type ExportKind } from "../../../contract/finance/exports.ts";
import { createDocumentClient } from "../../../functions/adapters/dynamodb.ts";
import { loadConfig } from "../../../functions/config.ts";
import { councilDay, hijriDay } from "../../../functions/exports/cells.ts";
import { keys } from "../../../functions/table/keys.ts";
import { donationRequest, startCheckout } from "../../support/donations.ts";
import { addTo, exported, header, type LedgerRow, ledgerOfDays } from "../../support/exports.ts";
import { funds as fundBalances } from "../../support/finance-books.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import { localStripe } from "../../support/local-stripe.ts";
import { stripeAdmin } from "../../support/reconciliation.ts";
import { staffAuthorization } from "../../support/staff.ts";

const stack = withLocalStack();
const config = loadConfig();
const zone = config.COUNCIL_TIME_ZONE;
const client = createDocumentClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });

async function gift(value: number, currency: string, overrides: Record<string, unknown> = {}) {
  const started = await startCheckout(
    stack.url,
    donationRequest({ amount: { value, currency }, ...overrides }),
  );
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const donationId = String(started.body.donationId);
  await localStripe(stack.url, "pay", donationId);
  return donationId;
}

const SIGN: Record<string, number> = { refund: 1, dispute_withdrawal: 1, dispute_reinstatement: -1 };
/** Sums a column per currency, from the minor-units column, checking the decimal column says the same. */
function sumsOf(
  kind: ExportKind,
  rows: Record<string, string | number>[],
  amountKey: string,
  currencyKey = "currency",
) {
  const sums: Record<string, number> = {};
  for (const row of rows) {
    const currency = String(row[header(kind, currencyKey)]);
    if (!currency) continue;
    const minor = Number(row[header(kind, `${amountKey}Minor`)]);
    const digits =
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ??
      2;
    expect(Math.round(Number(row[header(kind, amountKey)]) * 10 ** digits)).toBe(minor);
    addTo(sums, currency, minor);
  }
  return sums;
}

describe("finance exports", () => {
  it("export donations, refunds, payouts and fund balances as CSV and XLSX that sum to the ledger", async () => {
    const arabic = await gift(10000, "SAR", {
      designation: "zakat",
      initiativeId: undefined,
      donor: { name: "فاطمة، الحربي", email: "fatimah@example.com" },
    });
    const formula = await gift(5000, "USD", {
      designation: "sadaqah",
      donor: { name: '=HYPERLINK("x")', email: "f@example.com" },
    });
    await gift(10000, "KWD", { initiativeId: undefined });
    const monthly = await gift(20000, "SAR", { interval: "month", designation: "sadaqah" });
    await localStripe(stack.url, "renew", monthly);
    const refunded = await gift(15000, "SAR");
    await localStripe(stack.url, "refund", refunded, "--amount", "50");
    const lost = await gift(4000, "USD");
    await localStripe(stack.url, "dispute", "open", lost);
    await localStripe(stack.url, "dispute", "close", lost, "--lost");
    const won = await gift(8000, "SAR", { designation: "zakat" });
    await localStripe(stack.url, "dispute", "open", won);
    await localStripe(stack.url, "dispute", "close", won, "--won");
    // An erased donor (what the erasure worker leaves on the donation): the money stays, the person goes.
    const erased = await gift(3000, "SAR");
    await client.send(
      new UpdateCommand({
        TableName: config.TABLE_NAME,
        Key: keys.donation(erased),
        UpdateExpression: "SET donor = :erased",
        ExpressionAttributeValues: { ":erased": { name: "", email: "" } },
      }),
    );
    await stack.drainStreams();
    const paidOut = await stripeAdmin(stack.url, "payouts");
    const payouts = paidOut.payouts as Stripe.Payout[];
    expect(payouts.length).toBeGreaterThan(0);
    const finance = {
      authorization: await staffAuthorization(stack, "finance"),
      "content-type": "application/json",
    };
    const imported = await fetch(`${stack.url}/api/finance/payouts/import`, {
      method: "POST",
      headers: finance,
      body: "{}",
    });
    expect(imported.status).toBe(202);
    await stack.drainStreams();

    const entries = (await stack.table.allItems()).filter(
      (item) => item.entity === "ledgerEntry",
    ) as unknown as LedgerRow[];
    const days = entries.map((entry) => councilDay(entry.at, zone)).sort();
    const range = { from: days[0] as string, to: days.at(-1) as string };
    const inRange = await ledgerOfDays(stack, zone, range.from, range.to);

    for (const format of ["csv", "xlsx"] as const) {
      // Donations = the ledger's payments.
      const donations = await exported(stack, { kind: "donations", format, ...range, locale: "ar" });
      const payments: Record<string, number> = {};
      for (const entry of inRange.filter((e) => e.kind === "payment"))
        addTo(payments, entry.amount.currency, entry.amount.value);
      expect(sumsOf("donations", donations.rows, "amount")).toEqual(payments);
      expect(Object.keys(payments).sort()).toEqual(["KWD", "SAR", "USD"]);
      expect(donations.header).toEqual(COLUMNS.donations.map((column) => column.header.ar));
      const byDonation = (id: string) =>
        donations.rows.filter((row) => row[header("donations", "donationId")] === id);
      expect(byDonation(arabic)[0]?.[header("donations", "donorName")]).toBe("فاطمة، الحربي");
      expect(byDonation(arabic)[0]?.[header("donations", "designation")]).toBe("زكاة");
      expect(byDonation(formula)[0]?.[header("donations", "donorName")]).toBe('\'=HYPERLINK("x")');
      expect(byDonation(erased)[0]?.[header("donations", "donorName")]).toBe("(محذوف بطلب المتبرع)");
      expect(byDonation(erased)[0]?.[header("donations", "donorEmail")]).toBe("");
      expect(byDonation(monthly)).toHaveLength(2);
      expect(byDonation(arabic)[0]?.[header("donations", "hijriDate")]).toBe(
        hijriDay(String(inRange.find((e) => e.donationId === arabic)?.at), zone),
      );
      if (format === "csv") {
        expect([...donations.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        expect(donations.bytes.toString("utf8").split("\r\n")).toHaveLength(donations.rows.length + 2);
        expect(donations.response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      } else {
        expect(donations.response.headers.get("content-type")).toContain("spreadsheetml.sheet");
      }

      // Refunds = refunds and dispute withdrawals, less reinstatements.
      const refunds = await exported(stack, { kind: "refunds", format, ...range, locale: "en" });
      const returned: Record<string, number> = {};
      for (const entry of inRange.filter((e) => SIGN[e.kind]))
        addTo(returned, entry.amount.currency, (SIGN[entry.kind] ?? 0) * entry.amount.value);
      const englishRefunds = refunds.rows.map((row) =>
        Object.fromEntries(COLUMNS.refunds.map((column) => [column.header.ar, row[column.header.en] ?? ""])),
      );
      expect(sumsOf("refunds", englishRefunds, "amount")).toEqual(returned);
      expect(refunds.rows.map((row) => row.Movement).sort()).toEqual(
        ["Refund", "Dispute withdrawal", "Dispute withdrawal", "Dispute reinstatement"].sort(),
      );

      // Payouts = the imported payouts' amounts.
      const payoutRows = await exported(stack, { kind: "payouts", format, ...range, locale: "ar" });
      const paid: Record<string, number> = {};
      for (const payout of payouts) addTo(paid, payout.currency.toUpperCase(), payout.amount);
      expect(sumsOf("payouts", payoutRows.rows, "amount")).toEqual(paid);

      // Funds: the console's fund balances for the same days, row for row (zakat never shares a row), and
      // gross less returned is the ledger's net of each designation × fund × currency.
      const funds = await exported(stack, { kind: "funds", format, ...range, locale: "en" });
      const net: Record<string, number> = {};
      for (const entry of inRange) {
        const key = [entry.designation, entry.fund, entry.initiativeId ?? "", entry.amount.currency].join(
          "|",
        );
        addTo(
          net,
          key,
          entry.kind === "payment" || entry.kind === "dispute_reinstatement"
            ? entry.amount.value
            : -entry.amount.value,
        );
      }
      const label: Record<string, string> = {
        zakat: "Zakat",
        sadaqah: "Sadaqah",
        general: "General",
        initiative: "Initiative",
      };
      const minorOf = (row: Record<string, string | number>, name: string) =>
        Number(row[`${name} (minor units)`]);
      const fromFile: Record<string, number> = {};
      const fileRows: Record<
        string,
        { gross: number; refunds: number; fees: number; transfers: number; net: number }
      > = {};
      for (const row of funds.rows) {
        const code = (text: unknown) => Object.keys(label).find((k) => label[k] === text) ?? String(text);
        const key = [code(row.Designation), code(row.Fund), row.Initiative ?? "", row.Currency].join("|");
        const [gross, refunds, fees, transfers] = ["Gross", "Refunds", "Fees", "Transfers"].map((name) =>
          minorOf(row, name),
        ) as [number, number, number, number];
        expect(gross - refunds - fees + transfers).toBe(minorOf(row, "Net"));
        addTo(fromFile, key, gross - refunds);
        fileRows[[code(row.Designation), row.Initiative || "general", row.Currency].join("#")] = {
          gross,
          refunds,
          fees,
          transfers,
          net: minorOf(row, "Net"),
        };
      }
      expect(fromFile).toEqual(net);
      const balances = await fundBalances(stack, `from=${range.from}&to=${range.to}`);
      expect(fileRows).toEqual(
        Object.fromEntries(
          balances.rows.map((row) => [
            `${row.designation}#${row.fund}#${row.currency}`,
            {
              gross: row.gross,
              refunds: row.refunds,
              fees: row.fees,
              transfers: row.transfers,
              net: row.net,
            },
          ]),
        ),
      );
      expect(funds.rows.some((row) => row.Designation === "Zakat" && minorOf(row, "Fees") > 0)).toBe(true);
    }

    // Every export was audited: the kind, format and period, no personal data.
    const audit = await fetch(`${stack.url}/api/finance/audit`, {
      headers: { authorization: finance.authorization },
    });
    const logged = (
      (await audit.json()) as { entries: { action: string; details: Record<string, unknown> }[] }
    ).entries;
    const exportsLogged = logged.filter((entry) => entry.action === "export");
    expect(exportsLogged).toHaveLength(8);
    expect(exportsLogged[0]?.details).toMatchObject({ range: { from: range.from, to: range.to } });
    expect(JSON.stringify(exportsLogged)).not.toContain("example.com");
    // And every download of a file (each export above was downloaded once): who, which export, when.
    const downloads = logged.filter((entry) => entry.action === "export.download") as unknown as {
      actor: { staffId: string };
      target: { kind: string; id: string };
      at: string;
      details: Record<string, unknown>;
    }[];
    expect(downloads).toHaveLength(8);
    expect(new Set(downloads.map((entry) => entry.target.id))).toEqual(
      new Set(exportsLogged.map((entry) => (entry as unknown as { target: { id: string } }).target.id)),
    );
    for (const entry of downloads) {
      expect(entry.target.kind).toBe("export");
      expect(entry.actor.staffId).toBeTruthy();
      expect(Date.parse(entry.at)).not.toBeNaN();
    }
    expect(JSON.stringify(downloads)).not.toContain("example.com");
  });
});
