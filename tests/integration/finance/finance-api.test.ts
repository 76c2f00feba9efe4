/**
 * The `/api/finance/*` routes on the local stack: only finance staff (or admins) may use them, each
 * request makes a bounded number of DynamoDB calls, the import is an asynchronous job whose progress the
 * API reports, and every staff action is in the audit log.
 */
import type { Stripe } from "stripe";
import { describe, expect, it } from "vitest";
import type { FundBalances } from "../../../contract/finance/views.ts";
import { loadConfig } from "../../../functions/config.ts";
import { addDays, calendarPlace } from "../../../functions/domain/calendars.ts";
import { donorOfEmail, sessionCookieFor } from "../../support/donor-sessions.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import { donate, paidGift, stripeAdmin } from "../../support/reconciliation.ts";
import { staffAuthorization } from "../../support/staff.ts";

const stack = withLocalStack();
// Days around now in the council's zone: a payment near midnight still falls inside.
const today = calendarPlace(new Date(), loadConfig().COUNCIL_TIME_ZONE).gDate;
const aroundToday = `from=${addDays(today, -1)}&to=${addDays(today, 1)}`;

async function call(method: string, path: string, authorization?: string, body?: unknown, cookie?: string) {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      ...(authorization ? { authorization } : {}),
      ...(cookie ? { cookie } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { error?: string },
    calls: Number(response.headers.get("x-athar-dynamodb-calls")),
  };
}

async function waitForImport(jobId: string, authorization: string) {
  await stack.drainStreams();
  const job = await call("GET", `/api/finance/imports/${jobId}`, authorization);
  expect(job.status).toBe(200);
  expect(job.calls).toBe(1);
  return job.body;
}

