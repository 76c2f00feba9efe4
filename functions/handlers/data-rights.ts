import { clearedSessionCookie } from "../auth/session.ts";
import { loadConfig } from "../config.ts";
import { exportDonorData, requestErasure } from "../domain/erasure/data-rights.ts";
import { assertSameOrigin, readDonorSession } from "../http/donor-session.ts";
import { createHttpHandler } from "../http/handler.ts";
import { isFormPost } from "../http/request.ts";
import { json, redirect } from "../http/responses.ts";
import { createDonorDataStore } from "../table/account/donor-data-store.ts";
import { documentClient, donorSessionDeps } from "./wiring.ts";

const config = loadConfig();
const session = await donorSessionDeps(config);
const deps = { store: createDonorDataStore(documentClient(config), config.TABLE_NAME), clock: session.clock };

export const handler = createHttpHandler(
  "dataRights",
  {
    "GET /api/me/export": async (event) => {
      const donor = await readDonorSession(event, session.sessionKeys, session.clock.now());
      const page = await exportDonorData(deps, donor, event.queryStringParameters?.cursor);
      return json(200, page, {
        "cache-control": "private, no-store",
        "content-disposition": 'attachment; filename="athar-export.json"',
      });
    },
    "POST /api/me/erasure": async (event) => {
      assertSameOrigin(event, config.PUBLIC_BASE_URL);
      const donor = await readDonorSession(event, session.sessionKeys, session.clock.now());
      await requestErasure(deps, donor);
      const done = isFormPost(event)
        ? redirect(`/${donor.locale}/account/?erasure=scheduled`)
        : json(202, { status: "scheduled" });
      return { ...done, cookies: [clearedSessionCookie(config.PUBLIC_BASE_URL)] };
    },
  },
  config,
);
