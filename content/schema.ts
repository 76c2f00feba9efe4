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

/** Text in some of the locales (stories may be written in one language only). */
export const partialLocalizedText = z
  .object(
    Object.fromEntries(LOCALE_CODES.map((code) => [code, z.string().trim().min(1).optional()])) as Record<
      Locale,
      z.ZodOptional<z.ZodString>
    >,
  )
  .refine((text) => LOCALE_CODES.some((code) => text[code]), "write the text in at least one language");

export const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lower-case words joined by hyphens");

/** A site image under site/public (e.g. /images/initiatives/x.svg) with alt text in every locale. */
export const imageSchema = z.object({
  src: z.string().regex(/^\/images\/[\w./-]+\.(svg|png|jpe?g|webp|avif)$/, "use a path under /images/"),
  alt: localizedText,
});

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
  z
    .object({
      model: z.literal("units"),
      unitPrice: minorAmount,
      unitsTotal: z.number().int().positive(),
      interval: z.enum(["once", "month"]),
      /**
       * Where a unit may be shared by two sponsors: the allowed shares of its price (e.g. 15000 and 15000, or
       * 10000 and 20000 of a 30000 unit). A unit is adopted when its two shares add up to its price.
       */
      shareSizes: z.array(minorAmount).min(1).max(6).optional(),
    })
    .superRefine((funding, ctx) => {
      for (const [index, share] of (funding.shareSizes ?? []).entries()) {
        if (share >= funding.unitPrice) {
          ctx.addIssue({
            code: "custom",
            path: ["shareSizes", index],
            message: "a share must be less than the unit price",
          });
        } else if (!funding.shareSizes?.includes(funding.unitPrice - share)) {
          // Two shares make a unit, so each share's complement must be one a sponsor can choose.
          ctx.addIssue({
            code: "custom",
            path: ["shareSizes", index],
            message: `add ${funding.unitPrice - share}, the share that completes a unit with this one`,
          });
        }
      }
    }),
  z.object({ model: z.literal("whole"), amount: minorAmount }),
]);

/**
 * An impact figure an initiative reports and donors' dashboards attribute. `attribution` says how much
 * giving stands for one unit of it (e.g. one orphan-month per 30000 halalas); figures that money alone does
 * not buy (families who started a business) have none and are reported by stories.
 */
export const metricSchema = z.object({
  id: slug,
  label: localizedText,
  target: z.number().int().positive(),
  attribution: z.object({ amount: minorAmount, quantity: z.number().int().positive().default(1) }).optional(),
});

export const initiativeSchema = z
  .object({
    id: slug,
    title: localizedText,
    summary: localizedText,
    category: z.enum(INITIATIVE_CATEGORIES),
    region: localizedText,
    /** Implementing member charities (content/charities/<id>.yaml): several for a joint initiative. */
    charities: z.array(slug).min(1),
    currency: currencyCode,
    funding: fundingModel,
    zakatEligible: z.boolean(),
    status: z.enum(INITIATIVE_STATUSES),
    featured: z.boolean().default(false),
    startDate: z.iso.date(),
    endDate: z.iso.date().optional(),
    cover: imageSchema,
    metrics: z.array(metricSchema).default([]),
    /** Suggested gifts in minor units, shown as presets on the donation form of `open` initiatives. */
    suggestedAmounts: z.array(minorAmount).min(1).max(6).optional(),
  })
  .superRefine((initiative, ctx) => {
    if (initiative.endDate && initiative.endDate < initiative.startDate) {
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "must not be before startDate" });
    }
    const ids = initiative.metrics.map((metric) => metric.id);
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index) {
        ctx.addIssue({ code: "custom", path: ["metrics", index, "id"], message: `"${id}" is used twice` });
      }
    });
    if (initiative.funding.model === "open" && !initiative.suggestedAmounts) {
      ctx.addIssue({
        code: "custom",
        path: ["suggestedAmounts"],
        message: "open initiatives need suggested gifts",
      });
    }
  });

export type Initiative = z.infer<typeof initiativeSchema>;

/** Published: every initiative but a draft is on the site, in search, in the API's catalog and its stats. */
export const isPublished = (initiative: Pick<Initiative, "status">) => initiative.status !== "draft";
export type FundingModel = z.infer<typeof fundingModel>;
export type Metric = z.infer<typeof metricSchema>;
export type Image = z.infer<typeof imageSchema>;
