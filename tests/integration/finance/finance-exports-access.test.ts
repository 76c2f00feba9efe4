/**
 * Finance exports' periods and access: a Hijri month selects exactly the ledger entries of its days in the
 * council's time zone (entries written at its edges), and only finance may export.
 */
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { createDocumentClient } from "../../../functions/adapters/dynamodb.ts";
import { loadConfig } from "../../../functions/config.ts";
import { addDays } from "../../../functions/domain/calendars.ts";
import { firstDayOfHijriMonth } from "../../../functions/domain/finance/exports/range.ts";
import { hijriDay } from "../../../functions/exports/cells.ts";
import { createExportStore } from "../../../functions/table/finance/export-store.ts";
import { keys } from "../../../functions/table/keys.ts";
import { exported, header, ledgerOfDays, requestExport } from "../../support/exports.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import { staffAuthorization } from "../../support/staff.ts";

const stack = withLocalStack();
const config = loadConfig();
const zone = config.COUNCIL_TIME_ZONE;
const client = createDocumentClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });

/** A ledger entry written as the webhook writes one, at a chosen instant (to test a period's edges). */
async function ledgerEntryAt(donationId: string, at: string, value: number) {
  await client.send(
    new PutCommand({
      TableName: config.TABLE_NAME,
      Item: {
        ...keys.ledgerEntry(donationId, `payment#pi_${donationId}`, at),
        entity: "ledgerEntry",
        donationId,
        fund: "general",
        designation: "sadaqah",
        interval: "once",
        kind: "payment",
        ref: `pi_${donationId}`,
        amount: { value, currency: "SAR" },
        at,
        signedAmount: value,
      },
    }),
  );
}

describe("finance exports' periods and access", () => {
  it("selects exactly the entries of a Hijri month, dated in the council's time zone", async () => {
    const today = hijriDay(new Date().toISOString(), zone).split("-").map(Number);
    const [year = 0, month = 0] = today;
    const first = firstDayOfHijriMonth(year, month);
    // 00:30 in Riyadh on the month's first day is 21:30 UTC the day before: in. 23:30 the day before: out.
    await ledgerEntryAt("don_edge_in", `${addDays(first, -1)}T21:30:00.000Z`, 111);
    await ledgerEntryAt("don_edge_out", `${addDays(first, -1)}T20:30:00.000Z`, 222);
    const hijriMonth = `${year}-${String(month).padStart(2, "0")}`;
    const csv = await exported(stack, {
      kind: "donations",
      format: "csv",
      hijriFrom: hijriMonth,
      hijriTo: hijriMonth,
      locale: "ar",
    });
    const ids = csv.rows.map((row) => row[header("donations", "donationId")]);
    expect(ids).toContain("don_edge_in");
    expect(ids).not.toContain("don_edge_out");
    const last = addDays(
      firstDayOfHijriMonth(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1),
      -1,
    );
    const expected = (await ledgerOfDays(stack, zone, first, last)).filter(
      (entry) => entry.kind === "payment",
    );
    expect([...ids].sort()).toEqual(expected.map((entry) => entry.donationId).sort());
    expect(new Set(csv.rows.map((row) => String(row[header("donations", "hijriDate")]).slice(0, 7)))).toEqual(
      new Set([hijriMonth]),
    );
  });

  it("is for finance only, and refuses what it cannot export", async () => {
    const body = { kind: "donations", format: "csv", from: "2026-01-01", to: "2026-01-31", locale: "ar" };
    const anonymous = await fetch(`${stack.url}/api/finance/exports`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(anonymous.status).toBe(401);
    expect((await requestExport(stack, body, "editor")).status).toBe(403);
    const editor = await staffAuthorization(stack, "editor");
    for (const path of ["/api/finance/exports/exp_x", "/api/finance/exports/exp_x/download"])
      expect((await fetch(`${stack.url}${path}`, { headers: { authorization: editor } })).status).toBe(403);
    const bad = await requestExport(stack, { ...body, to: "2025-12-01" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { details: { code: string }[] }).details[0]?.code).toBe(
      "export_range_invalid",
    );
    const finance = await staffAuthorization(stack, "finance");
    expect(
      (await fetch(`${stack.url}/api/finance/exports/exp_none`, { headers: { authorization: finance } }))
        .status,
    ).toBe(404);
    // A job that failed has no file: nothing to download, in one DynamoDB call.
    const jobs = createExportStore(client, config.TABLE_NAME);
    await jobs.createExportJob({
      exportId: "exp_failed",
      kind: "donations",
      format: "csv",
      locale: "ar",
      range: { from: "2026-01-01", to: "2026-01-31" },
      status: "failed",
      createdAt: new Date().toISOString(),
      requestedBy: "stf_finance_1",
    });
    const early = await fetch(`${stack.url}/api/finance/exports/exp_failed/download`, {
      headers: { authorization: finance },
    });
    expect(early.status).toBe(404);
    expect(((await early.json()) as { error: string }).error).toBe("export_not_ready");
    expect(early.headers.get("x-athar-dynamodb-calls")).toBe("1");
  });
});
