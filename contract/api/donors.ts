/**
 * What the donor-facing routes accept beyond the donation and adoption requests (contract/donations,
 * contract/adoption): path parameters, query strings and the sign-in link request. The handlers parse with
 * these, and the API reference (docs/api-reference.md) is generated from them.
 */
import { z } from "zod";
import { LOCALE_CODES } from "../../content/locales.ts";
import { email } from "../donations/request.ts";

/** A page of the donor's history: `limit` rows, from an opaque `cursor`. */
export const HISTORY_PAGE = { min: 1, max: 100, default: 25 } as const;

export const sessionIdParam = z.string().regex(/^cs_[A-Za-z0-9_]{8,200}$/, { error: "session_id_invalid" });
export const receiptNumberParam = z.string().regex(/^\d{4}-\d{6}$/, { error: "receipt_not_found" });
/** The receipt's key (`?k=`), from the receipt e-mail's link. */
export const receiptKey = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { error: "receipt_not_found" });
export const initiativeIdParam = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "initiative_unknown" });
export const donationIdParam = z.string().regex(/^don_[0-9A-Za-z]{1,64}$/, { error: "donation_not_found" });

export const historyQuery = z.object({
  cursor: z.string().min(1).max(1000).optional(),
  limit: z.coerce.number().int().min(HISTORY_PAGE.min).max(HISTORY_PAGE.max).default(HISTORY_PAGE.default),
});

export const statementQuery = z.object({
  calendar: z.enum(["gregorian", "hijri"]),
  year: z.coerce.number().int(),
});

/** The statement the account API serves as JSON (GET /api/me/statement), printed in the chosen language. */
export const statementPdfQuery = statementQuery.extend({ locale: z.enum(LOCALE_CODES).optional() });

/** `POST /api/auth/link`: where to e-mail a sign-in link, and in which language. */
export const signInLinkRequest = z.object({
  email,
  locale: z.enum(LOCALE_CODES).default("ar"),
});
