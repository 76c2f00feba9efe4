import type { Locale } from "../../content/locales.ts";
import { signInLinkRequest } from "../../contract/api/donors.ts";
import { clearedSessionCookie, sessionCookie } from "../auth/session.ts";
import { loadConfig } from "../config.ts";
import { UnauthenticatedError } from "../domain/errors.ts";
import { completeSignIn, requestSignInLink, signOut } from "../domain/signin/signin.ts";
import { assertSameOrigin, readDonorSession } from "../http/donor-session.ts";
import { createHttpHandler } from "../http/handler.ts";
import { clientIp, isFormPost, readBody } from "../http/request.ts";
import { type HttpResult, json, redirect } from "../http/responses.ts";
import { signInDeps } from "./wiring.ts";

const config = loadConfig();
const deps = await signInDeps(config);

/** A link's token is 32 bytes in base64url; anything else is a link that cannot work. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const accountPage = (locale: Locale, query = "") => `/${locale}/account/${query}`;

function withCookie(result: HttpResult, cookie: string): HttpResult {
  return { ...result, cookies: [cookie] };
}

export const handler = createHttpHandler(
  "auth",
  {
    "POST /api/auth/link": async (event, { locale }) => {
      const request = readBody(event, signInLinkRequest, (fields) => ({
        email: fields.email,
        locale: fields.locale || locale,
      }));
      await requestSignInLink(deps, { ...request, clientIp: clientIp(event) });
      // The same answer, after the same work, whether or not the address has given.
      return isFormPost(event) ? redirect(accountPage(request.locale, "?sent=1")) : json(202, { ok: true });
    },
    "GET /api/auth/callback": async (event, { locale }) => {
      const token = event.queryStringParameters?.token ?? "";
      const outcome = TOKEN.test(token) ? await completeSignIn(deps, token) : { signedIn: false as const };
      if (!outcome.signedIn) return redirect(accountPage(outcome.locale ?? locale, "?signin=expired"));
      return withCookie(
        redirect(accountPage(outcome.locale)),
        sessionCookie(outcome.token, outcome.expiresAt, config.PUBLIC_BASE_URL),
      );
    },
    "POST /api/auth/signout": async (event, { locale }) => {
      assertSameOrigin(event, config.PUBLIC_BASE_URL);
      // A cookie that is already invalid is signed out already: clear it all the same.
      const session = await readDonorSession(event, deps.sessionKeys, deps.clock.now()).catch((error) => {
        if (error instanceof UnauthenticatedError) return undefined;
        throw error;
      });
      if (session) await signOut(deps, session);
      const done = isFormPost(event)
        ? redirect(accountPage(session?.locale ?? locale, "?signedout=1"))
        : { statusCode: 204, headers: { "cache-control": "no-store" }, body: "" };
      return withCookie(done, clearedSessionCookie(config.PUBLIC_BASE_URL));
    },
  },
  config,
);
