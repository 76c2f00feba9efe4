import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaffAuthenticator } from "../../../functions/auth/staff-tokens.ts";
import { createLocalIssuer } from "../../../local/auth/issuer.ts";
import {
  createStaffUser,
  type LocalAuthStore,
  openLocalAuthStore,
  totpFor,
} from "../../../local/auth/store.ts";

const clientId = "athar-local-staff";
let base = "";
let store: LocalAuthStore;
let totpCode = () => "";
const server = createServer(async (request, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const handled = await issuer().handle(request, response, Buffer.concat(chunks));
  if (!handled) response.writeHead(404).end();
});
let issuerInstance: ReturnType<typeof createLocalIssuer> | undefined;
const issuer = () => {
  issuerInstance ??= createLocalIssuer({
    store,
    issuer: `${base}/local-auth`,
    clientId,
    callbackUrls: [`${base}/en/finance/`, `${base}/ar/finance/`],
  });
  return issuerInstance;
};

/** A code is accepted once, so each sign-in enrols the user afresh (a new TOTP secret). */
function enrol() {
  const created = createStaffUser(store, {
    email: "fin@council.example",
    role: "finance",
    password: "Str0ng-enough!",
  });
  totpCode = () => totpFor(created.user).generate();
}

beforeAll(async () => {
  store = await openLocalAuthStore();
  enrol();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const verifier = randomBytes(32).toString("base64url");
const challenge = createHash("sha256").update(verifier).digest("base64url");
const authorizeParams = (overrides: Record<string, string> = {}) =>
  new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: `${base}/en/finance/`,
    state: "st4te",
    code_challenge: challenge,
    code_challenge_method: "S256",
    scope: "openid email",
    lang: "en",
    ...overrides,
  });

const post = (path: string, form: Record<string, string> | URLSearchParams) =>
  fetch(`${base}${path}`, { method: "POST", body: new URLSearchParams(form), redirect: "manual" });

const hiddenLogin = (page: string) => /name="login" value="([^"]+)"/.exec(page)?.[1] ?? "";

async function signIn(password = "Str0ng-enough!") {
  const passwordStep = await post("/local-auth/oauth2/authorize", {
    ...Object.fromEntries(authorizeParams()),
    step: "password",
    email: "FIN@council.example",
    password,
  });
  return { status: passwordStep.status, page: await passwordStep.text() };
}

async function codeFor() {
  enrol();
  const { page } = await signIn();
  const done = await post("/local-auth/oauth2/authorize", {
    step: "totp",
    lang: "en",
    login: hiddenLogin(page),
    code: totpCode(),
  });
  expect(done.status).toBe(302);
  const location = new URL(done.headers.get("location") ?? "");
  expect(`${location.origin}${location.pathname}`).toBe(`${base}/en/finance/`);
  expect(location.searchParams.get("state")).toBe("st4te");
  return location.searchParams.get("code") ?? "";
}

const exchange = (code: string, codeVerifier = verifier) =>
  post("/local-auth/oauth2/token", {
    grant_type: "authorization_code",
    client_id: clientId,
    code,
    redirect_uri: `${base}/en/finance/`,
    code_verifier: codeVerifier,
  });

describe("the local staff issuer", () => {
  it("signs in with password then TOTP, and issues tokens the API's verifier accepts", async () => {
    const page = await fetch(`${base}/local-auth/oauth2/authorize?${authorizeParams({ lang: "ar" })}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html lang="ar" dir="rtl">');
    const response = await exchange(await codeFor());
    expect(response.status).toBe(200);
    const tokens = (await response.json()) as { access_token: string; id_token: string; expires_in: number };
    expect(tokens.expires_in).toBe(3600);
    const authenticator = createStaffAuthenticator({
      issuer: `${base}/local-auth`,
      jwksUrl: `${base}/local-auth/.well-known/jwks.json`,
      clientId,
    });
    const principal = await authenticator.authenticate(`Bearer ${tokens.access_token}`);
    expect(principal).toMatchObject({ email: "fin@council.example", roles: ["finance"] });
    await expect(authenticator.authenticate(`Bearer ${tokens.id_token}`)).rejects.toThrow(
      /CognitoJwtInvalidTokenUseError/,
    );
  });

  it("refuses a wrong password and a wrong code, and never skips the second factor", async () => {
    const wrong = await signIn("Str0ng-enough?");
    expect(wrong.status).toBe(401);
    expect(wrong.page).toContain("The e-mail or password is not right.");
    expect(hiddenLogin(wrong.page)).toBe("");
    const { page } = await signIn();
    const badCode = await post("/local-auth/oauth2/authorize", {
      step: "totp",
      lang: "en",
      login: hiddenLogin(page),
      code: "12345",
    });
    expect(badCode.status).toBe(401);
    // A code that signed someone in is spent: the same code does not pass a second time.
    await codeFor();
    const again = await signIn();
    const replayed = await post("/local-auth/oauth2/authorize", {
      step: "totp",
      lang: "en",
      login: hiddenLogin(again.page),
      code: totpCode(),
    });
    expect(replayed.status).toBe(401);
    const forged = await post("/local-auth/oauth2/authorize", {
      step: "totp",
      lang: "en",
      login: "made-up",
      code: totpCode(),
    });
    expect(forged.status).toBe(400);
  });

  it("gives tokens only for the PKCE verifier, once per code", async () => {
    const code = await codeFor();
    expect((await exchange(code, randomBytes(32).toString("base64url"))).status).toBe(400);
    // The failed attempt used the code up, as a code is good for one exchange.
    expect((await exchange(code)).status).toBe(400);
    const fresh = await codeFor();
    expect((await exchange(fresh)).status).toBe(200);
    expect(await (await exchange(fresh)).json()).toEqual({ error: "invalid_grant" });
  });

  it("refuses another client, a callback outside the console, and a flow without S256 PKCE", async () => {
    for (const overrides of [
      { client_id: "other" },
      { redirect_uri: "https://evil.example/en/finance/" },
      { code_challenge_method: "plain" },
      { code_challenge: "" },
    ] as Record<string, string>[]) {
      const response = await fetch(`${base}/local-auth/oauth2/authorize?${authorizeParams(overrides)}`);
      expect(response.status, JSON.stringify(overrides)).toBe(400);
    }
  });

  it("signs out back to the console only", async () => {
    const ok = await fetch(
      `${base}/local-auth/logout?${new URLSearchParams({ client_id: clientId, logout_uri: `${base}/ar/finance/` })}`,
      { redirect: "manual" },
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe(`${base}/ar/finance/`);
    const open = await fetch(
      `${base}/local-auth/logout?${new URLSearchParams({ client_id: clientId, logout_uri: "https://evil.example/" })}`,
      { redirect: "manual" },
    );
    expect(open.status).toBe(400);
  });
});

describe("where the local issuer keeps its staff", () => {
  it("tells npm run staff:create: nowhere on disk for a stack without a data directory", async () => {
    const response = await fetch(`${base}/local-auth/admin/store`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ file: null });
  });

  it("is the store's file when it has one", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "athar-issuer-")), "local-auth.json");
    expect((await openLocalAuthStore(file)).file).toBe(file);
  });
});
