import { loadStripeSettings } from "../adapters/secrets.ts";
import { loadConfig } from "../config.ts";
import { logger } from "../http/logger.ts";
import { checkHealth, healthMetrics, siteAnswers } from "../monitoring/health.ts";
import { systemClock } from "./wiring.ts";

const config = loadConfig();

/** Every few minutes (an EventBridge schedule): the site through CloudFront, and the payment keys. */
export async function handler(): Promise<void> {
  const result = await checkHealth({
    site: () => siteAnswers(config.PUBLIC_BASE_URL),
    // The Stripe secret's shape is checked as the payment functions check it: a placeholder fails.
    paymentsConfigured: async () => Boolean(await loadStripeSettings(config)),
  });
  // One JSON line in the Embedded Metric Format becomes the metrics the alarms watch.
  console.log(JSON.stringify(healthMetrics(result, config.STAGE_NAME ?? "local", systemClock.now())));
  if (!result.site || !result.paymentsConfigured) logger.error("health check failed", { ...result });
}
