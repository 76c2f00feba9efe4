import type Stripe from "stripe";
import { formatMoney } from "../../contract/money.ts";
import { escapeHtml } from "../../functions/http/responses.ts";
import type { PageLocale } from "./checkout-page.ts";

export type PortalNotice = "declined" | "invalid_card" | "unknown";

const TEXT = {
  ar: {
    title: "إدارة التبرعات الشهرية (تجريبية)",
    banner: "وضع الدفع المحلي: لا تُستخدم بطاقات حقيقية ولا يُخصم أي مبلغ.",
    monthly: "شهريًا",
    nextCharge: "الدفعة التالية",
    endsOn: "ينتهي في",
    ended: "انتهى",
    pastDue: "لم تنجح آخر محاولة دفع",
    card: "البطاقة",
    cardNumber: "رقم البطاقة الجديدة (بطاقة اختبار، مثل 4242 4242 4242 4242)",
    updateCard: "تحديث البطاقة",
    cancel: "إلغاء التبرع الشهري",
    back: "العودة إلى حسابي",
    none: "لا توجد تبرعات شهرية.",
    declined: "رُفضت البطاقة. جرّب بطاقة أخرى.",
    invalid_card: "رقم البطاقة غير صالح.",
    unknown: "تعذّر تنفيذ الطلب.",
  },
  en: {
    title: "Manage monthly giving (test)",
    banner: "Local payment mode: no real cards are used and nothing is charged.",
    monthly: "per month",
    nextCharge: "Next charge",
    endsOn: "Ends on",
    ended: "Ended",
    pastDue: "The latest payment attempt failed",
    card: "Card",
    cardNumber: "New card number (a test card, e.g. 4242 4242 4242 4242)",
    updateCard: "Update card",
    cancel: "Cancel monthly gift",
    back: "Back to my account",
    none: "No monthly gifts.",
    declined: "The card was declined. Try another card.",
    invalid_card: "That card number is not valid.",
    unknown: "That could not be done.",
  },
} as const;

/** The portal's language: the session's `locale`, Arabic unless it asks for English. */
export function portalLocale(session: Stripe.BillingPortal.Session): PageLocale {
  return session.locale?.startsWith("en") ? "en" : "ar";
}

function date(locale: PageLocale, seconds: number): string {
  return new Intl.DateTimeFormat(locale === "ar" ? "ar-u-nu-latn" : "en-GB", { dateStyle: "long" }).format(
    new Date(seconds * 1000),
  );
}

function subscriptionCard(locale: PageLocale, sub: Stripe.Subscription): string {
  const text = TEXT[locale];
  const perMonth = sub.items.data.reduce(
    (sum, item) => sum + (item.price.recurring ? (item.price.unit_amount ?? 0) * (item.quantity ?? 1) : 0),
    0,
  );
  const amount = formatMoney({ value: perMonth, currency: sub.currency.toUpperCase() }, locale);
  const periodEnd = sub.items.data[0]?.current_period_end ?? 0;
  const status =
    sub.status === "canceled"
      ? text.ended
      : sub.cancel_at_period_end
        ? `${text.endsOn} ${date(locale, sub.cancel_at ?? periodEnd)}`
        : `${text.nextCharge}: ${date(locale, periodEnd)}${sub.status === "past_due" ? ` (${text.pastDue})` : ""}`;
  const card = typeof sub.default_payment_method === "string" ? sub.default_payment_method : "";
  const live = sub.status !== "canceled";
  const forms = live
    ? `<form method="post" class="card">
  <input type="hidden" name="subscription" value="${escapeHtml(sub.id)}">
  <input type="hidden" name="action" value="update_card">
  <label>${text.cardNumber} <input name="card" inputmode="numeric" autocomplete="off" required></label>
  <button type="submit">${text.updateCard}</button>
</form>${
        sub.cancel_at_period_end
          ? ""
          : `
<form method="post">
  <input type="hidden" name="subscription" value="${escapeHtml(sub.id)}">
  <button type="submit" name="action" value="cancel" class="cancel">${text.cancel}</button>
</form>`
      }`
    : "";
  return `<section data-subscription="${escapeHtml(sub.id)}">
<p class="amount">${escapeHtml(amount)} <small>${text.monthly}</small></p>
<p class="status" data-testid="portal-status">${escapeHtml(status)}</p>
${card ? `<p>${text.card}: <bdi>${escapeHtml(card)}</bdi></p>` : ""}
${forms}
</section>`;
}

/** Stands in for Stripe's customer portal page. */
export function billingPortalPage(
  session: Stripe.BillingPortal.Session,
  subscriptions: Stripe.Subscription[],
  notice?: PortalNotice,
): string {
  const locale = portalLocale(session);
  const text = TEXT[locale];
  const message = notice ? `<p role="alert" class="notice">${escapeHtml(text[notice])}</p>` : "";
  const list = subscriptions.length
    ? subscriptions.map((sub) => subscriptionCard(locale, sub)).join("\n")
    : `<p>${text.none}</p>`;
  const back = session.return_url
    ? `<p><a href="${escapeHtml(session.return_url)}">${text.back}</a></p>`
    : "";
  return `<!doctype html>
<html lang="${locale}" dir="${locale === "ar" ? "rtl" : "ltr"}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${text.title}</title>
<style>
body{font-family:system-ui,sans-serif;background:#f6f7f9;margin:0;padding:1.5rem;line-height:1.6}
main{max-inline-size:32rem;margin-inline:auto;background:#fff;border-radius:12px;padding:1.5rem;box-shadow:0 1px 4px #0002}
.banner{background:#fff4d6;padding:.5rem .75rem;border-radius:8px;font-size:.9rem}
section{border-block-start:1px solid #ddd;padding-block:1rem}
.amount{font-size:1.5rem;font-weight:700;margin:0}
.notice{color:#a40000;font-weight:600}
form{display:grid;gap:.5rem;margin-block-start:.75rem}
label{display:grid;gap:.25rem}
input,button{font:inherit;padding:.6rem;border-radius:8px;border:1px solid #8a8f98;background:#fff}
button{cursor:pointer}
button.cancel{color:#a40000;border-color:#a40000}
</style></head>
<body><main>
<p class="banner">${text.banner}</p>
<h1>${text.title}</h1>
${message}
${list}
${back}
</main></body></html>`;
}
