/**
 * What a donor asks for, as the JSON API receives it (amounts in the currency's minor unit). The donation
 * form's island validates with this very schema as the donor types, so both show the same messages: each
 * issue's message is a key into functions/messages/<locale>.json, read in the donor's language.
 *
 * Written with zod/mini and free of content/schema.ts so the browser bundle stays small. Checks that
 * depend on content (the initiative, accepted currencies, zakat, monthly giving) are in
 * donation-choices.ts.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js/min";
import { z } from "zod/mini";
import { LOCALE_CODES } from "../../content/locales.ts";
import { isChargeableByCard, isIsoCurrency, MAXIMUM_MINOR_AMOUNT, minimumDonation } from "../money.ts";

/** Numbers typed without a country code are read as Saudi ones (0501234567 → +966501234567). */
export const DEFAULT_PHONE_COUNTRY = "SA";

export const INITIATIVE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Characters a name never needs and that would deceive or break what shows it (e-mail headers, CSV cells,
 * the public recognition list): controls (CR, LF, tab…), bidirectional embeddings, overrides, isolates and
 * marks, the byte-order mark, line and paragraph separators. The zero-width joiners Arabic and Persian
 * names use are kept.
 */
const NAME_NOISE = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u2028\u2029]/gu;

/** A name as kept: NFC, without NAME_NOISE, each run of spaces one space, trimmed. */
export function plainName(text: string): string {
  return text.normalize("NFC").replace(NAME_NOISE, " ").replace(/\s+/gu, " ").trim();
}

/** A person's name: plain text (plainName), two to a hundred characters, at least one of them a letter. */
export const personName = (requiredKey: string) =>
  z.string({ error: requiredKey }).check(
    z.overwrite(plainName),
    // One issue per name: too short says so, and stops there.
    z.minLength(2, { error: requiredKey, abort: true }),
    z.maxLength(100, { error: "name_too_long" }),
    z.regex(/\p{L}/u, { error: requiredKey }),
  );

export const email = z.email({ error: "email_invalid" }).check(z.maxLength(254, { error: "email_invalid" }));

/**
 * An optional phone number in any usual form (0501234567, +971 50 123 4567), stored in E.164. Blank is the
 * same as absent. libphonenumber-js's "min" metadata, its smallest, checks each country's lengths and
 * leading digits, which is enough to catch typos in Gulf, Egyptian, Moroccan and Jordanian numbers.
 */
export const phone = z.optional(
  z.pipe(
    z.string({ error: "phone_invalid" }),
    z.transform((text, ctx) => {
      if (text.trim() === "") return undefined;
      const parsed = parsePhoneNumberFromString(text, { defaultCountry: DEFAULT_PHONE_COUNTRY });
      if (parsed?.isValid()) return parsed.number as string;
      ctx.issues.push({ code: "custom", message: "phone_invalid", input: text });
      return z.NEVER;
    }),
  ),
);

const amount = z
  .object({
    value: z.int({ error: "amount_invalid" }).check(z.positive({ error: "amount_invalid" })),
    currency: z
      .string({ error: "currency_invalid" })
      .check(z.refine(isIsoCurrency, { error: "currency_invalid" })),
  })
  // Checked here rather than after parsing, so a donor sees every problem with the form at once.
  .check(
    z.superRefine(({ value, currency }, ctx) => {
      if (!isIsoCurrency(currency)) return;
      const minimum = minimumDonation(currency);
      if (value < minimum.value) {
        ctx.issues.push({
          code: "custom",
          path: ["value"],
          message: "amount_below_minimum",
          params: { minimum },
          input: value,
        });
      } else if (value > MAXIMUM_MINOR_AMOUNT) {
        ctx.issues.push({ code: "custom", path: ["value"], message: "amount_above_maximum", input: value });
      } else if (!isChargeableByCard({ value, currency })) {
        ctx.issues.push({
          code: "custom",
          path: ["value"],
          message: "amount_three_decimal_step",
          params: { currency },
          input: value,
        });
      }
    }),
  );

/** A gift in honour or in memory of someone, optionally announced to a third person by e-mail. */
const dedication = z.object({
  kind: z.enum(["honor", "memory"], { error: "dedication_kind_invalid" }),
  name: personName("dedication_name_required"),
  notify: z.optional(z.object({ name: personName("dedication_notify_name_required"), email })),
});

/**
 * Honeypot: a field people never see or fill. Scripts that fill every field (card testers among them)
 * are refused like any invalid request, and nothing is written.
 */
export const honeypot = z.optional(z.literal("", { error: "request_refused" }));

export const designation = z._default(
  z.enum(["zakat", "sadaqah", "general"], { error: "designation_invalid" }),
  "general",
);

export const locale = z._default(z.enum(LOCALE_CODES), "ar");

export const donationRequestSchema = z.object({
  /** Absent: the gift goes to the council's general fund. */
  initiativeId: z.optional(
    z
      .string({ error: "initiative_unknown" })
      .check(
        z.maxLength(80, { error: "initiative_unknown" }),
        z.regex(INITIATIVE_ID, { error: "initiative_unknown" }),
      ),
  ),
  /** The gift itself, before any fee the donor chooses to cover. */
  amount,
  interval: z._default(z.enum(["once", "month"], { error: "interval_invalid" }), "once"),
  designation,
  dedication: z.optional(dedication),
  /** Public lists show donors by first name and initial unless they ask to stay anonymous. */
  anonymous: z._default(z.boolean({ error: "field_invalid" }), false),
  /** The donor adds the processor's fee (fees.ts) so the charity receives the whole gift. */
  coverFee: z._default(z.boolean({ error: "field_invalid" }), false),
  donor: z.object({ name: personName("name_required"), email, phone }),
  locale,
  website: honeypot,
});

export type DonationRequest = z.output<typeof donationRequestSchema>;
export type Designation = DonationRequest["designation"];
export type DonationInterval = DonationRequest["interval"];
export type Dedication = NonNullable<DonationRequest["dedication"]>;
