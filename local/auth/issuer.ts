/**
 * The local staff issuer, mounted at /local-auth/ by the local server: the OAuth 2.0 authorization-code
 * flow with PKCE (S256) shaped like Cognito's managed login (`/oauth2/authorize`, `/oauth2/token`,
 * `/logout`, `/.well-known/jwks.json`). MFA is always required: password, then a TOTP code.
 */
import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { LOCAL_AUTH_PATH } from "../../functions/config.ts";
import { errorPage, type PageLocale, pageText, passwordPage, totpPage } from "./pages.ts";
import { acceptTotpCode, type LocalAuthStore, type LocalStaffUser, passwordMatches } from "./store.ts";
import { issueTokens } from "./tokens.ts";

export interface LocalIssuerOptions {
  store: LocalAuthStore;
  /** The tokens' `iss`: `<PUBLIC_BASE_URL>/local-auth`. */
  issuer: string;
  clientId: string;
  /** Where the flow may return to (the finance console in both languages). */
  callbackUrls: string[];
}

interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scope: string;
}

/** Pending logins (password accepted, code awaited) and codes live 5 minutes, in memory. */
const PENDING_MS = 5 * 60 * 1000;

const opaque = () => randomBytes(24).toString("base64url");

function send(response: ServerResponse, status: number, body: string, headers: Record<string, string>) {
  response.writeHead(status, { "cache-control": "no-store", ...headers });
  response.end(body);
}

const sendHtml = (response: ServerResponse, status: number, page: string) =>
  send(response, status, page, {
    "content-type": "text/html; charset=utf-8",
    // The pages are forms posting to themselves; nothing may frame them.
    "content-security-policy":
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  });

const sendJson = (response: ServerResponse, status: number, body: unknown) =>
  send(response, status, JSON.stringify(body), { "content-type": "application/json" });

const localeOf = (value: string | null | undefined): PageLocale => (value === "ar" ? "ar" : "en");

export function createLocalIssuer(options: LocalIssuerOptions) {
  const pendingLogins = new Map<string, { email: string; request: AuthorizeRequest; expires: number }>();
  const codes = new Map<string, { user: LocalStaffUser; request: AuthorizeRequest; expires: number }>();

  /** The authorize parameters, checked as Cognito checks them; undefined when the request is unusable. */
  function authorizeRequest(params: URLSearchParams): AuthorizeRequest | undefined {
    const request = {
      clientId: params.get("client_id") ?? "",
      redirectUri: params.get("redirect_uri") ?? "",
      state: params.get("state") ?? "",
      codeChallenge: params.get("code_challenge") ?? "",
      scope: params.get("scope") ?? "openid email",
    };
    const valid =
      params.get("response_type") === "code" &&
      request.clientId === options.clientId &&
      options.callbackUrls.includes(request.redirectUri) &&
      params.get("code_challenge_method") === "S256" &&
      /^[\w-]{43}$/.test(request.codeChallenge);
    return valid ? request : undefined;
  }

  const requestFields = (request: AuthorizeRequest, locale: PageLocale) => ({
    response_type: "code",
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: "S256",
    scope: request.scope,
    lang: locale,
  });

  function redirectWithCode(response: ServerResponse, user: LocalStaffUser, request: AuthorizeRequest) {
    const code = opaque();
    codes.set(code, { user, request, expires: Date.now() + PENDING_MS });
    const target = new URL(request.redirectUri);
    target.searchParams.set("code", code);
    if (request.state) target.searchParams.set("state", request.state);
    send(response, 302, "", { location: target.href });
  }

  function signInStep(response: ServerResponse, form: URLSearchParams) {
    const locale = localeOf(form.get("lang"));
    if (form.get("step") === "totp") {
      const login = form.get("login") ?? "";
      const pending = pendingLogins.get(login);
      const user = pending && options.store.findUser(pending.email);
      if (!pending || !user || pending.expires < Date.now()) {
        pendingLogins.delete(login);
        return sendHtml(response, 400, errorPage(locale, pageText(locale, "expired")));
      }
      if (!acceptTotpCode(options.store, user, form.get("code") ?? ""))
        return sendHtml(response, 401, totpPage(locale, login, pageText(locale, "badCode")));
      pendingLogins.delete(login);
      return redirectWithCode(response, user, pending.request);
    }
    const request = authorizeRequest(form);
    if (!request) return sendHtml(response, 400, errorPage(locale, pageText(locale, "badRequest")));
    const email = form.get("email") ?? "";
    const user = options.store.findUser(email);
    if (!user || !passwordMatches(form.get("password") ?? "", user.passwordHash)) {
      const page = passwordPage(locale, requestFields(request, locale), {
        email,
        error: pageText(locale, "badPassword"),
      });
      return sendHtml(response, 401, page);
    }
    const login = opaque();
    pendingLogins.set(login, { email: user.email, request, expires: Date.now() + PENDING_MS });
    return sendHtml(response, 200, totpPage(locale, login));
  }

  async function token(response: ServerResponse, form: URLSearchParams) {
    const code = form.get("code") ?? "";
    const granted = codes.get(code);
    codes.delete(code); // a code is good once, used or not
    const verifier = form.get("code_verifier") ?? "";
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    if (form.get("grant_type") !== "authorization_code")
      return sendJson(response, 400, { error: "unsupported_grant_type" });
    if (
      !granted ||
      granted.expires < Date.now() ||
      granted.request.clientId !== form.get("client_id") ||
      granted.request.redirectUri !== form.get("redirect_uri") ||
      granted.request.codeChallenge !== challenge
    )
      return sendJson(response, 400, { error: "invalid_grant" });
    const tokens = await issueTokens(options.store.signingKey(), granted.user, {
      issuer: options.issuer,
      clientId: granted.request.clientId,
    });
    return sendJson(response, 200, tokens);
  }

  function logout(response: ServerResponse, params: URLSearchParams) {
    const target = params.get("logout_uri") ?? "";
    if (params.get("client_id") !== options.clientId || !options.callbackUrls.includes(target))
      return sendHtml(response, 400, errorPage("en", pageText("en", "badRequest")));
    return send(response, 302, "", { location: target });
  }

  /** Answers requests under /local-auth/; returns false for anything else. */
  async function handle(request: IncomingMessage, response: ServerResponse, body: Buffer): Promise<boolean> {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (!url.pathname.startsWith(`${LOCAL_AUTH_PATH}/`)) return false;
    const path = url.pathname.slice(LOCAL_AUTH_PATH.length);
    const route = `${request.method} ${path}`;
    const form = new URLSearchParams(body.toString("utf8"));
    if (route === "GET /.well-known/jwks.json") sendJson(response, 200, options.store.jwks());
    else if (route === "GET /oauth2/authorize") {
      const locale = localeOf(url.searchParams.get("lang"));
      const authorize = authorizeRequest(url.searchParams);
      if (authorize) sendHtml(response, 200, passwordPage(locale, requestFields(authorize, locale)));
      else sendHtml(response, 400, errorPage(locale, pageText(locale, "badRequest")));
    } else if (route === "POST /oauth2/authorize") signInStep(response, form);
    else if (route === "POST /oauth2/token") await token(response, form);
    else if (route === "GET /logout") logout(response, url.searchParams);
    // Where this stack keeps its staff, for `npm run staff:create` (a local stand-in only: Cognito has no such thing).
    else if (route === "GET /admin/store") sendJson(response, 200, { file: options.store.file ?? null });
    else sendJson(response, 404, { error: "not_found" });
    return true;
  }

  return { handle };
}
