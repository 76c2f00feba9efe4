import { historyQuery, statementQuery } from "../../contract/api/donors.ts";
import { loadConfig } from "../config.ts";
import { getDashboard, getHistory, getStatement } from "../domain/account/account.ts";
import { readDonorSession } from "../http/donor-session.ts";
import { createHttpHandler } from "../http/handler.ts";
import type { HttpEvent } from "../http/request.ts";
import { parseWith } from "../http/request.ts";
import { json } from "../http/responses.ts";
import { createCatalog, donorSessionDeps, donorStore } from "./wiring.ts";

const config = loadConfig();
const session = await donorSessionDeps(config);
const deps = { donors: donorStore(config), catalog: createCatalog(), clock: session.clock };

/** A donor's own figures: never stored by CloudFront or the browser. */
const PRIVATE = { "cache-control": "private, no-store" };

/** Whose data is read comes from the signed cookie only; id parameters in the query are never looked at. */
const donorOf = (event: HttpEvent) => readDonorSession(event, session.sessionKeys, session.clock.now());

export const handler = createHttpHandler(
  "account",
  {
    "GET /api/me/dashboard": async (event) =>
      json(200, await getDashboard(deps, await donorOf(event)), PRIVATE),
    "GET /api/me/donations": async (event) => {
      const donor = await donorOf(event);
      const page = parseWith(historyQuery, {
        cursor: event.queryStringParameters?.cursor,
        limit: event.queryStringParameters?.limit,
      });
      return json(200, await getHistory(deps, donor, page), PRIVATE);
    },
    "GET /api/me/statement": async (event) => {
      const donor = await donorOf(event);
      const query = parseWith(statementQuery, {
        calendar: event.queryStringParameters?.calendar,
        year: event.queryStringParameters?.year,
      });
      return json(200, await getStatement(deps, donor, query), PRIVATE);
    },
  },
  config,
);
