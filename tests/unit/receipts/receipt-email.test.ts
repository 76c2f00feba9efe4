import { describe, expect, it } from "vitest";
import { renderReceiptEmail } from "../../../functions/receipts/receipt-email.ts";
import siteAr from "../../../site/src/i18n/ar.json" with { type: "json" };
import siteEn from "../../../site/src/i18n/en.json" with { type: "json" };
import {
  council,
  generalFund,
  inLocale,
  monthlyKwdZakat,
  oneTimeSar,
  PUBLIC_BASE_URL,
} from "../../support/receipts.ts";

const options = { publicBaseUrl: PUBLIC_BASE_URL };
/** Intl separates currency and number with a (narrow) no-break space and marks Arabic with RLM. */
const S = "[\\s\\u00a0\\u202f]";
const RLM = "\\u200f?";

/** Known Gregorian/Umm al-Qura pairs, from the published calendar rather than from Intl. */
const DATES = {
  ramadan: { en: ["18 February 2026", "1 Ramadan 1447 AH"], ar: ["18 فبراير 2026", "1 رمضان 1447 هـ"] },
  shawwal: { en: ["20 March 2026", "1 Shawwal 1447 AH"], ar: ["20 مارس 2026", "1 شوال 1447 هـ"] },
} as const;

const SITE_WORDS = { ar: siteAr, en: siteEn } as const;

/** Both parts state each fact; the HTML's text is read with its character references decoded. */
function parts(email: { text: string; html: string }) {
  const html = email.html.replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
  return [email.text, html];
}

describe.each(["ar", "en"] as const)("the receipt e-mail in %s", (locale) => {
  const oneTime = renderReceiptEmail(inLocale(oneTimeSar, locale), council, options);
  const monthly = renderReceiptEmail(inLocale(monthlyKwdZakat, locale), council, options);
  const general = renderReceiptEmail(inLocale(generalFund, locale), council, options);

  it("is addressed to the donor, with a stable id and a subject carrying the receipt number", () => {
    expect(oneTime).toMatchObject({
      id: "receipt-2026-000123",
      kind: "receipt",
      locale,
      to: { name: "Khalid Al-Harbi", email: "khalid@example.org" },
    });
    expect(oneTime.subject).toContain("\u20682026-000123\u2069");
    expect(oneTime.subject).toMatch(locale === "ar" ? /[\u0600-\u06FF]/ : /^[\x20-\x7E\u2068\u2069]+$/);
  });

  it("names the council by its legal name and registration", () => {
    for (const part of parts(oneTime)) {
      expect(part).toContain(council.name[locale]);
      expect(part).toContain(council.registration.number);
      expect(part).toContain(council.registration.authority[locale]);
      // The number is isolated, or a right-to-left line would show it as 000123-2026.
      expect(part).toContain(`${locale === "ar" ? "إيصال رقم" : "Receipt no."} \u20682026-000123\u2069`);
      expect(part).toContain("Khalid Al-Harbi");
      expect(part).toContain("pi_3OneTimeSar");
    }
  });

  it("states a one-time SAR gift with every minor digit, its designation, initiative and dual date", () => {
    const amount = locale === "ar" ? `${RLM}150\\.50${S}ر\\.س\\.` : `SAR${S}150\\.50`;
    for (const part of parts(oneTime)) {
      expect(part).toMatch(new RegExp(amount));
      expect(part).toContain(locale === "ar" ? "تبرع لمرة واحدة" : "One-time gift");
      expect(part).toContain(SITE_WORDS[locale]["donate.designation.sadaqah"]);
      expect(part).toContain(oneTimeSar.fund.kind === "initiative" ? oneTimeSar.fund.title[locale] : "");
      const [gregorian, hijri] = DATES.ramadan[locale];
      expect(part).toContain(`${gregorian} (${hijri})`);
      expect(part).not.toContain(locale === "ar" ? "تُصرف أموال الزكاة" : "Zakat is spent");
    }
  });

  it("states a monthly KWD zakat charge: three decimals, fee cover, the month, dedication, zakat note", () => {
    const kwd = (value: string) => new RegExp(locale === "ar" ? `${value}${S}د\\.ك\\.` : `KWD${S}${value}`);
    for (const part of parts(monthly)) {
      expect(part).toMatch(kwd("12\\.500"));
      expect(part).toMatch(kwd("0\\.370"));
      expect(part).toContain(locale === "ar" ? "تبرع شهري عن شهر مارس 2026" : "Monthly gift for March 2026");
      expect(part).toContain(SITE_WORDS[locale]["donate.designation.zakat"]);
      expect(part).toContain(locale === "ar" ? "تُصرف أموال الزكاة" : "Zakat is spent only");
      expect(part).toContain(locale === "ar" ? "إحياءً لذكرى" : "In memory of");
      expect(part).toContain("Abdullah Al-Otaibi");
      // Paid at 22:30 UTC on 19 March: the council's day (Riyadh) is 20 March, 1 Shawwal.
      const [gregorian, hijri] = DATES.shawwal[locale];
      expect(part).toContain(`${gregorian} (${hijri})`);
    }
  });

  it("dates by the time zone it is given", () => {
    const utc = renderReceiptEmail(inLocale(monthlyKwdZakat, locale), council, {
      ...options,
      timeZone: "UTC",
    });
    expect(utc.text).toContain(locale === "ar" ? "19 مارس 2026" : "19 March 2026");
    expect(utc.text).not.toContain(DATES.shawwal[locale][0]);
  });

  it("names the general fund when the gift has no initiative", () => {
    for (const part of parts(general)) {
      expect(part).toContain(locale === "ar" ? "الصندوق العام للمجلس" : "The council's general fund");
      expect(part).toContain(SITE_WORDS[locale]["donate.designation.general"]);
    }
  });

  it("links to the printable page in the donor's language with the number and key", () => {
    const link = `${PUBLIC_BASE_URL}/${locale}/receipt/?n=2026-000456&k=rcpt_tok_91be06c4d2aa57`;
    expect(monthly.text).toContain(link);
    expect(monthly.html).toContain(`href="${link.replace("&", "&#38;")}"`);
    const slashed = renderReceiptEmail(inLocale(oneTimeSar, locale), council, {
      publicBaseUrl: `${PUBLIC_BASE_URL}/`,
    });
    expect(slashed.text).toContain(`${PUBLIC_BASE_URL}/${locale}/receipt/?n=2026-000123&`);
  });

  it("sets the HTML's language and direction and escapes what donors typed", () => {
    const dir = locale === "ar" ? "rtl" : "ltr";
    expect(oneTime.html).toMatch(new RegExp(`^<!doctype html>\\n<html lang="${locale}" dir="${dir}">`));
    const hostile = renderReceiptEmail(
      {
        ...inLocale(oneTimeSar, locale),
        donor: { name: '<img src=x onerror="alert(1)">', email: "x@example.org" },
      },
      council,
      options,
    );
    expect(hostile.html).not.toContain("<img");
    expect(hostile.html).toContain("&#60;img src=x onerror=&#34;alert(1)&#34;&#62;");
    expect(hostile.text).toContain('<img src=x onerror="alert(1)">');
  });
});
