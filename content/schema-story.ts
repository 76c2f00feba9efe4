import { z } from "zod";
import { LOCALE_CODES } from "./locales.ts";
import { partialLocalizedText, slug } from "./schema.ts";

const storyImage = z.object({
  src: z.string().regex(/^\/images\/[\w./-]+\.(svg|png|jpe?g|webp|avif)$/, "use a path under /images/"),
  /** Alt text in each language the story is written in (checked against its ar.md / en.md). */
  alt: partialLocalizedText,
});

/**
 * content/stories/<id>/story.yaml, with its text in ar.md and/or en.md. Stories report what an initiative
 * achieved; the people it serves appear only with their recorded consent.
 */
export const storySchema = z
  .object({
    id: slug,
    initiative: slug,
    publishDate: z.iso.date(),
    title: partialLocalizedText,
    summary: partialLocalizedText,
    images: z.array(storyImage).default([]),
    /** Figures the story reports, by the initiative's metric id (e.g. 12 families started a business). */
    metrics: z.array(z.object({ metric: slug, value: z.number().int().nonnegative() })).default([]),
    people: z.object({
      /** Can a reader recognise someone (face, name, home)? */
      identifiable: z.boolean(),
      consent: z.object({ recordedOn: z.iso.date(), reference: z.string().trim().min(3) }).optional(),
    }),
  })
  .superRefine((story, ctx) => {
    if (story.people.identifiable && !story.people.consent) {
      ctx.addIssue({
        code: "custom",
        path: ["people", "consent"],
        message: "identifiable people need recorded consent (recordedOn and reference)",
      });
    }
    const languages = LOCALE_CODES.filter((code) => story.title[code]);
    for (const code of languages) {
      if (!story.summary[code]) ctx.addIssue({ code: "custom", path: ["summary", code], message: "missing" });
      story.images.forEach((image, index) => {
        if (!image.alt[code]) {
          ctx.addIssue({
            code: "custom",
            path: ["images", index, "alt", code],
            message: "alt text is missing",
          });
        }
      });
    }
  });

export type Story = z.infer<typeof storySchema>;
