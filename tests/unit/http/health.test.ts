import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import {
  checkHealth,
  HEALTH_METRICS,
  HEALTH_NAMESPACE,
  healthMetrics,
  siteAnswers,
} from "../../../functions/monitoring/health.ts";

async function serving(status: number, body: string) {
  const server = createServer((_request, response) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

describe("the health probe", () => {
  it("counts a check that throws as failed, and runs the others", async () => {
    const result = await checkHealth({
      site: async () => {
        throw new Error("DNS");
      },
      paymentsConfigured: async () => true,
    });
    expect(result).toEqual({ site: false, paymentsConfigured: true });
  });

  it("writes one Embedded Metric Format record: 1 for a failed check, 0 for a passed one", () => {
    const at = new Date("2026-10-22T09:00:00Z");
    expect(healthMetrics({ site: true, paymentsConfigured: false }, "production", at)).toEqual({
      _aws: {
        Timestamp: at.getTime(),
        CloudWatchMetrics: [
          {
            Namespace: HEALTH_NAMESPACE,
            Dimensions: [["Stage"]],
            Metrics: [
              { Name: HEALTH_METRICS.site, Unit: "Count" },
              { Name: HEALTH_METRICS.paymentsConfigured, Unit: "Count" },
            ],
          },
        ],
      },
      Stage: "production",
      SiteUnhealthy: 0,
      PaymentsNotConfigured: 1,
    });
  });

  it('takes the site as healthy only for 200 {"ok":true} from /api/health', async () => {
    for (const [status, body, healthy] of [
      [200, '{"ok":true}', true],
      [200, '{"ok":false}', false],
      [503, '{"ok":true}', false],
    ] as const) {
      const site = await serving(status, body);
      try {
        expect(await siteAnswers(`${site.url}/`), `${status} ${body}`).toBe(healthy);
      } finally {
        site.close();
      }
    }
  });
});
