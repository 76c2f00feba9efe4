/** The adoption counter's and form's UI strings in a locale, for the page and (as JSON) its island. */
import { type Locale, t } from "../i18n/index.ts";
import type { AdoptionStrings, AdoptionTerms } from "./adoption.ts";

export function adoptionStrings(locale: Locale, interval: AdoptionTerms["interval"]): AdoptionStrings {
  return {
    ofTotal: t(locale, "adopt.counter.ofTotal"),
    perMonth: t(locale, "adopt.perMonth"),
    total: t(locale, `adopt.total.${interval}`),
    adopterUnits: t(locale, "adopt.adopterUnits"),
    anonymous: t(locale, "adopt.anonymous"),
    anonymousGroup: t(locale, "adopt.anonymousGroup"),
    wholeOpen: t(locale, "adopt.whole.open"),
    wholeHeld: t(locale, "adopt.whole.held"),
    wholeAdopted: t(locale, "adopt.whole.adopted"),
    wholeAdoptedUnnamed: t(locale, "progress.wholeAdopted"),
    partlyCovered: t(locale, "adopt.partlyCovered"),
  };
}
