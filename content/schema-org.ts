import { z } from "zod";
import { currencyCode, localizedText, minorAmount, slug } from "./schema.ts";

/** Who registered an organisation and under which number: donors check these before they give. */
const registration = z.object({
  number: z.string().trim().min(1),
  authority: localizedText,
});

const logo = z.object({
  src: z.string().regex(/^\/images\/[\w./-]+\.(svg|png|webp|avif)$/, "use a path under /images/"),
  alt: localizedText,
});

export const SOCIAL_NETWORKS = [
  "x",
  "instagram",
  "youtube",
  "linkedin",
  "facebook",
  "snapchat",
  "tiktok",
  "whatsapp",
] as const;

/**
 * How the council takes gifts (content/council.yaml `giving`). The form offers these choices and the API
 * (contract/donations/choices.ts) accepts exactly them.
 */
export const givingSchema = z
  .object({
    /** The currencies a donor may give in; the first is the default (the general fund's presets use it). */
    currencies: z
      .array(currencyCode)
      .min(1)
      .refine((codes) => new Set(codes).size === codes.length, "list each currency once"),
    /** Whether donors may give monthly (Stripe subscriptions) besides one-time gifts. */
    monthly: z.boolean(),
    /** The card processor's fee, which a donor may choose to cover: a share of the charge plus a fixed part. */
    processingFee: z.object({
      basisPoints: z.number().int().min(0).max(2000, "a processing fee above 20 % is surely a typo"),
      /** Per currency, in minor units (100 = SAR 1.00; 100 = KWD 0.100). */
      fixed: z.record(currencyCode, z.number().int().min(0)),
    }),
    /** Gifts not tied to an initiative go to the council's general fund. */
    generalFund: z.object({
      zakatEligible: z.boolean(),
      /** Presets on the general-fund page, in minor units of the first currency. */
      suggestedAmounts: z.array(minorAmount).min(1).max(6).optional(),
    }),
  })
  .superRefine((giving, ctx) => {
    for (const currency of giving.currencies) {
      if (giving.processingFee.fixed[currency] === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["processingFee", "fixed", currency],
          message: `${currency} is accepted, so it needs a fixed processing fee`,
        });
      }
    }
  });

/** content/council.yaml: the council that publishes the site. */
export const councilSchema = z.object({
  name: localizedText,
  shortName: localizedText,
  registration,
  contact: z.object({
    email: z.email(),
    phone: z.string().regex(/^\+\d[\d ]{6,18}$/, "use the international form, e.g. +966 14 800 0000"),
    address: localizedText,
  }),
  social: z
    .array(z.object({ network: z.enum(SOCIAL_NETWORKS), url: z.url({ protocol: /^https$/ }) }))
    .default([]),
  logo,
  giving: givingSchema,
});

/** content/charities/<id>.yaml: a member association of the council. */
export const charitySchema = z.object({
  id: slug,
  name: localizedText,
  registration,
  region: localizedText,
  logo,
  website: z.url({ protocol: /^https$/ }).optional(),
  summary: localizedText,
});

export type Council = z.infer<typeof councilSchema>;
export type Giving = z.infer<typeof givingSchema>;
export type Charity = z.infer<typeof charitySchema>;
