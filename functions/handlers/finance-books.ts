import { ulid } from "ulid";
import {
  coverBody,
  fundsQuery,
  giftBody,
  recognitionBody,
  recognitionDonationParam,
  recognitionInitiativeParam,
  resolveUnfulfilledBody,
  sponsorshipIdParam,
  unfulfilledIdParam,
} from "../../contract/api/finance.ts";
import { loadConfig } from "../config.ts";
import { listRecognition, setRecognitionHidden } from "../domain/adoption/recognition.ts";
import { listUnfulfilledAdoptions, resolveUnfulfilledAdoption } from "../domain/adoption/unfulfilled.ts";
import { ValidationError } from "../domain/errors.ts";
import { type FundsPeriod, fundBalances } from "../domain/finance/funds/funds.ts";
import { recordOfflineGift } from "../domain/finance/funds/offline-gifts.ts";
import { coverSponsorship } from "../domain/finance/funds/sponsorship-cover.ts";
import { createHttpHandler } from "../http/handler.ts";
import { type HttpEvent, jsonOnlyBody, parseWith } from "../http/request.ts";
import { json } from "../http/responses.ts";
import { staffCaller } from "../http/staff-caller.ts";
import {
  auditLog,
  booksStore,
  createCatalog,
  donationStore,
  donorIdKey,
  newDonationId,
  paymentGateway,
  recognitionStore,
  staffAuthenticator,
  systemClock,
  unfulfilledStore,
} from "./wiring.ts";

const config = loadConfig();
const authenticator = staffAuthenticator(config);
const books = booksStore(config);
const donations = donationStore(config);
const audit = auditLog(config);
const timeZone = config.COUNCIL_TIME_ZONE;
const donorKey = await donorIdKey(config);
const catalog = createCatalog();
const unfulfilledDeps = {
  unfulfilled: unfulfilledStore(config),
  payments: await paymentGateway(config),
  audit,
  clock: systemClock,
  timeZone,
};
const recognitionDeps = { recognition: recognitionStore(config), audit };

const staff = staffCaller(authenticator);

function periodOf(event: HttpEvent): FundsPeriod {
  const query = parseWith(fundsQuery, event.queryStringParameters ?? {});
  if ("from" in query) return { calendar: "gregorian", from: query.from, to: query.to };
  if (query.hijriFrom.year > query.hijriTo.year + 1)
    throw new ValidationError([{ field: "hijriTo", code: "period_reversed" }]);
  return { calendar: "hijri", from: query.hijriFrom, to: query.hijriTo };
}

export const handler = createHttpHandler(
  "financeBooks",
  {
    "GET /api/finance/funds": async (event) => {
      const principal = await staff(event);
      return json(200, await fundBalances({ funds: books, clock: systemClock }, principal, periodOf(event)));
    },
    "POST /api/finance/sponsorships/{donationId}/cover": async (event) => {
      const principal = await staff(event);
      const donationId = parseWith(sponsorshipIdParam, event.pathParameters?.donationId);
      const body = jsonOnlyBody(event, coverBody);
      const cover = await coverSponsorship(
        { donations, covers: books, audit, clock: systemClock, timeZone },
        principal,
        donationId,
        { coverId: body.requestId, months: body.months, note: body.note },
      );
      return json(cover.recorded ? 201 : 200, cover);
    },
    "GET /api/finance/unfulfilled": async (event) => {
      const principal = await staff(event);
      const cursor = event.queryStringParameters?.cursor;
      return json(200, await listUnfulfilledAdoptions(unfulfilledDeps, principal, cursor));
    },
    "POST /api/finance/unfulfilled/{exceptionId}/resolve": async (event) => {
      const principal = await staff(event);
      const exceptionId = parseWith(unfulfilledIdParam, event.pathParameters?.exceptionId);
      const body = jsonOnlyBody(event, resolveUnfulfilledBody);
      return json(200, await resolveUnfulfilledAdoption(unfulfilledDeps, principal, exceptionId, body));
    },
    "GET /api/finance/initiatives/{initiativeId}/recognition": async (event) => {
      const principal = await staff(event);
      const initiativeId = parseWith(recognitionInitiativeParam, event.pathParameters?.initiativeId);
      return json(200, await listRecognition(recognitionDeps, principal, initiativeId));
    },
    "POST /api/finance/initiatives/{initiativeId}/recognition/{donationId}": async (event) => {
      const principal = await staff(event);
      const initiativeId = parseWith(recognitionInitiativeParam, event.pathParameters?.initiativeId);
      const donationId = parseWith(recognitionDonationParam, event.pathParameters?.donationId);
      const body = jsonOnlyBody(event, recognitionBody);
      return json(
        200,
        await setRecognitionHidden(recognitionDeps, principal, initiativeId, donationId, body),
      );
    },
    "POST /api/finance/gifts": async (event) => {
      const principal = await staff(event);
      const gift = await recordOfflineGift(
        {
          catalog,
          donations,
          audit,
          clock: systemClock,
          donorIdKey: donorKey,
          timeZone,
          newDonationId,
          newCashReference: () => `CASH-${ulid()}`,
        },
        principal,
        jsonOnlyBody(event, giftBody),
      );
      return json(201, gift);
    },
  },
  config,
);
