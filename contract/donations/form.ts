/**
 * The donation form's fields (site/src/components/DonationForm.astro) as a donation request, before
 * validation. One mapping for both ways the form arrives: posted without JavaScript
 * (application/x-www-form-urlencoded, read by the checkout handler) and as JSON from the form's island.
 */
import { parseMajorAmount } from "../money.ts";

export type DonationFormFields = Partial<Record<string, string>>;

/** Checkboxes are absent when unticked; a ticked one sends its value ("true", or "on" without one). */
const ticked = (value: string | undefined) => value === "true" || value === "on";

/** A field left blank is a field not given, so the schema's defaults and optional parts apply. */
const given = (value: string | undefined) => (value?.trim() ? value : undefined);

/**
 * "No dedication" (or none chosen) sends none, whatever its fields hold; choosing one sends its name, even
 * blank, so the donor is asked for it. The card is sent only when its name or e-mail is filled in.
 */
function dedicationOf(fields: DonationFormFields) {
  const kind = fields.dedication;
  if (!given(kind) || kind === "none") return undefined;
  const notify =
    given(fields.notifyName) || given(fields.notifyEmail)
      ? { name: fields.notifyName ?? "", email: fields.notifyEmail?.trim() ?? "" }
      : undefined;
  return { kind, name: fields.dedicationName ?? "", ...(notify ? { notify } : {}) };
}

/** The amount is typed in major units ("150.50"); one that does not parse goes as NaN for the schema to word. */
export function donationFormToRequest(fields: DonationFormFields): unknown {
  const currency = fields.currency ?? "";
  const dedication = dedicationOf(fields);
  const phone = given(fields.phone);
  return {
    initiativeId: given(fields.initiativeId),
    amount: { value: parseMajorAmount(fields.amount ?? "", currency) ?? Number.NaN, currency },
    interval: given(fields.interval),
    designation: given(fields.designation),
    ...(dedication ? { dedication } : {}),
    anonymous: ticked(fields.anonymous),
    coverFee: ticked(fields.coverFee),
    donor: { name: fields.name, email: fields.email?.trim(), ...(phone ? { phone } : {}) },
    locale: given(fields.locale),
    website: fields.website,
  };
}
