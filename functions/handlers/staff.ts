import { auditQuery } from "../../contract/api/finance.ts";
import { loadConfig } from "../config.ts";
import { readAuditLog, staffSignInSettings } from "../domain/finance/staff-console.ts";
import { createHttpHandler } from "../http/handler.ts";
import { parseWith } from "../http/request.ts";
import { json } from "../http/responses.ts";
import { staffCaller } from "../http/staff-caller.ts";
import { auditLog, staffAuthenticator, systemClock } from "./wiring.ts";

const config = loadConfig();
const authenticator = staffAuthenticator(config);
const deps = { audit: auditLog(config), clock: systemClock };
const signInSettings = staffSignInSettings(config.staffAuth);

const signedInStaff = staffCaller(authenticator);

export const handler = createHttpHandler(
  "staff",
  {
    // Public: the static site learns where to send staff to sign in without build-time settings.
    "GET /api/staff/config": async () =>
      json(200, signInSettings, { "cache-control": "public, max-age=300" }),
    "GET /api/staff/me": async (event) => {
      const { email, roles } = await signedInStaff(event);
      return json(200, { email, roles });
    },
    "GET /api/finance/audit": async (event) => {
      const principal = await signedInStaff(event);
      const query = parseWith(auditQuery, event.queryStringParameters ?? {});
      return json(200, await readAuditLog(deps, principal, query));
    },
  },
  config,
);
