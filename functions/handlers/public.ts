import { loadConfig } from "../config.ts";
import { createHttpHandler } from "../http/handler.ts";
import { json } from "../http/responses.ts";

const config = loadConfig();

export const handler = createHttpHandler(
  {
    "GET /api/health": async () => json(200, { ok: true }),
  },
  config,
);
