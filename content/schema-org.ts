import { z } from "zod";
import { localizedText, slug } from "./schema.ts";

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
export type Charity = z.infer<typeof charitySchema>;
