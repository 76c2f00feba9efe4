/**
 * The adoption form's fields (site/src/components/AdoptionForm.astro) as an adoption request, before
 * validation: one mapping for a post without JavaScript (application/x-www-form-urlencoded, read by the
 * adoption checkout handler) and for the form's island, which posts the result as JSON.
 */
export type AdoptionFormFields = Partial<Record<string, string>>;

const given = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
/** Checkboxes are absent when unticked; a ticked one sends its value ("true", or "on" without one). */
const ticked = (value: string | undefined) => value === "true" || value === "on";

/**
 * A count as typed. An absent field lets the schema's default apply; one cleared by the donor goes as NaN,
 * like anything else that is not a number, for the schema to word (never a silent "1").
 */
const count = (value: string | undefined) =>
  value === undefined ? undefined : Number(given(value) ?? Number.NaN);

/**
 * Where units are shared, the `share` radio offers "whole" (whole units, as many as the units field says)
 * or one of the allowed shares in minor units. A share is a share of one unit, so the units field, which
 * the page hides while a share is chosen, does not count then.
 */
function unitsAndShare(fields: AdoptionFormFields): { units?: number; share?: number } {
  const share = given(fields.share);
  if (share === undefined || share === "whole") return { units: count(fields.units) };
  return { units: 1, share: count(share) };
}

export function adoptionFormToRequest(fields: AdoptionFormFields): unknown {
  const phone = given(fields.phone);
  const consent = ticked(fields.recognition);
  // Without a name of their own, the page shows the adopter's first name and initial.
  const name = given(fields.recognitionName);
  return {
    initiativeId: fields.initiativeId,
    ...unitsAndShare(fields),
    interval: given(fields.interval),
    designation: given(fields.designation),
    donor: { name: fields.name, email: fields.email?.trim(), ...(phone ? { phone } : {}) },
    recognition: { consent, ...(consent && name ? { name } : {}) },
    locale: given(fields.locale),
    website: fields.website,
  };
}
