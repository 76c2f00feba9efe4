import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { TURNSTILE_ORIGIN } from "../../contract/origins.ts";
import { HANDLER_GROUPS, type HandlerGroup } from "../../functions/routes.ts";
import { contentSecurityPolicy } from "../../infra/security-headers.ts";
import { type CfnResource, resourcesOfType, synthesizeAthar } from "./synth.ts";

const SITE_KEY = "0x4AAAAAAATestSiteKey";

/** Each directive of a policy, by name. */
const directives = (policy: string) =>
  Object.fromEntries(
    policy.split(";").map((directive) => {
      const [name = "", ...sources] = directive.trim().split(/\s+/);
      return [name, sources];
    }),
  );

describe("the Content-Security-Policy and Turnstile", () => {
  it("allows Cloudflare's Turnstile scripts and frame only when the bot check is on", () => {
    const off = directives(contentSecurityPolicy({ turnstile: false }));
    const on = directives(contentSecurityPolicy({ turnstile: true }));
    expect(off["script-src"]).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(off["frame-src"]).toBeUndefined();
    expect(on["script-src"]).toEqual(["'self'", "'wasm-unsafe-eval'", TURNSTILE_ORIGIN]);
    expect(on["frame-src"]).toEqual([TURNSTILE_ORIGIN]);
    // Nothing else is loosened: every other directive is the same.
    const { "script-src": _s, "frame-src": _f, ...restOn } = on;
    const { "script-src": _s2, ...restOff } = off;
    expect(restOn).toEqual(restOff);
    expect(JSON.stringify(restOn)).not.toContain("cloudflare");
  });
});

describe("the stack with a Turnstile site key", () => {
  let synthesized: ReturnType<typeof synthesizeAthar>;
  beforeAll(() => {
    const siteDir = mkdtempSync(join(tmpdir(), "athar-site-"));
    writeFileSync(join(siteDir, "index.html"), "<!doctype html><title>Athar</title>");
    synthesized = synthesizeAthar({ siteDir, stage: { turnstileSiteKey: SITE_KEY } });
  });

  it("serves the site with the CSP that allows Turnstile", () => {
    const [[, policy]] = resourcesOfType(synthesized.template, "AWS::CloudFront::ResponseHeadersPolicy") as [
      [string, CfnResource],
    ];
    const config = policy.Properties.ResponseHeadersPolicyConfig as {
      SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: string } };
    };
    expect(config.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy).toBe(
      contentSecurityPolicy({
        turnstile: true,
        staffLoginOrigin: synthesized.stack.staff.loginUrl,
        exportsOrigin: synthesized.stack.exports.origin,
      }),
    );
  });

  it("gives the site key to the two functions that create checkouts (gifts and adoptions), and no other", () => {
    const checking: HandlerGroup[] = ["adoptions", "donations"];
    const groups = Object.keys(HANDLER_GROUPS) as HandlerGroup[];
    const functions = resourcesOfType(synthesized.template, "AWS::Lambda::Function");
    for (const group of groups) {
      const found = functions.find(
        ([, fn]) => fn.Properties.Description === `Athar: ${HANDLER_GROUPS[group].description}`,
      );
      expect(found, group).toBeDefined();
      const variables = (
        (found as [string, CfnResource])[1].Properties.Environment as {
          Variables: Record<string, unknown>;
        }
      ).Variables;
      expect(variables.PUBLIC_TURNSTILE_SITE_KEY, group).toBe(
        checking.includes(group) ? SITE_KEY : undefined,
      );
      // The secret key is never in the template: it lives in the Stripe secret.
      expect(JSON.stringify(variables)).not.toMatch(/TURNSTILE_SECRET/);
    }
  });
});
