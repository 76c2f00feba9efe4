import { ulid } from "ulid";
import { z } from "zod";
import { LOCALE_CODES } from "../../content/locales.ts";
import { loadConfig } from "../config.ts";
import { listRecognition, setRecognitionHidden } from "../domain/adoption/recognition.ts";
import {
  listUnfulfilledAdoptions,
  resolveUnfulfilledAdoption,
  UNFULFILLED_ACTIONS,
} from "../domain/adoption/unfulfilled.ts";
import { INITIATIVE_ID, plainName } from "../domain/donations/request.ts";
import { ValidationError } from "../domain/errors.ts";
import { type FundsPeriod, fundBalances } from "../domain/finance/funds/funds.ts";
import { recordOfflineGift } from "../domain/finance/funds/offline-gifts.ts";
import { coverSponsorship } from "../domain/finance/funds/sponsorship-cover.ts";
import { isIsoCurrency, MAXIMUM_MINOR_AMOUNT } from "../domain/money.ts";
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

const isoDate = z.iso.date({ error: "date_invalid" });
const hijriMonth = z
  .string()
  .regex(/^1[3-5]\d\d-(0[1-9]|1[0-2])$/, "hijri_month_invalid")
  .transform((text) => ({ year: Number(text.slice(0, 4)), month: Number(text.slice(5, 7)) }));
const fundsQuery = z.union(
  [
    z.object({ from: isoDate, to: isoDate }).strict(),
    z.object({ hijriFrom: hijriMonth, hijriTo: hijriMonth }).strict(),
  ],
  { error: "funds_period_invalid" },
);

const coverBody = z
  .object({
    requestId: z.string().regex(/^[\w-]{8,64}$/, "request_id_invalid"),
    // Range checked by the domain: months outside 1..12 is a 409 (cover_months_invalid).
    months: z.int("cover_months_invalid"),
    note: z.string().trim().min(1, "note_required").max(2000, "note_too_long"),
  })
  .strict();

const giftBody = z
  .object({
    donor: z
      .object({
        name: z
          .string("name_required")
          .overwrite(plainName)
          .min(2, { error: "name_required", abort: true })
          .max(100, "name_too_long")
          .regex(/\p{L}/u, "name_required"),
        email: z.email("email_invalid").max(254, "email_invalid"),
        phone: z
          .string()
          .regex(/^\+[1-9]\d{6,14}$/, "phone_invalid")
          .optional(),
      })
      .strict(),
    amount: z
      .object({
        value: z
          .int("amount_invalid")
          .positive("amount_invalid")
          .max(MAXIMUM_MINOR_AMOUNT, "amount_above_maximum"),
        currency: z.string("currency_invalid").refine(isIsoCurrency, "currency_invalid"),
      })
      .strict(),
    designation: z.enum(["zakat", "sadaqah", "general"], "designation_invalid"),
    initiativeId: z.string().regex(INITIATIVE_ID, "initiative_unknown").optional(),
    method: z.enum(["bank_transfer", "cash"], "offline_method_invalid"),
    bankReference: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9./-]{2,63}$/, "bank_reference_invalid")
      .transform((text) => text.toUpperCase())
      .optional(),
    receivedAt: isoDate,
    locale: z.enum(LOCALE_CODES, "field_invalid"),
    anonymous: z.boolean().optional(),
    note: z.string().trim().max(2000, "note_too_long").optional(),
  })
  .strict()
  .superRefine((gift, context) => {
    if (gift.method === "bank_transfer" && !gift.bankReference)
      context.addIssue({ code: "custom", path: ["bankReference"], message: "bank_reference_required" });
  });

const note = z.string().trim().min(1, "note_required").max(2000, "note_too_long");
const resolveUnfulfilledBody = z
  .object({ action: z.enum(UNFULFILLED_ACTIONS, "resolve_action_invalid"), note })
  .strict();
const recognitionBody = z.object({ hidden: z.boolean("field_invalid"), note }).strict();
const exceptionIdParam = z.string().regex(/^don_\w{1,64}\.[\w-]{1,128}$/, "unfulfilled_not_found");
const initiativeParam = z.string().regex(INITIATIVE_ID, "initiative_unknown");
const donationParam = z.string().regex(/^don_\w{1,64}$/, "recognition_not_found");

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
      const donationId = parseWith(
        z.string().regex(/^don_\w{1,64}$/, "sponsorship_not_found"),
        event.pathParameters?.donationId,
      );
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
      const exceptionId = parseWith(exceptionIdParam, event.pathParameters?.exceptionId);
      const body = jsonOnlyBody(event, resolveUnfulfilledBody);
      return json(200, await resolveUnfulfilledAdoption(unfulfilledDeps, principal, exceptionId, body));
    },
    "GET /api/finance/initiatives/{initiativeId}/recognition": async (event) => {
      const principal = await staff(event);
      const initiativeId = parseWith(initiativeParam, event.pathParameters?.initiativeId);
      return json(200, await listRecognition(recognitionDeps, principal, initiativeId));
    },
    "POST /api/finance/initiatives/{initiativeId}/recognition/{donationId}": async (event) => {
      const principal = await staff(event);
      const initiativeId = parseWith(initiativeParam, event.pathParameters?.initiativeId);
      const donationId = parseWith(donationParam, event.pathParameters?.donationId);
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
