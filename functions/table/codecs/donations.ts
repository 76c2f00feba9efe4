import { z } from "zod";
import type { Donation } from "../../domain/model.ts";
import { paidThroughOf, scheduledCancel } from "../donations/donation-marks.ts";
import { ENTITY } from "../entities.ts";
import { designation, entityCodec, interval, locale, money } from "./codec.ts";

/**
 * The donation item: the donor's intent as checkout (or finance, for a gift received by hand) wrote it
 * (functions/table/donations/donation-store.ts), with what events added since (ledger-writes.ts and
 * donation-marks.ts): counters, set-once marks, and sets of string members (DynamoDB string sets, which the
 * document client reads as `Set`s) that the domain sees derived and as sorted lists. Erasure blanks the
 * donor's name and e-mail, a dedication's name, and removes `donorId`, a dedication's `notify`, an
 * adoption's recognition name and an offline gift's note.
 */
const counter = z.number().default(0);
const mark = z.string().optional();
const members = z.set(z.string()).optional();

export const donationCodec = entityCodec<Donation>()(
  ENTITY.donation,
  z
    .object({
      donationId: z.string(),
      donorId: z.string().optional(),
      fund: z.discriminatedUnion("kind", [
        z.object({ kind: z.literal("initiative"), initiativeId: z.string() }),
        z.object({ kind: z.literal("general") }),
      ]),
      amount: money,
      feeCover: money.optional(),
      interval,
      designation,
      dedication: z
        .object({
          kind: z.enum(["honor", "memory"]),
          name: z.string(),
          notify: z.object({ name: z.string(), email: z.string() }).optional(),
        })
        .optional(),
      anonymous: z.boolean(),
      donor: z.object({ name: z.string(), email: z.string(), phone: z.string().optional() }),
      locale,
      checkoutSessionId: z.string().optional(),
      createdAt: z.string(),
      offline: z
        .object({
          method: z.enum(["bank_transfer", "cash"]),
          reference: z.string(),
          receivedAt: z.string(),
          recordedBy: z.string(),
          note: z.string().optional(),
        })
        .optional(),
      adoption: z
        .object({
          initiativeId: z.string(),
          units: z.number(),
          share: z.number().optional(),
          unitId: z.string().optional(),
          recognition: z.object({ consent: z.boolean(), name: z.string().optional() }),
        })
        .optional(),
      paid: counter,
      payments: counter,
      refunded: counter,
      disputed: counter,
      expiredAt: mark,
      failedAt: mark,
      awaitingPaymentAt: mark,
      subscriptionId: mark,
      canceledAt: mark,
      adoptedAt: mark,
      /** Ends of the monthly periods paid for: a set, so a renewal reported twice is one member. */
      paidPeriods: members,
      cancelSchedules: members,
      failedAttemptRefs: members,
    })
    .transform(({ paidPeriods, cancelSchedules, failedAttemptRefs, ...rest }) => {
      const paidThrough = paidThroughOf(paidPeriods);
      const cancelAt = scheduledCancel(cancelSchedules);
      return {
        ...rest,
        failedAttempts: [...(failedAttemptRefs ?? [])].sort(),
        ...(paidThrough ? { paidThrough } : {}),
        ...(cancelAt ? { cancelAt } : {}),
        ...(cancelSchedules ? { cancelSchedules: [...cancelSchedules].sort() } : {}),
      };
    }),
);
