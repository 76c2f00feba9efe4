import { ulid } from "ulid";
import {
  cursorQuery,
  exportBody,
  exportIdParam,
  importBody,
  importJobIdParam,
  payoutExceptionIdParam,
  payoutIdParam,
  resolveBody,
} from "../../contract/api/finance.ts";
import { loadConfig } from "../config.ts";
import { importProgress, listPayouts, payoutView, requestImport } from "../domain/finance/console.ts";
import { exportDownload, exportStatus, requestExport } from "../domain/finance/exports/exports.ts";
import { markReconciled, resolveException } from "../domain/finance/reconciliation/actions.ts";
import { createHttpHandler } from "../http/handler.ts";
import { type HttpEvent, jsonOnlyBody, parseWith } from "../http/request.ts";
import { download, json, redirect } from "../http/responses.ts";
import { staffCaller } from "../http/staff-caller.ts";
import {
  auditLog,
  donationStore,
  exportFiles,
  exportStore,
  reconciliationStore,
  staffAuthenticator,
  systemClock,
} from "./wiring.ts";

const config = loadConfig();
const authenticator = staffAuthenticator(config);
const store = reconciliationStore(config);
const audit = auditLog(config);
const finance = { store, audit, clock: systemClock, newJobId: () => `imp_${ulid()}` };
const actions = {
  store,
  audit,
  clock: systemClock,
  donations: donationStore(config),
  timeZone: config.COUNCIL_TIME_ZONE,
};
const exports = {
  jobs: exportStore(config),
  files: exportFiles(config),
  audit,
  clock: systemClock,
  newExportId: () => `exp_${ulid()}`,
};

/** The console posts JSON only (a bearer token means a script, never a plain form). */
const jsonBody = jsonOnlyBody;

const staff = staffCaller(authenticator);
const cursorOf = (event: HttpEvent) => parseWith(cursorQuery, event.queryStringParameters ?? {});

export const handler = createHttpHandler(
  "finance",
  {
    "POST /api/finance/payouts/import": async (event) => {
      const principal = await staff(event);
      const request = event.body ? jsonBody(event, importBody) : {};
      return json(202, await requestImport(finance, principal, request));
    },
    "GET /api/finance/imports/{jobId}": async (event) => {
      const principal = await staff(event);
      const jobId = parseWith(importJobIdParam, event.pathParameters?.jobId);
      return json(200, await importProgress(finance, principal, jobId));
    },
    "GET /api/finance/payouts": async (event) => {
      const principal = await staff(event);
      return json(200, await listPayouts(finance, principal, cursorOf(event)));
    },
    "GET /api/finance/payouts/{payoutId}": async (event) => {
      const principal = await staff(event);
      const id = parseWith(payoutIdParam, event.pathParameters?.payoutId);
      return json(200, await payoutView(finance, principal, id, cursorOf(event)));
    },
    "POST /api/finance/exceptions/{exceptionId}/resolve": async (event) => {
      const principal = await staff(event);
      const exceptionId = parseWith(payoutExceptionIdParam, event.pathParameters?.exceptionId);
      const request = jsonBody(event, resolveBody);
      return json(200, await resolveException(actions, principal, exceptionId, request));
    },
    "POST /api/finance/payouts/{payoutId}/reconcile": async (event) => {
      const principal = await staff(event);
      const id = parseWith(payoutIdParam, event.pathParameters?.payoutId);
      return json(200, await markReconciled(actions, principal, id));
    },
    "POST /api/finance/exports": async (event) => {
      const principal = await staff(event);
      return json(202, await requestExport(exports, principal, jsonBody(event, exportBody)));
    },
    "GET /api/finance/exports/{exportId}": async (event) => {
      const principal = await staff(event);
      const id = parseWith(exportIdParam, event.pathParameters?.exportId);
      return json(200, await exportStatus(exports, principal, id));
    },
    "GET /api/finance/exports/{exportId}/download": async (event) => {
      const principal = await staff(event);
      const id = parseWith(exportIdParam, event.pathParameters?.exportId);
      const { file, fileName, contentType } = await exportDownload(exports, principal, id);
      return "url" in file ? redirect(file.url) : download(file.body, { contentType, name: fileName });
    },
  },
  config,
);
