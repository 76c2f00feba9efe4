/**
 * Donor accounts for the sign-in and data-rights tests: gifts paid through the webhook (which writes the
 * donor's profile and history), sign-in links read from the outbox, and the session cookie a callback sets.
 */

import { readFileSync, statSync } from "node:fs";
import { simpleParser } from "mailparser";
import { loadDonorIdKey } from "../../functions/adapters/secrets.ts";
import { loadConfig } from "../../functions/config.ts";
import { donorIdOf } from "../../functions/domain/donations/donor-identity.ts";
import { donationRequest, postJson, sessionIdOf, startCheckout } from "./donations.ts";
import { outboxMails } from "./outbox.ts";
import { completedEvent, postWebhook, signedDelivery } from "./stripe-events.ts";

export interface Donor {
  name: string;
  email: string;
  phone?: string;
}

export async function donorIdFor(email: string): Promise<string> {
  return donorIdOf(email, await loadDonorIdKey(loadConfig()));
}

/** A gift checked out with the donor's details and paid through the webhook (which writes their rows). */
export async function paidGift(baseUrl: string, donor: Donor, overrides: Record<string, unknown> = {}) {
  const started = await startCheckout(baseUrl, donationRequest({ donor, ...overrides }));
  if (started.status !== 201) throw new Error(`checkout answered ${started.status}`);
  const donationId = String(started.body.donationId);
  const value = Number((overrides.amount as { value?: number } | undefined)?.value ?? 10000);
  const recorded = await postWebhook(
    baseUrl,
    signedDelivery(completedEvent(donationId, sessionIdOf(started.body.checkoutUrl), value)),
  );
  if (recorded.body.outcome !== "recorded")
    throw new Error(`webhook answered ${JSON.stringify(recorded.body)}`);
  return { donationId, donorId: await donorIdFor(donor.email) };
}

/** Sign-in e-mails in the outbox, oldest first. */
function signInMails(): string[] {
  return outboxMails(process.env.OUTBOX_DIR ?? "", "signin-").sort(
    (a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs,
  );
}

/** The sign-in e-mails sent to this address, parsed. */
export async function signInMailsTo(email: string) {
  const parsed = await Promise.all(signInMails().map((file) => simpleParser(readFileSync(file))));
  return parsed.filter((mail) => (mail.to && "text" in mail.to ? mail.to.text : "").includes(email));
}

/** The token of the latest link e-mailed to this address. */
export async function latestSignInToken(email: string): Promise<string> {
  const mail = (await signInMailsTo(email)).at(-1);
  const token = /[?&]token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? "")?.[1];
  if (!token) throw new Error("no sign-in link was e-mailed to that address");
  return token;
}

/** The local stack as a test file has it (tests/support/local-stack.ts). */
export interface DonorStack {
  url: string;
  drainStreams(): Promise<void>;
}

/**
 * Asks for a link, then waits until the sign-in mail worker has handled the request (it answers first and
 * e-mails after), so that the outbox holds whatever it sent.
 */
export async function requestLink(
  stack: DonorStack,
  email: string,
  locale = "en",
  headers: Record<string, string> = {},
) {
  const answer = await postJson(stack.url, "/api/auth/link", { email, locale }, headers);
  await stack.drainStreams();
  return answer;
}

/** GET the callback without following its redirect. */
export const callback = (baseUrl: string, token: string) =>
  fetch(`${baseUrl}/api/auth/callback?token=${encodeURIComponent(token)}`, { redirect: "manual" });

/** `athar_session=…` from a callback's Set-Cookie, ready for a Cookie header. */
export function cookieOf(response: Response): string {
  const [setCookie] = response.headers.getSetCookie();
  const pair = setCookie?.split(";")[0] ?? "";
  if (!pair.startsWith("athar_session=") || pair === "athar_session=") throw new Error("no session cookie");
  return pair;
}

/** Signs the donor in through a link e-mailed to them; the session cookie. */
export async function signIn(stack: DonorStack, email: string): Promise<string> {
  const asked = await requestLink(stack, email);
  if (asked.status !== 202) throw new Error(`link request answered ${asked.status}`);
  return cookieOf(await callback(stack.url, await latestSignInToken(email)));
}

/** A same-origin request from the site's own pages, as the browser marks it. */
export const sameOrigin = { "sec-fetch-site": "same-origin" };

export async function exportPage(baseUrl: string, cookie: string, cursor?: string) {
  const response = await fetch(
    `${baseUrl}/api/me/export${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`,
    { headers: { cookie } },
  );
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

export const postWith = (baseUrl: string, path: string, headers: Record<string, string>) =>
  fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: "{}",
    redirect: "manual",
  });
