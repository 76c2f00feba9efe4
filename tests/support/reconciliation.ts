/**
 * Helpers for reconciliation tests: a month of giving played through the local stack and the Stripe
 * emulator (with the ways of making exceptions: withheld webhooks, a dashboard refund, a fee knob).
 */
import { expect } from "vitest";
import { LOCAL_STRIPE_SECRET_KEY } from "../../functions/config.ts";
import type { AdminResult } from "../../local/stripe/admin-routes.ts";
import { donationRequest, startCheckout } from "./donations.ts";
import { localStripe } from "./local-stripe.ts";

/** An emulator admin action (what Stripe does on its own); `deliver: false` withholds its webhooks. */
export async function stripeAdmin(baseUrl: string, action: string, body: Record<string, unknown> = {}) {
  const response = await fetch(`${baseUrl}/local-stripe/admin/${action}`, {
    method: "POST",
    headers: { authorization: `Bearer ${LOCAL_STRIPE_SECRET_KEY}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as AdminResult;
  expect(response.status, JSON.stringify(answer)).toBe(200);
  return answer;
}

/** A donation to the general fund, checked out through the API; its id. */
export async function donate(
  baseUrl: string,
  value: number,
  currency: string,
  interval: "once" | "month" = "once",
): Promise<string> {
  const started = await startCheckout(
    baseUrl,
    donationRequest({ initiativeId: undefined, amount: { value, currency }, interval, designation: "zakat" }),
  );
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  return String(started.body.donationId);
}

/** Paid through `npm run local:stripe -- pay` (every webhook answered 200). */
export async function paidGift(
  baseUrl: string,
  value: number,
  currency: string,
  interval: "once" | "month" = "once",
) {
  const donationId = await donate(baseUrl, value, currency, interval);
  await localStripe(baseUrl, "pay", donationId);
  return donationId;
}

export const financeStaff = {
  staffId: "stf_finance_1",
  email: "finance@council.example",
  roles: ["finance" as const],
};
