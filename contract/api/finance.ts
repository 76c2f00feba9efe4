/**
 * What the staff and finance routes accept: path parameters, query strings and JSON bodies (the console posts
 * JSON only). The handlers parse with these, and the API reference (docs/api-reference.md) is generated
 * from them.
 */
import { z } from "zod";
import { LOCALE_CODES } from "../../content/locales.ts";
import { INITIATIVE_ID, plainName } from "../donations/request.ts";
import { EXPORT_FORMATS, EXPORT_KINDS } from "../finance/exports.ts";
import { RESOLVE_ACTIONS } from "../finance/reconciliation.ts";
import { UNFULFILLED_ACTIONS } from "../finance/views.ts";
import { isIsoCurrency, MAXIMUM_MINOR_AMOUNT } from "../money.ts";

/** `GET /api/finance/audit`: a month (default this UTC month) and the page after `cursor`. */
export const auditQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month_invalid")
    .optional(),
  cursor: z
    .string()
    .regex(/^[\w-]{1,1024}$/, "cursor_invalid")
    .optional(),
});

export const importJobIdParam = z.string().regex(/^imp_\w{1,64}$/, "import_not_found");
export const payoutExceptionIdParam = z.string().regex(/^po_\w+\.[\w-]+\.[a-z_]+$/, "exception_not_found");
export const payoutIdParam = z.string().regex(/^po_\w{1,200}$/, "payout_not_found");
export const cursorQuery = z.object({
  cursor: z
    .string()
    .regex(/^[\w-]{1,2048}$/, "cursor_invalid")
    .optional(),
});
export const importBody = z.object({ payoutId: payoutIdParam.optional() }).strict();
export const resolveBody = z
  .object({
    note: z.string().trim().min(1, "note_required").max(2000, "note_too_long"),
    action: z.enum(RESOLVE_ACTIONS, { error: "action_not_applicable" }).optional(),
  })
  .strict();

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "field_invalid");
const exportHijriMonth = z.string().regex(/^\d{4}-\d{2}$/, "field_invalid");
export const exportBody = z
  .object({
    kind: z.enum(EXPORT_KINDS, { error: "field_invalid" }),
    format: z.enum(EXPORT_FORMATS, { error: "field_invalid" }),
    from: day.optional(),
    to: day.optional(),
    hijriFrom: exportHijriMonth.optional(),
    hijriTo: exportHijriMonth.optional(),
    locale: z.enum(LOCALE_CODES, { error: "field_invalid" }).default("ar"),
  })
  .strict();
export const exportIdParam = z.string().regex(/^exp_\w{1,64}$/, "export_not_found");

export const sponsorshipIdParam = z.string().regex(/^don_\w{1,64}$/, "sponsorship_not_found");
const isoDate = z.iso.date({ error: "date_invalid" });
const fundsHijriMonth = z
  .string()
  .regex(/^1[3-5]\d\d-(0[1-9]|1[0-2])$/, "hijri_month_invalid")
  .transform((text) => ({ year: Number(text.slice(0, 4)), month: Number(text.slice(5, 7)) }));
export const fundsQuery = z.union(
  [
    z.object({ from: isoDate, to: isoDate }).strict(),
    z.object({ hijriFrom: fundsHijriMonth, hijriTo: fundsHijriMonth }).strict(),
  ],
  { error: "funds_period_invalid" },
);

export const coverBody = z
  .object({
    requestId: z.string().regex(/^[\w-]{8,64}$/, "request_id_invalid"),
    // Range checked by the domain: months outside 1..12 is a 409 (cover_months_invalid).
    months: z.int("cover_months_invalid"),
    note: z.string().trim().min(1, "note_required").max(2000, "note_too_long"),
  })
  .strict();

export const giftBody = z
  .object({
    donor: z
      .object({
        name: z
          .string("name_required")
          .overwrite(plainName)
          .min(2, { error: "name_required", abort: true })
          .max(100, "name_too_long")
          .regex(/\p{L}/u, "name_required"),
        email: z.email("email_invalid").max(254, "email_invalid"),
        phone: z
          .string()
          .regex(/^\+[1-9]\d{6,14}$/, "phone_invalid")
          .optional(),
      })
      .strict(),
    amount: z
      .object({
        value: z
          .int("amount_invalid")
          .positive("amount_invalid")
          .max(MAXIMUM_MINOR_AMOUNT, "amount_above_maximum"),
        currency: z.string("currency_invalid").refine(isIsoCurrency, "currency_invalid"),
      })
      .strict(),
    designation: z.enum(["zakat", "sadaqah", "general"], "designation_invalid"),
    initiativeId: z.string().regex(INITIATIVE_ID, "initiative_unknown").optional(),
    method: z.enum(["bank_transfer", "cash"], "offline_method_invalid"),
    bankReference: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9./-]{2,63}$/, "bank_reference_invalid")
      .transform((text) => text.toUpperCase())
      .optional(),
    receivedAt: isoDate,
    locale: z.enum(LOCALE_CODES, "field_invalid"),
    anonymous: z.boolean().optional(),
    note: z.string().trim().max(2000, "note_too_long").optional(),
  })
  .strict()
  .superRefine((gift, context) => {
    if (gift.method === "bank_transfer" && !gift.bankReference)
      context.addIssue({ code: "custom", path: ["bankReference"], message: "bank_reference_required" });
  });

const note = z.string().trim().min(1, "note_required").max(2000, "note_too_long");
export const resolveUnfulfilledBody = z
  .object({ action: z.enum(UNFULFILLED_ACTIONS, "resolve_action_invalid"), note })
  .strict();
export const recognitionBody = z.object({ hidden: z.boolean("field_invalid"), note }).strict();
export const unfulfilledIdParam = z.string().regex(/^don_\w{1,64}\.[\w-]{1,128}$/, "unfulfilled_not_found");
export const recognitionInitiativeParam = z.string().regex(INITIATIVE_ID, "initiative_unknown");
export const recognitionDonationParam = z.string().regex(/^don_\w{1,64}$/, "recognition_not_found");
