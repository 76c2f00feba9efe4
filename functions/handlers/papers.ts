import { donationIdParam, statementPdfQuery } from "../../contract/api/donors.ts";
import { loadConfig } from "../config.ts";
import { getStatement } from "../domain/account/account.ts";
import { openBillingPortal } from "../domain/account/monthly-portal.ts";
import { assertSameOrigin, readDonorSession } from "../http/donor-session.ts";
import { createHttpHandler } from "../http/handler.ts";
import { isFormPost, parseWith } from "../http/request.ts";
import { download, json, redirect } from "../http/responses.ts";
import { renderStatementPdf } from "../statements/statement-pdf.ts";
import {
  createCatalog,
  donationStore,
  donorSessionDeps,
  donorStore,
  paymentGateway,
  sessionEpochReader,
} from "./wiring.ts";

const config = loadConfig();
const session = await donorSessionDeps(config);
const portal = {
  donations: donationStore(config),
  epochs: sessionEpochReader(config),
  payments: await paymentGateway(config),
  publicBaseUrl: session.publicBaseUrl,
};

const account = { donors: donorStore(config), catalog: createCatalog(), clock: session.clock };

export const handler = createHttpHandler(
  "papers",
  {
    "POST /api/me/monthly/{donationId}/manage": async (event) => {
      assertSameOrigin(event, session.publicBaseUrl);
      const donor = await readDonorSession(event, session.sessionKeys, session.clock.now());
      const donationId = parseWith(donationIdParam, event.pathParameters?.donationId);
      const { url } = await openBillingPortal(portal, donor, donationId);
      // A form posted without JavaScript goes straight to the portal; a script gets the address.
      return isFormPost(event) ? redirect(url) : json(200, { url });
    },
    "GET /api/me/statement/pdf": async (event) => {
      const donor = await readDonorSession(event, session.sessionKeys, session.clock.now());
      const { calendar, year, locale } = parseWith(statementPdfQuery, {
        calendar: event.queryStringParameters?.calendar,
        year: event.queryStringParameters?.year,
        locale: event.queryStringParameters?.locale,
      });
      // getStatement checks the year's bounds and that the session has not been ended.
      const statement = await getStatement(account, donor, { calendar, year });
      const pdf = await renderStatementPdf(statement, locale ?? donor.locale);
      return download(
        pdf,
        { contentType: "application/pdf", name: `athar-statement-${calendar}-${year}.pdf` },
        { "cache-control": "private, no-store" },
      );
    },
  },
  config,
);
