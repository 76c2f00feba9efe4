/**
 * The API's validation of a donation, run in the browser on the form's fields: the same schema, the same
 * content checks and the same messages, so a donor reads exactly what a post would answer. Loaded on the
 * form's first use (it carries zod/mini and the phone metadata), not with the page.
 */
import type { Locale } from "../../../content/locales.ts";
import {
  checkDonationChoices,
  type DonationChoicesContext,
} from "../../../functions/domain/donation-choices.ts";
import { type DonationFormFields, donationFormToRequest } from "../../../functions/domain/donation-form.ts";
import { donationRequestSchema } from "../../../functions/domain/donation-request.ts";
import { translate } from "../../../functions/http/messages.ts";
import { toFieldIssues } from "../../../functions/http/request.ts";

export interface ShownIssue {
  field: string;
  message: string;
}

/** As the API does: schema issues first; the content's checks once the request is well formed. */
export function validateDonation(
  fields: DonationFormFields,
  context: DonationChoicesContext,
  locale: Locale,
): ShownIssue[] {
  const parsed = donationRequestSchema.safeParse(donationFormToRequest(fields));
  const issues = parsed.success ? checkDonationChoices(context, parsed.data) : toFieldIssues(parsed.error);
  return issues.map((issue) => ({
    field: issue.field,
    message: translate(locale, issue.code, issue.params),
  }));
}
