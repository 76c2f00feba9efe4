/**
 * The API's validation of an adoption, run in the browser on the form's fields: the same schema and
 * messages, and what the page knows to be free. Loaded on the form's first use, not with the page.
 */
import type { Locale } from "../../../content/locales.ts";
import { type AdoptionFormFields, adoptionFormToRequest } from "../../../contract/adoption/form.ts";
import { adoptionRequestSchema } from "../../../contract/adoption/request.ts";
import { type AdoptionTerms, availabilityIssues, type KnownAvailability } from "../lib/adoption.ts";
import { validatedIssues } from "./field-issues.ts";
import type { ShownIssue } from "./form-island.ts";

export function validateAdoption(
  fields: AdoptionFormFields,
  terms: AdoptionTerms,
  availability: KnownAvailability,
  locale: Locale,
): ShownIssue[] {
  return validatedIssues(
    adoptionRequestSchema,
    adoptionFormToRequest(fields),
    (request) => availabilityIssues(request, terms, availability),
    locale,
  );
}
