import { LOCALES, type Locale } from "../../content/locales.ts";

/** What Intl.DurationFormat (Node 23+, so the Lambda runtime) takes; TypeScript's lib does not list it yet. */
interface Duration {
  days?: number;
  hours?: number;
  minutes?: number;
}
interface DurationFormat {
  format(duration: Duration): string;
}
type DurationFormatConstructor = new (locale: string, options: { style: "long" }) => DurationFormat;
const { DurationFormat } = Intl as unknown as { DurationFormat: DurationFormatConstructor };

const formats = new Map<Locale, DurationFormat>();
const formatFor = (locale: Locale) => {
  let format = formats.get(locale);
  if (!format) {
    format = new DurationFormat(LOCALES[locale].intl, { style: "long" });
    formats.set(locale, format);
  }
  return format;
};

/**
 * A wait as a person says it, never shorter than the real one: minutes under an hour, hours and minutes
 * under three hours, whole hours up to two days, then days and hours. A donor reads «23 ساعة» or
 * "23 hours", never "1,359 minutes". Intl chooses each language's plural forms (Arabic: دقيقة، دقيقتان،
 * 3 دقائق، 11 دقيقة).
 */
export function waitDuration(seconds: number): Duration {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes < 60) return { minutes };
  if (minutes < 180) {
    const rest = minutes % 60;
    return rest === 0 ? { hours: minutes / 60 } : { hours: Math.floor(minutes / 60), minutes: rest };
  }
  const hours = Math.ceil(minutes / 60);
  if (hours <= 48) return { hours };
  const restHours = hours % 24;
  return restHours === 0 ? { days: hours / 24 } : { days: Math.floor(hours / 24), hours: restHours };
}

export function waitText(locale: Locale, seconds: number): string {
  return formatFor(locale).format(waitDuration(seconds));
}
