/**
 * Resolving an unfulfilled adoption when Stripe fails or a function is cut short, played step by step on
 * an in-memory store: a refund Stripe refuses opens the exception again (nothing audited); a refund left
 * "refunding" by a function that stopped is finished by asking again, but only once it is clearly stale.
 */
import { describe, expect, it } from "vitest";
import type { UnfulfilledAdoption } from "../../../contract/finance/views.ts";
import {
  resolveUnfulfilledAdoption,
  STALE_REFUND_MS,
  type UnfulfilledAdoptionStore,
} from "../../../functions/domain/adoption/unfulfilled.ts";
import type { AuditEntry } from "../../../functions/domain/audit.ts";
import { PaymentProviderError, ReconciliationConflictError } from "../../../functions/domain/errors.ts";

const staff = { staffId: "stf_1", email: "finance@council.example", roles: ["finance" as const] };
const EXCEPTION = "don_LATE.pi_late";
const START = Date.parse("2026-10-22T09:00:00Z");

function setup(initial: Partial<UnfulfilledAdoption> = {}) {
  let item: UnfulfilledAdoption = {
    exceptionId: EXCEPTION,
    donationId: "don_LATE",
    initiativeId: "grassroots-capacity-building",
    units: 2,
    designation: "zakat",
    interval: "month",
    subscriptionId: "sub_late",
    payment: { ref: "pi_late", amount: { value: 3_000_000, currency: "SAR" }, at: "2026-10-20T09:00:00Z" },
    recordedAt: "2026-10-20T09:00:00Z",
    status: "open",
    ...initial,
  };
  const move = (from: string, to: UnfulfilledAdoption["status"]) => {
    if (item.status !== from) return false;
    item = { ...item, status: to };
    return true;
  };
  const store: UnfulfilledAdoptionStore = {
    record: async () => {},
    find: async () => item,
    listOpen: async () => ({ items: [item] }),
    claimRefund: async (_id, resolution) => {
      const moved = move("open", "refunding");
      if (moved && resolution) item = { ...item, resolution };
      return moved;
    },
    finishRefund: async () => move("refunding", "refunded"),
    reopen: async () => {
      move("refunding", "open");
    },
    moveToGeneralFund: async () => move("open", "general_fund"),
  };
  const audited: AuditEntry[] = [];
  const calls: string[] = [];
  let refundFails = false;
  let now = START;
  const deps = {
    unfulfilled: store,
    payments: {
      async refundPayment(ref: string) {
        calls.push(`refund ${ref}`);
        if (refundFails) throw new PaymentProviderError(`Could not refund ${ref}`);
      },
      async cancelSubscription(id: string) {
        calls.push(`cancel ${id}`);
      },
    },
    audit: {
      async record(entry: AuditEntry) {
        audited.push(entry);
        return { ...entry, auditId: `aud_${audited.length}`, at: new Date(now).toISOString() };
      },
      listMonth: async () => ({ entries: [] }),
    },
    clock: { now: () => new Date(now) },
    timeZone: "Asia/Riyadh",
  };
  return {
    deps,
    audited,
    calls,
    item: () => item,
    failRefunds: (fails: boolean) => {
      refundFails = fails;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const refund = { action: "refund" as const, note: "Units taken meanwhile." };

describe("resolving an unfulfilled adoption", () => {
  it("stops the sponsorship and refunds; a refund Stripe refuses leaves it open and unaudited", async () => {
    const run = setup();
    run.failRefunds(true);
    await expect(resolveUnfulfilledAdoption(run.deps, staff, EXCEPTION, refund)).rejects.toBeInstanceOf(
      PaymentProviderError,
    );
    expect(run.item().status).toBe("open");
    expect(run.audited).toEqual([]);
    run.failRefunds(false);
    const done = await resolveUnfulfilledAdoption(run.deps, staff, EXCEPTION, refund);
    expect(done.status).toBe("refunded");
    expect(run.calls).toEqual(["cancel sub_late", "refund pi_late", "cancel sub_late", "refund pi_late"]);
    expect(run.audited.map((entry) => entry.action)).toEqual(["adoption.unfulfilled.refund"]);
  });

  it("finishes a refund a stopped function left only once it is stale, and audits it once", async () => {
    const run = setup({
      status: "refunding",
      resolution: {
        action: "refund",
        by: "stf_0",
        email: "a@council.example",
        at: new Date(START).toISOString(),
        note: "x",
      },
    });
    // Still within a function's life: another officer's refund may be under way.
    await expect(resolveUnfulfilledAdoption(run.deps, staff, EXCEPTION, refund)).rejects.toBeInstanceOf(
      ReconciliationConflictError,
    );
    expect(run.calls).toEqual([]);
    run.advance(STALE_REFUND_MS + 1);
    // Nor is a stale refund turned into a general-fund move.
    await expect(
      resolveUnfulfilledAdoption(run.deps, staff, EXCEPTION, { action: "general_fund", note: "x" }),
    ).rejects.toBeInstanceOf(ReconciliationConflictError);
    const [first, second] = await Promise.allSettled([
      resolveUnfulfilledAdoption(run.deps, staff, EXCEPTION, refund),
      resolveUnfulfilledAdoption(run.deps, staff, EXCEPTION, refund),
    ]);
    expect([first.status, second.status].sort()).toEqual(["fulfilled", "rejected"]);
    expect(run.item().status).toBe("refunded");
    expect(run.audited).toHaveLength(1);
  });
});
