/**
 * The adoption form's fields as an adoption request, before validation: one mapping for a post without
 * JavaScript and for the form's island.
 */
export type AdoptionFormFields = Partial<Record<string, string>>;

const given = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
const ticked = (value: string | undefined) => value === "true" || value === "on";
/** A number as typed; anything else goes as NaN for the schema to word. */
const count = (value: string | undefined) => (given(value) === undefined ? undefined : Number(value));

export function adoptionFormToRequest(fields: AdoptionFormFields): unknown {
  const phone = given(fields.phone);
  const consent = ticked(fields.recognition);
  const name = given(fields.recognitionName);
  return {
    initiativeId: fields.initiativeId,
    units: count(fields.units),
    ...(given(fields.share) && fields.share !== "whole" ? { share: count(fields.share) } : {}),
    interval: given(fields.interval),
    designation: given(fields.designation),
    donor: { name: fields.name, email: fields.email?.trim(), ...(phone ? { phone } : {}) },
    recognition: { consent, ...(consent && name ? { name } : {}) },
    locale: given(fields.locale),
    website: fields.website,
  };
}
