import { z } from "zod";
import { LOCALE_CODES } from "../../content/locales.ts";
import { currencyCode, slug } from "../../content/schema.ts";
import { isChargeableByCard, MAXIMUM_MINOR_AMOUNT, minimumDonation } from "./money.ts";

/**
 * What a donor asks for, as the JSON API receives it (amounts in the currency's minor unit). Messages are
 * keys into functions/messages/<locale>.json so the caller reads them in their own language.
 */
export const donationRequestSchema = z.object({
  initiativeId: slug.max(80, { error: "initiative_unknown" }),
  amount: z
    .object({
      value: z
        .number({ error: "amount_invalid" })
        .int({ error: "amount_invalid" })
        .positive({ error: "amount_invalid" }),
      currency: currencyCode,
    })
    // Checked here rather than after parsing, so a donor sees every problem with the form at once.
    .superRefine(({ value, currency }, ctx) => {
      const minimum = minimumDonation(currency);
      if (value < minimum.value) {
        ctx.addIssue({
          code: "custom",
          path: ["value"],
          message: "amount_below_minimum",
          params: { minimum },
        });
      } else if (value > MAXIMUM_MINOR_AMOUNT) {
        ctx.addIssue({ code: "custom", path: ["value"], message: "amount_above_maximum" });
      } else if (!isChargeableByCard({ value, currency })) {
        ctx.addIssue({
          code: "custom",
          path: ["value"],
          message: "amount_three_decimal_step",
          params: { currency },
        });
      }
    }),
  // Monthly giving arrives with Stripe subscriptions (issue 4); until then only one-time gifts are offered.
  interval: z.literal("once", { error: "interval_unsupported" }).default("once"),
  designation: z.enum(["zakat", "sadaqah", "general"], { error: "designation_invalid" }).default("general"),
  donor: z.object({
    name: z
      .string({ error: "name_required" })
      .trim()
      .min(2, { error: "name_required" })
      .max(100, { error: "name_too_long" }),
    email: z.email({ error: "email_invalid" }).max(254, { error: "email_invalid" }),
  }),
  locale: z.enum(LOCALE_CODES).default("ar"),
  /**
   * Honeypot: a field people never see or fill. Scripts that fill every field (card testers among them)
   * are refused like any invalid request, and nothing is written.
   */
  website: z.literal("", { error: "request_refused" }).optional(),
});

export type DonationRequest = z.infer<typeof donationRequestSchema>;
