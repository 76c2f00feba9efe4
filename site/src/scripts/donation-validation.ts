/**
 * The API's validation of a donation, run in the browser on the form's fields: the same schema, the same
 * content checks and the same messages, so a donor reads exactly what a post would answer. Loaded on the
 * form's first use (it carries zod/mini and the phone metadata), not with the page.
 */
import type { Locale } from "../../../content/locales.ts";
import { checkDonationChoices, type DonationChoicesContext } from "../../../contract/donations/choices.ts";
import { type DonationFormFields, donationFormToRequest } from "../../../contract/donations/form.ts";
import { donationRequestSchema } from "../../../contract/donations/request.ts";
import { validatedIssues } from "./field-issues.ts";
import type { ShownIssue } from "./form-island.ts";

export function validateDonation(
  fields: DonationFormFields,
  context: DonationChoicesContext,
  locale: Locale,
): ShownIssue[] {
  return validatedIssues(
    donationRequestSchema,
    donationFormToRequest(fields),
    (request) => checkDonationChoices(context, request),
    locale,
  );
}
