import { z } from "zod";
import { UNFULFILLED_ACTIONS, type UnfulfilledAdoption } from "../../../contract/finance/views.ts";
import { ENTITY } from "../entities.ts";
import { designation, entityCodec, interval, money } from "./codec.ts";

/** A payment for units no longer free (functions/table/adoption/unfulfilled-store.ts). */
export const unfulfilledAdoptionCodec = entityCodec<UnfulfilledAdoption>()(
  ENTITY.unfulfilledAdoption,
  z.object({
    exceptionId: z.string(),
    donationId: z.string(),
    initiativeId: z.string(),
    units: z.number(),
    share: z.number().optional(),
    designation,
    interval,
    subscriptionId: z.string().optional(),
    payment: z.object({ ref: z.string(), amount: money, at: z.string() }),
    recordedAt: z.string(),
    status: z.enum(["open", "refunding", "refunded", "general_fund"]),
    resolution: z
      .object({
        action: z.enum(UNFULFILLED_ACTIONS),
        by: z.string(),
        email: z.string(),
        at: z.string(),
        note: z.string(),
      })
      .optional(),
  }),
);
