/**
 * The race of two staff recording one bank transfer, played step by step: both find the gift unfinished
 * (the other's ledger write has not landed when they read), both write the payment, and the ledger takes
 * it once. Only the request whose write took it has recorded the gift; the other is told so.
 */
import { describe, expect, it } from "vitest";
import { createCatalog } from "../../../functions/adapters/catalog.ts";
import type { AuditEntry } from "../../../functions/domain/audit.ts";
import { BooksConflictError } from "../../../functions/domain/errors.ts";
import { recordOfflineGift } from "../../../functions/domain/finance/funds/offline-gifts.ts";
import type { DonationStore } from "../../../functions/domain/ports.ts";

const staff = { staffId: "stf_1", email: "finance@council.example", roles: ["finance" as const] };
const request = {
  donor: { name: "Salma", email: "salma@example.com" },
  amount: { value: 40_000, currency: "SAR" },
  designation: "sadaqah" as const,
  method: "bank_transfer" as const,
  bankReference: "FT-RACE-1",
  receivedAt: "2026-10-21",
  locale: "ar" as const,
};

describe("two staff recording one transfer at once", () => {
  it("record it once: one 201 and one audit entry; the request whose payment was already there gets 409", async () => {
    const audited: AuditEntry[] = [];
    let claimed: string | undefined;
    let payments = 0;
    const stored = new Map<string, Record<string, unknown>>();
    const donations = {
      async createOfflineDonation(donation: Record<string, unknown>) {
        claimed ??= String(donation.donationId);
        if (claimed === donation.donationId) stored.set(claimed, { ...donation, payments: 0 });
        return claimed;
      },
      // Both read before either payment lands: the gift looks unfinished to both.
      async findDonation(donationId: string) {
        return stored.get(donationId);
      },
      async apply() {
        payments += 1;
        return { recorded: payments === 1 ? 1 : 0, marked: false };
      },
    } as unknown as DonationStore;
    let ids = 0;
    const deps = {
      catalog: createCatalog(),
      donations,
      audit: {
        record: async (entry: AuditEntry) => {
          audited.push(entry);
          return { ...entry, auditId: `aud_${audited.length}`, at: "2026-10-22T09:00:00Z" };
        },
        listMonth: async () => ({ entries: [] }),
      },
      clock: { now: () => new Date("2026-10-22T09:00:00Z") },
      donorIdKey: "athar_local_development_only_donor_id_key",
      timeZone: "Asia/Riyadh",
      newDonationId: () => `don_${++ids}`,
      newCashReference: () => "cash_1",
    };
    const first = await recordOfflineGift(deps, staff, request);
    expect(first.donationId).toBe("don_1");
    await expect(recordOfflineGift(deps, staff, request)).rejects.toMatchObject({
      constructor: BooksConflictError,
      code: "duplicate_bank_reference",
    });
    expect(audited.map((entry) => entry.action)).toEqual(["gift.record"]);
  });
});
