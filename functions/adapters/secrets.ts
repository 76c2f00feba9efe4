import { getSecret } from "@aws-lambda-powertools/parameters/secrets";
import { z } from "zod";
import { type Config, LOCAL_STRIPE_SECRET_KEY, LOCAL_STRIPE_WEBHOOK_SECRET } from "../config.ts";
import type { StripeSettings } from "./stripe.ts";

const stripeSecretSchema = z.object({
  secretKey: z.string().regex(/^(sk|rk)_(test|live)_/),
  webhookSecret: z.string().startsWith("whsec_"),
});

/**
 * Stripe credentials: from Secrets Manager in AWS (cached by Powertools), from the environment when a
 * developer uses their own Stripe test keys, and the documented local defaults in local payment mode.
 */
export async function loadStripeSettings(config: Config): Promise<StripeSettings> {
  if (config.STRIPE_SECRET_ARN) {
    const secret = stripeSecretSchema.parse(await getSecret(config.STRIPE_SECRET_ARN, { transform: "json" }));
    return { secretKey: secret.secretKey, webhookSecret: secret.webhookSecret };
  }
  const webhookSecret = config.STRIPE_WEBHOOK_SECRET ?? LOCAL_STRIPE_WEBHOOK_SECRET;
  if (config.STRIPE_SECRET_KEY) return { secretKey: config.STRIPE_SECRET_KEY, webhookSecret };
  return {
    secretKey: LOCAL_STRIPE_SECRET_KEY,
    webhookSecret,
    apiBase: new URL(config.STRIPE_API_BASE ?? config.PUBLIC_BASE_URL),
  };
}
