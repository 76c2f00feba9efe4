/**
 * The thank-you page asks the API how the checkout ended. Stripe's webhook can land a moment after the
 * donor is redirected here, so a pending status is polled, with a growing delay, until it settles.
 */
import { isLocale, LOCALES } from "../../../content/locales.ts";
import { formatMoney, type Money } from "../../../contract/money.ts";

type Shown = "pending" | "paid" | "paidMonthly" | "failed" | "expired" | "refunded" | "unknown" | "slow";

/** GET /api/checkout/{sessionId}: no personal data. */
interface CheckoutStatus {
  status: "pending" | "paid" | "failed" | "expired" | "refunded";
  interval: "once" | "month";
  amount: Money;
  /** Absent for the council's general fund. */
  initiative?: { id: string; title: Record<string, string> };
}

const SESSION_ID = /^cs_[A-Za-z0-9_]{8,200}$/;
/** About a minute of polling in all; after that the donor is told the receipt will come by e-mail. */
const DELAYS_MS = [
  500, 750, 1000, 1500, 2000, 2000, 3000, 3000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000,
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function fetchStatus(sessionId: string): Promise<CheckoutStatus | "not_found" | "error"> {
  try {
    const response = await fetch(`/api/checkout/${encodeURIComponent(sessionId)}`, {
      headers: { accept: "application/json" },
      cache: "no-store",
    });
    if (response.status === 404) return "not_found";
    if (!response.ok) return "error";
    return (await response.json()) as CheckoutStatus;
  } catch {
    return "error";
  }
}

export async function followCheckoutStatus(): Promise<void> {
  const root = document.querySelector<HTMLElement>("[data-checkout-status]");
  const statusLine = root?.querySelector<HTMLElement>('[data-testid="thanks-status"]');
  const receipt = root?.querySelector<HTMLElement>("[data-receipt]");
  const amount = root?.querySelector<HTMLElement>("[data-receipt-amount]");
  const initiative = root?.querySelector<HTMLElement>("[data-receipt-initiative]");
  if (!root || !statusLine || !receipt || !amount || !initiative) return;
  const locale = isLocale(root.dataset.locale) ? root.dataset.locale : "ar";
  const messages = JSON.parse(root.dataset.messages ?? "{}") as Record<Shown | "generalFund", string>;

  const show = (shown: Shown, status?: CheckoutStatus) => {
    statusLine.dataset.status = shown;
    statusLine.textContent = messages[shown];
    if (!status) return;
    amount.textContent = formatMoney(status.amount, LOCALES[locale].intl);
    initiative.textContent = status.initiative
      ? (status.initiative.title[locale] ?? status.initiative.id)
      : messages.generalFund;
    receipt.hidden = false;
  };

  const sessionId = new URLSearchParams(window.location.search).get("session_id") ?? "";
  if (!SESSION_ID.test(sessionId)) return show("unknown");

  let notFoundCount = 0;
  for (const delay of DELAYS_MS) {
    const result = await fetchStatus(sessionId);
    if (result === "not_found") {
      // The donation is written before the donor reaches Stripe, so a repeated 404 means a wrong link.
      if (++notFoundCount >= 3) return show("unknown");
    } else if (result !== "error") {
      if (result.status === "paid" && result.interval === "month") return show("paidMonthly", result);
      if (result.status !== "pending") return show(result.status, result);
      show("pending", result);
    }
    await sleep(delay);
  }
  show("slow");
}
