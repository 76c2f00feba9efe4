/**
 * What the health probe checks every few minutes in AWS, so an alarm goes off before a donor finds out:
 * the site answers `/api/health` through CloudFront (the whole path: DNS, certificate, distribution,
 * origin header, API, function), and the payment keys are real ones, not the placeholder the stack
 * creates the Stripe secret with. Each check becomes a CloudWatch metric through the Embedded Metric
 * Format (one JSON log line; no API call, no permission).
 */
export interface HealthChecks {
  site(): Promise<boolean>;
  paymentsConfigured(): Promise<boolean>;
}

export interface HealthResult {
  site: boolean;
  paymentsConfigured: boolean;
}

/** The metrics' namespace and names (infra/lib/monitoring.ts alarms on them). */
export const HEALTH_NAMESPACE = "Athar/Health";
export const HEALTH_METRICS = { site: "SiteUnhealthy", paymentsConfigured: "PaymentsNotConfigured" } as const;

/** Runs every check; a check that throws counts as failed. */
export async function checkHealth(checks: HealthChecks): Promise<HealthResult> {
  const run = (check: () => Promise<boolean>) => check().catch(() => false);
  const [site, paymentsConfigured] = await Promise.all([run(checks.site), run(checks.paymentsConfigured)]);
  return { site, paymentsConfigured };
}

/** The result as one Embedded Metric Format record: 1 where a check failed, 0 where it passed. */
export function healthMetrics(result: HealthResult, stage: string, at: Date): Record<string, unknown> {
  return {
    _aws: {
      Timestamp: at.getTime(),
      CloudWatchMetrics: [
        {
          Namespace: HEALTH_NAMESPACE,
          Dimensions: [["Stage"]],
          Metrics: Object.values(HEALTH_METRICS).map((Name) => ({ Name, Unit: "Count" })),
        },
      ],
    },
    Stage: stage,
    [HEALTH_METRICS.site]: result.site ? 0 : 1,
    [HEALTH_METRICS.paymentsConfigured]: result.paymentsConfigured ? 0 : 1,
  };
}

/** The site's health endpoint answered 200 `{"ok":true}` within the time allowed. */
export async function siteAnswers(url: string, timeoutMs = 10_000): Promise<boolean> {
  const response = await fetch(`${url.replace(/\/$/, "")}/api/health`, {
    signal: AbortSignal.timeout(timeoutMs),
  });
  return response.ok && ((await response.json()) as { ok?: unknown }).ok === true;
}
