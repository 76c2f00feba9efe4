import type { Locale } from "../../content/locales.ts";
import type { Council } from "../../content/schema-org.ts";
import type { OutgoingEmail } from "../../contract/receipts/document.ts";
import { registrationText } from "../../contract/receipts/facts.ts";
import { button, heading, htmlDocument, letterhead, paragraph, signature } from "../receipts/email-layout.ts";

const WORDING: Record<
  Locale,
  { subject: string; opening: string; action: string; expiry: string; ignore: string; closing: string }
> = {
  ar: {
    subject: "رابط الدخول إلى حسابك",
    opening: "طلبتَ الدخول إلى حسابك لدى المجلس لرؤية تبرعاتك وإيصالاتك.",
    action: "الدخول إلى حسابي",
    expiry: "يعمل هذا الرابط مرة واحدة خلال 15 دقيقة.",
    ignore: "إن لم تطلب هذا الرابط فتجاهل هذه الرسالة، ولن يتغير شيء.",
    closing: "مع خالص الشكر،",
  },
  en: {
    subject: "Your sign-in link",
    opening: "You asked to sign in to your account with the council to see your gifts and receipts.",
    action: "Sign in to my account",
    expiry: "This link works once, within 15 minutes.",
    ignore: "If you did not ask for it, ignore this e-mail: nothing will change.",
    closing: "With our thanks,",
  },
};

export interface SignInEmailInput {
  locale: Locale;
  email: string;
  link: string;
  council: Council;
  /** Unique per link: the outbox file name and SES's message id. */
  id: string;
}

/** The passwordless sign-in e-mail: one button, how long it lasts, and what to do if it was not asked for. */
export function renderSignInEmail(input: SignInEmailInput): OutgoingEmail {
  const { locale, council } = input;
  const words = WORDING[locale];
  const issuer = council.name[locale];
  const registration = registrationText(council, locale);
  const signer = council.shortName[locale];
  const text = [
    issuer,
    registration,
    "",
    words.opening,
    "",
    `${words.action}: ${input.link}`,
    "",
    words.expiry,
    words.ignore,
    "",
    words.closing,
    signer,
    "",
  ].join("\n");
  const html = htmlDocument(locale, words.subject, [
    letterhead(issuer, registration),
    heading(words.subject),
    paragraph(words.opening),
    button(input.link, words.action),
    paragraph(words.expiry),
    paragraph(words.ignore, { muted: true }),
    signature(words.closing, signer),
  ]);
  return {
    id: input.id,
    kind: "signin",
    locale,
    to: { name: "", email: input.email },
    subject: words.subject,
    text,
    html,
  };
}
