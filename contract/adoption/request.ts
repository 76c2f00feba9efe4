/**
 * What an adopter asks for (كفالة): some units of an initiative funded by units, a share of one where units
 * are shared, or a whole initiative. Like the donation request, zod/mini and content-free so the adoption
 * form's island validates with this very schema; checks against content are in adoption.ts.
 */
import { z } from "zod/mini";
import {
  designation,
  email,
  honeypot,
  INITIATIVE_ID,
  locale,
  personName,
  phone,
} from "../donations/request.ts";

/** One donor adopts at most this many units at once: larger sponsorships are arranged with the council. */
export const MAX_UNITS_PER_ADOPTION = 50;

export const adoptionRequestSchema = z.object({
  initiativeId: z
    .string({ error: "initiative_unknown" })
    .check(
      z.maxLength(80, { error: "initiative_unknown" }),
      z.regex(INITIATIVE_ID, { error: "initiative_unknown" }),
    ),
  /** Units to adopt (1 for a share or a whole initiative). */
  units: z._default(
    z
      .int({ error: "units_invalid" })
      .check(
        z.minimum(1, { error: "units_invalid" }),
        z.maximum(MAX_UNITS_PER_ADOPTION, { error: "units_too_many" }),
      ),
    1,
  ),
  /** Where units are shared: the share of one unit's price, in minor units, from the allowed sizes. */
  share: z.optional(z.int({ error: "share_invalid" }).check(z.positive({ error: "share_invalid" }))),
  /** Must be the initiative's own (content says whether its units are once or monthly). */
  interval: z._default(z.enum(["once", "month"], { error: "interval_invalid" }), "once"),
  designation,
  donor: z.object({ name: personName("name_required"), email, phone }),
  /** With consent, the adopter's name (or a company's) on the initiative page; otherwise "a donor". */
  recognition: z._default(
    z.object({
      consent: z.boolean({ error: "field_invalid" }),
      name: z.optional(personName("recognition_name_required")),
    }),
    { consent: false },
  ),
  locale,
  website: honeypot,
});

export type AdoptionRequest = z.output<typeof adoptionRequestSchema>;
