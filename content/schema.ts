import { z } from "zod";
import { LOCALE_CODES, type Locale } from "./locales.ts";

/**
 * Zod schemas for everything in content/. The Astro site (content collections) and the functions' catalog
 * both validate with these, so a field means the same thing on the page and in the API.
 */

const ISO_CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, "use an upper-case ISO 4217 code such as SAR")
  .refine((code) => ISO_CURRENCIES.has(code), "not an ISO 4217 currency");

/** A positive amount in the currency's minor unit (halalas for SAR, fils for KWD). */
export const minorAmount = z.number().int("amounts are whole minor units").positive();

const localized = <T extends z.ZodType>(value: T) =>
  z.object(Object.fromEntries(LOCALE_CODES.map((code) => [code, value])) as Record<Locale, T>);

export const localizedText = localized(z.string().trim().min(1));

export const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lower-case words joined by hyphens");

export const INITIATIVE_CATEGORIES = [
  "orphan-care",
  "productive-families",
  "needs-survey",
  "capacity-building",
  "training",
  "volunteering",
  "relief",
] as const;

export const INITIATIVE_STATUSES = ["draft", "open", "funded", "closed"] as const;

export const fundingModel = z.discriminatedUnion("model", [
  z.object({ model: z.literal("open"), goal: minorAmount }),
  z.object({
    model: z.literal("units"),
    unitPrice: minorAmount,
    unitsTotal: z.number().int().positive(),
    interval: z.enum(["once", "month"]),
  }),
  z.object({ model: z.literal("whole"), amount: minorAmount }),
]);

export const initiativeSchema = z.object({
  id: slug,
  title: localizedText,
  summary: localizedText,
  category: z.enum(INITIATIVE_CATEGORIES),
  region: localizedText,
  charities: z.array(slug).min(1),
  currency: currencyCode,
  funding: fundingModel,
  zakatEligible: z.boolean(),
  status: z.enum(INITIATIVE_STATUSES),
  startDate: z.iso.date(),
  endDate: z.iso.date().optional(),
  cover: z.object({ src: z.string().min(1), alt: localizedText }),
  /** Suggested gifts in minor units, shown as presets on the donation form. */
  suggestedAmounts: z.array(minorAmount).min(1).max(6),
});

export type Initiative = z.infer<typeof initiativeSchema>;
export type FundingModel = z.infer<typeof fundingModel>;
