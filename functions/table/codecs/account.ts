import { z } from "zod";
import type { DonorGift, DonorMonthly } from "../../domain/account/ports.ts";
import { ENTITY } from "../entities.ts";
import { designation, entityCodec, interval, money, movementKind } from "./codec.ts";

/** A donor's rows (functions/table/donations/donor-writes.ts) as the account reads them. */

/** A history row, with its receipt once one is issued (functions/table/receipts/receipt-store.ts). */
export const donorGiftCodec = entityCodec<DonorGift>()(
  ENTITY.donorGift,
  z.object({
    at: z.string(),
    donationId: z.string(),
    movementId: z.string(),
    kind: movementKind,
    amount: money,
    signedAmount: z.number(),
    designation,
    interval,
    fund: z.enum(["initiative", "general"]),
    initiativeId: z.string().optional(),
    adoption: z.object({ units: z.number(), share: z.number().optional() }).optional(),
    gYear: z.number(),
    hYear: z.number(),
    hMonth: z.number(),
    receipt: z.object({ number: z.string(), accessToken: z.string() }).optional(),
  }),
);

/** A monthly gift's row: what never changes. Its live state comes from the donation item. */
export type StoredDonorMonthly = Omit<
  DonorMonthly,
  "subscriptionId" | "paidThrough" | "canceledAt" | "cancelAt"
>;

export const donorMonthlyCodec = entityCodec<StoredDonorMonthly>()(
  ENTITY.donorMonthly,
  z.object({
    donationId: z.string(),
    kind: z.enum(["donation", "adoption"]),
    initiativeId: z.string().optional(),
    amount: money,
    feeCover: money.optional(),
    designation,
    units: z.number().optional(),
    startedAt: z.string(),
  }),
);
