/**
 * The local issuer's sign-in pages (Cognito's managed login stands in for them in AWS): e-mail and
 * password, then the authenticator code. A developer tool, so its few strings live here, in both languages.
 */
import { escapeHtml } from "../../functions/http/responses.ts";

export type PageLocale = "ar" | "en";

const TEXT = {
  ar: {
    title: "دخول فريق المجلس",
    email: "البريد الإلكتروني",
    password: "كلمة المرور",
    next: "متابعة",
    code: "رمز تطبيق المصادقة (6 أرقام)",
    codeHint: "افتح تطبيق المصادقة وأدخل الرمز الظاهر لحساب أثر.",
    signIn: "دخول",
    badPassword: "البريد الإلكتروني أو كلمة المرور غير صحيحة.",
    badCode: "الرمز غير صحيح أو انتهت صلاحيته. أدخل الرمز الحالي.",
    expired: "انتهت مهلة الدخول. ابدأ من جديد.",
    badRequest: "طلب دخول غير صالح",
    note: "مُصدِر محلي للتطوير؛ في AWS يتولى Amazon Cognito الدخول.",
  },
  en: {
    title: "Council staff sign-in",
    email: "E-mail",
    password: "Password",
    next: "Continue",
    code: "Authenticator app code (6 digits)",
    codeHint: "Open your authenticator app and enter the code shown for Athar.",
    signIn: "Sign in",
    badPassword: "The e-mail or password is not right.",
    badCode: "That code is wrong or has expired. Enter the current code.",
    expired: "The sign-in took too long. Start again.",
    badRequest: "Invalid sign-in request",
    note: "Local issuer for development; in AWS Amazon Cognito signs staff in.",
  },
} as const;

export type PageText = keyof (typeof TEXT)["en"];
export const pageText = (locale: PageLocale, key: PageText) => TEXT[locale][key];

function layout(locale: PageLocale, body: string): string {
  const t = TEXT[locale];
  return `<!doctype html>
<html lang="${locale}" dir="${locale === "ar" ? "rtl" : "ltr"}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title>
<style>
body{font-family:system-ui,sans-serif;max-inline-size:26rem;margin-block:3rem;margin-inline:auto;padding-inline:1rem;color:#1d2a2a}
label{display:block;margin-block-start:1rem;font-weight:600}
input{display:block;inline-size:100%;box-sizing:border-box;padding:.6rem;font-size:1rem;margin-block-start:.3rem}
button{margin-block-start:1.5rem;padding:.6rem 1.4rem;font-size:1rem;background:#0b5d4b;color:#fff;border:0;border-radius:.3rem}
.error{color:#a1120b;font-weight:600}
.note{color:#555;font-size:.85rem;margin-block-start:2rem}
</style></head>
<body><main><h1>${t.title}</h1>${body}<p class="note">${t.note}</p></main></body></html>`;
}

const hidden = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join("");

const errorLine = (error: string | undefined) =>
  error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : "";

export function passwordPage(
  locale: PageLocale,
  fields: Record<string, string>,
  options: { email?: string; error?: string } = {},
): string {
  const t = TEXT[locale];
  return layout(
    locale,
    `${errorLine(options.error)}<form method="post">${hidden({ ...fields, step: "password" })}
<label for="email">${t.email}</label><input id="email" name="email" type="email" autocomplete="username" dir="ltr" required value="${escapeHtml(options.email ?? "")}">
<label for="password">${t.password}</label><input id="password" name="password" type="password" autocomplete="current-password" dir="ltr" required>
<button type="submit">${t.next}</button></form>`,
  );
}

export function totpPage(locale: PageLocale, login: string, error?: string): string {
  const t = TEXT[locale];
  return layout(
    locale,
    `${errorLine(error)}<form method="post">${hidden({ login, step: "totp", lang: locale })}
<label for="code">${t.code}</label><p>${t.codeHint}</p>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" dir="ltr" required>
<button type="submit">${t.signIn}</button></form>`,
  );
}

export function errorPage(locale: PageLocale, message: string): string {
  return layout(locale, errorLine(message));
}