describe("the finance API", () => {
  it("refuses anyone but finance staff, on every route", async () => {
    const editor = await staffAuthorization(stack, "editor");
    const donorSession = await sessionCookieFor(donorOfEmail("finance-curious@example.org"));
    const routes: [string, string][] = [
      ["POST", "/api/finance/payouts/import"],
      ["GET", "/api/finance/imports/imp_01JABCDEFGHJKMNPQRSTVWXYZ0"],
      ["GET", "/api/finance/payouts"],
      ["GET", "/api/finance/payouts/po_nothing"],
      ["POST", "/api/finance/exceptions/po_nothing.txn_x.fee_unexpected/resolve"],
      ["POST", "/api/finance/payouts/po_nothing/reconcile"],
    ];
    for (const [method, path] of routes) {
      const body = method === "POST" ? { note: "n" } : undefined;
      const anonymous = await call(method, path, undefined, path.endsWith("/resolve") ? body : undefined);
      expect(anonymous.status, `${method} ${path}`).toBe(401);
      const refused = await call(method, path, editor, path.endsWith("/resolve") ? body : undefined);
      expect([refused.status, refused.body.error], `${method} ${path}`).toEqual([403, "forbidden"]);
      expect(refused.calls, `${method} ${path}`).toBe(0);
      // A donor, signed in with their own session, is no more finance staff than an editor.
      const donor = await call(method, path, undefined, undefined, donorSession);
      expect([donor.status, donor.body.error], `${method} ${path}`).toEqual([403, "forbidden"]);
      expect(donor.calls, `${method} ${path}`).toBe(0);
    }
    const admin = await staffAuthorization(stack, "admin");
    expect((await call("GET", "/api/finance/payouts", admin)).status).toBe(200);
  });

  it("imports a payout as a job, shows it in both currencies, resolves its exception and reconciles it", async () => {
    const finance = await staffAuthorization(stack, "finance", { sub: "stf-finance-api" });
    await paidGift(stack.url, 10000, "USD");
    const unheard = await donate(stack.url, 12000, "SAR");
    await stripeAdmin(stack.url, "pay", { ref: unheard, deliver: false });
    const [payout] = (await stripeAdmin(stack.url, "payouts")).payouts as Stripe.Payout[];
    const payoutId = String(payout?.id);

    const requested = await call("POST", "/api/finance/payouts/import", finance, { payoutId });
    expect(requested.status).toBe(202);
    expect(requested.calls).toBe(2);
    expect(requested.body).toMatchObject({ status: "queued", payoutId });
    const job = await waitForImport(String(requested.body.jobId), finance);
    expect(job).toMatchObject({ status: "done", progress: { imported: 1, transactions: 3, exceptions: 1 } });

    const listed = await call("GET", "/api/finance/payouts", finance);
    expect(listed.calls).toBe(1);
    expect(listed.body.payouts).toEqual([expect.objectContaining({ payoutId, openExceptions: 1 })]);
    const detail = await call("GET", `/api/finance/payouts/${payoutId}`, finance);
    expect(detail.calls).toBe(2);
    const { exceptions, transactions } = detail.body as {
      exceptions: { exceptionId: string; reason: string; donationId: string; transactionId: string }[];
      transactions: { match?: { ledger: unknown }; settlement: unknown }[];
    };
    expect(exceptions.map((exception) => [exception.reason, exception.donationId])).toEqual([
      ["missing_in_ledger", unheard],
    ]);
    expect(transactions.find((transaction) => transaction.match)).toMatchObject({
      match: { ledger: { value: 10000, currency: "USD" } },
      settlement: { amount: 37500, currency: "SAR", exchangeRate: 3.75 },
    });
    expect(detail.body.payout).toMatchObject({ totals: { ledger: { USD: 10000 }, currency: "SAR" } });

    const early = await call("POST", `/api/finance/payouts/${payoutId}/reconcile`, finance);
    expect([early.status, early.body.error]).toEqual([409, "payout_has_open_exceptions"]);
    const exceptionId = exceptions[0]?.exceptionId ?? "";
    const fundsNow = async () => {
      const answer = await call("GET", `/api/finance/funds?${aroundToday}`, finance);
      expect(answer.status).toBe(200);
      const body = answer.body as unknown as FundBalances;
      const row = body.rows.find(
        (r) => r.designation === "zakat" && r.fund === "general" && r.currency === "SAR",
      );
      const settled = body.settledFees.find((fee) => fee.currency === "SAR")?.value ?? 0;
      return { fees: row?.fees ?? 0, net: row?.net ?? 0, gross: row?.gross ?? 0, settled };
    };
    const beforeResolve = await fundsNow();
    const noNote = await call("POST", `/api/finance/exceptions/${exceptionId}/resolve`, finance, {
      note: " ",
    });
    expect(noNote.status).toBe(400);
    const resolved = await call("POST", `/api/finance/exceptions/${exceptionId}/resolve`, finance, {
      note: "The webhook was lost",
      action: "record_payment",
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.calls).toBeLessThanOrEqual(6);
    // The recorded payment's fee joins its fund's balance, as the import's matched fees did: the balances
    // take off what the payout took, to the halala.
    const resolvedTransaction = (
      detail.body.transactions as { transactionId: string; settlement: { fee: number } }[]
    ).find((transaction) => transaction.transactionId === exceptions[0]?.transactionId);
    const fee = resolvedTransaction?.settlement.fee ?? 0;
    expect(fee).toBeGreaterThan(0);
    const afterResolve = await fundsNow();
    expect(afterResolve.gross - beforeResolve.gross).toBe(12000);
    expect(afterResolve.fees - beforeResolve.fees).toBe(fee);
    expect(afterResolve.net - beforeResolve.net).toBe(12000 - fee);
    expect(afterResolve.settled - beforeResolve.settled).toBe(fee);
    const again = await call("POST", `/api/finance/exceptions/${exceptionId}/resolve`, finance, {
      note: "again",
    });
    expect([again.status, again.body.error]).toEqual([409, "exception_already_resolved"]);

    const reconciled = await call("POST", `/api/finance/payouts/${payoutId}/reconcile`, finance);
    expect(reconciled.status).toBe(200);
    expect(reconciled.calls).toBe(3);
    expect(reconciled.body).toMatchObject({ payoutId, openExceptions: 0, reconciledBy: "stf-finance-api" });

    const audit = await call("GET", "/api/finance/audit", finance);
    const entries = (
      audit.body.entries as { action: string; target: { id: string }; actor: { staffId: string } }[]
    )
      .filter((entry) => entry.actor.staffId === "stf-finance-api")
      .map((entry) => `${entry.action} ${entry.target.id}`);
    expect(entries.sort()).toEqual(
      [
        `payout.import ${payoutId}`,
        `exception.resolve ${exceptionId}`,
        `payout.reconcile ${payoutId}`,
      ].sort(),
    );
  });

  it("answers 404 for what does not exist and 400 for a cursor that is not its own", async () => {
    const finance = await staffAuthorization(stack, "finance");
    expect((await call("GET", "/api/finance/payouts/po_missing", finance)).body.error).toBe(
      "payout_not_found",
    );
    expect((await call("GET", "/api/finance/imports/imp_missing", finance)).body.error).toBe(
      "import_not_found",
    );
    const forged = Buffer.from(JSON.stringify({ pk: "DONATION#x", sk: "DONATION" })).toString("base64url");
    const refused = await call("GET", `/api/finance/payouts?cursor=${forged}`, finance);
    expect([refused.status, refused.body.error]).toEqual([400, "validation_failed"]);
    const unknown = await call(
      "POST",
      "/api/finance/exceptions/po_missing.txn_x.fee_unexpected/resolve",
      finance,
      {
        note: "n",
      },
    );
    expect(unknown.body.error).toBe("exception_not_found");
  });
});
