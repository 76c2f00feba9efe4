import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { BotCheck } from "../domain/donations/checkout-guard.ts";
import { BotCheckUnavailableError } from "../domain/errors.ts";

export const TURNSTILE_VERIFY_URL = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

export interface TurnstileSettings {
  secretKey: string;
  verifyUrl?: string | undefined;
  /** How long siteverify may take before the check counts as unavailable. */
  timeoutMs?: number;
  /**
   * The site's host: a token solved on another site that shares the widget (Cloudflare lets one widget
   * list several hosts) is refused.
   */
  expectedHostname: string;
}

/**
 * Cloudflare's documented dummy secret keys answer for every token with the hostname `example.com`, so with
 * them (staging, tests) that host is the expected one.
 */
const DUMMY_SECRET = /^[123]x0{31}AA$/;
const DUMMY_HOSTNAME = "example.com";

/** Cloudflare's documented maximum; longer tokens are refused without asking it. */
const MAX_TOKEN_LENGTH = 2048;

/** Errors that are ours (a wrong secret) or Cloudflare's, not the donor's: the check could not be made. */
const PROVIDER_SIDE_ERRORS = new Set(["missing-input-secret", "invalid-input-secret", "internal-error"]);

const siteverifyAnswer = z.object({
  success: z.boolean(),
  "error-codes": z.array(z.string()).default([]),
  /** The host of the page the challenge was solved on. */
  hostname: z.string().optional(),
});

/**
 * Cloudflare Turnstile's server-side check (siteverify). A token is good for one verification; a missing
 * token fails without a network call. When siteverify cannot answer, the check fails closed.
 */
export function createTurnstileVerifier(settings: TurnstileSettings): BotCheck {
  const verifyUrl = settings.verifyUrl ?? TURNSTILE_VERIFY_URL;
  const timeoutMs = settings.timeoutMs ?? 3000;
  const expectedHostname = DUMMY_SECRET.test(settings.secretKey) ? DUMMY_HOSTNAME : settings.expectedHostname;
  return {
    async verify(token, clientIp) {
      if (!token || token.length > MAX_TOKEN_LENGTH) return false;
      const form = new URLSearchParams({
        secret: settings.secretKey,
        response: token,
        remoteip: clientIp,
        // Lets Cloudflare recognise a repeated verification of the same token as the same one.
        idempotency_key: randomUUID(),
      });
      let answer: unknown;
      try {
        const response = await fetch(verifyUrl, {
          method: "POST",
          body: form,
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!response.ok) throw new Error(`siteverify answered HTTP ${response.status}`);
        answer = await response.json();
      } catch (cause) {
        throw new BotCheckUnavailableError("Turnstile siteverify did not answer", { cause });
      }
      const parsed = siteverifyAnswer.safeParse(answer);
      if (!parsed.success) throw new BotCheckUnavailableError("Turnstile siteverify answered unexpectedly");
      const providerSide = parsed.data["error-codes"].filter((code) => PROVIDER_SIDE_ERRORS.has(code));
      if (!parsed.data.success && providerSide.length > 0) {
        throw new BotCheckUnavailableError(`Turnstile siteverify refused us: ${providerSide.join(", ")}`);
      }
      return parsed.data.success && parsed.data.hostname === expectedHostname;
    },
  };
}
