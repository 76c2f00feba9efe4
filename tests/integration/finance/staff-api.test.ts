import { describe, expect, it } from "vitest";
import { createDocumentClient } from "../../../functions/adapters/dynamodb.ts";
import { SESSION_COOKIE, sessionKeysSchema, signDonorSession } from "../../../functions/auth/session.ts";
import { LOCAL_SESSION_KEYS, loadConfig } from "../../../functions/config.ts";
import { createAuditStore } from "../../../functions/table/finance/audit-store.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import { staffAuthorization } from "../../support/staff.ts";

const stack = withLocalStack();

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${stack.url}${path}`, { headers: { "accept-language": "en", ...headers } });

const as = async (...roles: Parameters<typeof staffAuthorization>[1][]) => ({
  authorization: await staffAuthorization(stack, roles.flat()),
});

async function donorCookie() {
  const keys = sessionKeysSchema.parse(JSON.parse(LOCAL_SESSION_KEYS));
  const { token } = await signDonorSession(
    { donorId: "dnr_test", epoch: 0, locale: "en", sessionId: "ses_staff_test" },
    keys,
    new Date(),
  );
  return `${SESSION_COOKIE}=${token}`;
}

const PROTECTED = ["/api/staff/me", "/api/finance/audit"];

describe("staff routes", () => {
  it("tell the site where staff sign in, without any credential", async () => {
    const response = await get("/api/staff/config");
    expect(response.status).toBe(200);
    const issuer = `${stack.url}/local-auth`;
    expect(await response.json()).toEqual({
      clientId: "athar-local-staff",
      authorizeUrl: `${issuer}/oauth2/authorize`,
      tokenUrl: `${issuer}/oauth2/token`,
      logoutUrl: `${issuer}/logout`,
      scope: "openid email",
    });
    expect(response.headers.get("x-athar-dynamodb-calls")).toBe("0");
  });

  it("refuse callers without a staff token (401), and a donor's session (403: signed in, not staff)", async () => {
    const cookie = await donorCookie();
    for (const path of PROTECTED) {
      const asDonor = await get(path, { cookie });
      expect(asDonor.status, path).toBe(403);
      expect(((await asDonor.json()) as { error: string }).error).toBe("forbidden");
      expect(asDonor.headers.get("x-athar-dynamodb-calls")).toBe("0");
      for (const headers of [{}, { authorization: cookie }, { authorization: "Bearer nonsense" }] as Record<
        string,
        string
      >[]) {
        const response = await get(path, headers);
        expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
        const body = (await response.json()) as { error: string; message: string };
        expect(body.error).toBe("signin_required");
        expect(body.message).toBe("Sign in as council staff to continue.");
        expect(response.headers.get("x-athar-dynamodb-calls")).toBe("0");
      }
    }
  });

  it("say who is signed in, for any role", async () => {
    const response = await get("/api/staff/me", {
      authorization: await staffAuthorization(stack, "editor", { email: "editor@council.example" }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ email: "editor@council.example", roles: ["editor"] });
  });

  it("keep the audit log from an editor and from staff in no group (403), in the caller's language", async () => {
    for (const headers of [await as("editor"), await as()]) {
      const response = await get("/api/finance/audit", { ...headers, "accept-language": "ar" });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({
        error: "forbidden",
        message: "لا تملك صلاحية الوصول إلى هذا.",
      });
      expect(response.headers.get("x-athar-dynamodb-calls")).toBe("0");
    }
  });

  it("show finance and admin the audit log, newest first, a page at a time, in one Query per page", async () => {
    const config = loadConfig();
    const month = "2031-02";
    let now = new Date(`${month}-10T08:00:00Z`);
    const audit = createAuditStore(
      createDocumentClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT }),
      config.TABLE_NAME,
      { now: () => now },
    );
    const actor = { staffId: "staff-1", email: "finance@council.example" };
    const written = [];
    for (let i = 0; i < 55; i += 1) {
      now = new Date(Date.parse(`${month}-10T08:00:00Z`) + i * 1000);
      written.push(
        await audit.record({ actor, action: "payout.import", target: { kind: "payout", id: `po_${i}` } }),
      );
    }

    for (const role of ["finance", "admin"] as const) {
      const first = await get(`/api/finance/audit?month=${month}`, await as(role));
      expect(first.status, role).toBe(200);
      expect(first.headers.get("x-athar-dynamodb-calls")).toBe("1");
      const page = (await first.json()) as { month: string; entries: unknown[]; cursor?: string };
      expect(page.month).toBe(month);
      expect(page.entries).toEqual(written.slice(5).reverse());
      const rest = await get(`/api/finance/audit?month=${month}&cursor=${page.cursor}`, await as(role));
      expect(rest.headers.get("x-athar-dynamodb-calls")).toBe("1");
      expect(await rest.json()).toEqual({ month, entries: written.slice(0, 5).reverse() });
    }
  });

  it("default to this month's log and refuse a bad month or a cursor from another month (400)", async () => {
    const finance = await as("finance");
    const thisMonth = await get("/api/finance/audit", finance);
    expect(((await thisMonth.json()) as { month: string }).month).toBe(new Date().toISOString().slice(0, 7));
    expect((await get("/api/finance/audit?month=2031-13", finance)).status).toBe(400);
    const foreign = Buffer.from(JSON.stringify({ pk: "AUDIT#2031-01", sk: "x" })).toString("base64url");
    const refused = await get(`/api/finance/audit?month=2031-02&cursor=${foreign}`, finance);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ details: [{ field: "cursor" }] });
  });
});
