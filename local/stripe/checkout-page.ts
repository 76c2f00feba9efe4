import type Stripe from "stripe";
import { formatMoney } from "../../contract/money.ts";
import { escapeHtml } from "../../functions/http/responses.ts";
import type { LocalSession } from "./state.ts";

export type PageLocale = "ar" | "en";

const TEXT = {
  ar: {
    title: "صفحة الدفع التجريبية",
    banner: "وضع الدفع المحلي: لا تُستخدم بطاقات حقيقية ولا يُخصم أي مبلغ.",
    pay: "ادفع",
    fail: "محاكاة رفض البطاقة",
    delayed: "الدفع بتحويل بنكي (يُسوّى لاحقًا)",
    monthly: "شهريًا",
    cancel: "إلغاء والعودة",
    declined: "رُفضت البطاقة. جرّب مرة أخرى أو ألغِ العملية.",
    closed: "عملية الدفع هذه لم تعد مفتوحة.",
    email: "البريد الإلكتروني",
  },
  en: {
    title: "Test checkout",
    banner: "Local payment mode: no real cards are used and nothing is charged.",
    pay: "Pay",
    fail: "Simulate a declined card",
    delayed: "Pay by bank transfer (settles later)",
    monthly: "per month",
    cancel: "Cancel and go back",
    declined: "Your card was declined. Try again or cancel.",
    closed: "This checkout session is no longer open.",
    email: "E-mail",
  },
} as const;

/** The donor's language, read from the success URL Athar gave (`/ar/thanks/...`). */
export function sessionLocale(session: Stripe.Checkout.Session): PageLocale {
  return /\/en\//.test(session.success_url ?? "") ? "en" : "ar";
}

/** Stands in for Stripe's hosted checkout page; its form posts `outcome` back to the same URL. */
export function checkoutPage({ session, productName }: LocalSession, notice?: "declined" | "closed"): string {
  const locale = sessionLocale(session);
  const text = TEXT[locale];
  const amount = formatMoney(
    { value: session.amount_total ?? 0, currency: (session.currency ?? "sar").toUpperCase() },
    locale,
  );
  const open = session.status === "open";
  const message = notice ? `<p role="alert" class="notice">${escapeHtml(text[notice])}</p>` : "";
  const monthly = session.mode === "subscription";
  // Delayed methods (bank transfers) exist for one-time payments only, as in Stripe Checkout.
  const delayed = monthly
    ? ""
    : `\n  <button type="submit" name="outcome" value="delayed">${text.delayed}</button>`;
  const form = open
    ? `<form method="post">
  <button type="submit" name="outcome" value="paid" class="pay">${text.pay} ${escapeHtml(amount)}</button>${delayed}
  <button type="submit" name="outcome" value="failed">${text.fail}</button>
  <button type="submit" name="outcome" value="canceled">${text.cancel}</button>
</form>`
    : "";
  return `<!doctype html>
<html lang="${locale}" dir="${locale === "ar" ? "rtl" : "ltr"}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${text.title}</title>
<style>
body{font-family:system-ui,sans-serif;background:#f6f7f9;margin:0;padding:1.5rem;line-height:1.6}
main{max-inline-size:28rem;margin-inline:auto;background:#fff;border-radius:12px;padding:1.5rem;box-shadow:0 1px 4px #0002}
.banner{background:#fff4d6;padding:.5rem .75rem;border-radius:8px;font-size:.9rem}
.amount{font-size:2rem;font-weight:700;margin-block:.5rem}
.notice{color:#a40000;font-weight:600}
form{display:grid;gap:.75rem;margin-block-start:1rem}
button{font:inherit;padding:.75rem;border-radius:8px;border:1px solid #8a8f98;background:#fff;cursor:pointer}
button.pay{background:#0b6e4f;color:#fff;border-color:#0b6e4f;font-weight:700}
</style></head>
<body><main>
<p class="banner">${text.banner}</p>
<h1>${escapeHtml(productName)}</h1>
<p class="amount" data-testid="local-checkout-amount">${escapeHtml(amount)}${monthly ? ` <small>${text.monthly}</small>` : ""}</p>
<p>${text.email}: <bdi>${escapeHtml(session.customer_email ?? "")}</bdi></p>
${message}${open ? "" : `<p>${text.closed}</p>`}
${form}
</main></body></html>`;
}
