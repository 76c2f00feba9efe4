import { describe, expect, it } from "vitest";
import { grantUsesFor } from "../../functions/adapters/call-counter.ts";
import { LOCAL_STRIPE_SECRET_KEY } from "../../functions/config.ts";
import { HANDLER_GROUPS, type HandlerGroup, type HandlerGroupDefinition } from "../../functions/routes.ts";
import { standInSiteDir, synthesizeAthar } from "../infra/synth.ts";
import {
  adoptionRequest,
  availabilityOf,
  expiredHold,
  MONTHLY_ORPHANS,
  startAdoption,
  TEN_UNITS,
} from "../support/adoptions.ts";
import { donationRequest, sessionIdOf } from "../support/donations.ts";
import {
  callback,
  cookieOf,
  exportPage,
  latestSignInToken,
  postWith,
  requestLink,
  sameOrigin,
  signIn,
} from "../support/donor-accounts.ts";
import { donorOfEmail, sessionCookieFor } from "../support/donor-sessions.ts";
import { decide, groupPolicies, TABLE_ARN, TABLE_NAME } from "../support/iam-policies.ts";
import { withLocalStack } from "../support/local-stack.ts";
import { localStripe } from "../support/local-stripe.ts";
import { stripeAdmin } from "../support/reconciliation.ts";
import { bounceRecord } from "../support/ses-events.ts";
import { staffAuthorization } from "../support/staff.ts";
import {
  completedEvent,
  expiredEvent,
  pendingDonation,
  postWebhook,
  signedDelivery,
} from "../support/stripe-events.ts";

const stack = withLocalStack();

/** What every group's calls needed in the first test ("dynamodb:Query@gsi1" for an index), for the second. */
let recorded: Record<HandlerGroup, Set<string>> | undefined;

/** The IAM actions a response says its request needed (local diagnostics header). */
const actionsOf = (headers: Headers) =>
  (headers.get("x-athar-dynamodb-actions") ?? "").split(" ").filter(Boolean);

describe("the table actions and indexes each handler group declares (and the CDK stack grants)", () => {
  it("are exactly what a full donation's requests use, group by group", async () => {
    const used: Record<HandlerGroup, Set<string>> = {
      public: new Set(),
      donations: new Set(),
      stripeWebhook: new Set(),
      receipts: new Set(),
      adoptions: new Set(),
      holds: new Set(),
      finance: new Set(),
      financeBooks: new Set(),
      financeImports: new Set(),
      financeExports: new Set(),
      auth: new Set(),
      signInMail: new Set(),
      dataRights: new Set(),
      erasure: new Set(),
      staff: new Set(),
      account: new Set(),
      papers: new Set(),
      streamRouter: new Set(),
      healthProbe: new Set(),
      mailEvents: new Set(),
    };
    const note = (group: HandlerGroup, headers: Headers) => {
      for (const action of actionsOf(headers)) used[group].add(action);
    };

    note("public", (await fetch(`${stack.url}/api/health`)).headers);
    note("public", (await fetch(`${stack.url}/api/stats`)).headers);
    const paid = await pendingDonation(stack.url);
    const abandoned = await pendingDonation(stack.url);
    note("donations", paid.headers);
    const completed = completedEvent(paid.donationId, paid.sessionId);
    for (let delivery = 0; delivery < 2; delivery++) {
      note("stripeWebhook", (await postWebhook(stack.url, signedDelivery(completed))).headers);
    }
    const expired = expiredEvent(abandoned.donationId, abandoned.sessionId);
    note("stripeWebhook", (await postWebhook(stack.url, signedDelivery(expired))).headers);
    note("donations", (await fetch(`${stack.url}/api/checkout/${paid.sessionId}`)).headers);
    // Adoptions: availability, a unit held and paid, a share held, and a hold given back when Stripe fails.
    note("adoptions", (await availabilityOf(stack.url, TEN_UNITS)).headers);
    const adopted = await startAdoption(stack.url, adoptionRequest());
    note("adoptions", adopted.headers);
    note(
      "adoptions",
      (
        await startAdoption(
          stack.url,
          adoptionRequest({ initiativeId: MONTHLY_ORPHANS, interval: "month", share: 10000 }),
        )
      ).headers,
    );
    await fetch(`${stack.url}/local-stripe/admin/outage`, {
      method: "POST",
      headers: { authorization: `Bearer ${LOCAL_STRIPE_SECRET_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ requests: 3 }),
    });
    const refused = await startAdoption(
      stack.url,
      adoptionRequest({ initiativeId: MONTHLY_ORPHANS, interval: "month", share: 20000 }),
    );
    expect(refused.status).toBe(502);
    note("adoptions", refused.headers);
    const paidAdoption = completedEvent(
      String(adopted.body.adoptionId),
      sessionIdOf(adopted.body.checkoutUrl),
      1500000,
    );
    note("stripeWebhook", (await postWebhook(stack.url, signedDelivery(paidAdoption))).headers);

    // The hold worker: a share's hold that the TTL removed comes back through the stream; the sweep runs.
    const shared = await startAdoption(
      stack.url,
      adoptionRequest({ initiativeId: MONTHLY_ORPHANS, interval: "month", share: 15000 }),
    );
    const sharedId = String(shared.body.adoptionId);
    const hold = (await stack.table.allItems()).find(
      (item) => item.pk === `DONATION#${sharedId}` && item.sk === "HOLD",
    );
    await stack.table.remove({ pk: `DONATION#${sharedId}`, sk: "HOLD" });
    await stack.deliverStreamRecords("holds", {
      Records: [{ eventName: "REMOVE", dynamodb: { OldImage: stack.table.marshall(hold ?? {}) as never } }],
    });
    await stack.runScheduled("holds");
    await expiredHold(TEN_UNITS, 1, 10);
    await stack.runScheduled("holds");
    for (const action of stack.streamActions("holds")) used.holds.add(action);

    // Staff: the public sign-in settings, who is signed in, and a page of the audit log as finance.
    const finance = { authorization: await staffAuthorization(stack, "finance") };
    note("staff", (await fetch(`${stack.url}/api/staff/config`)).headers);
    note("staff", (await fetch(`${stack.url}/api/staff/me`, { headers: finance })).headers);
    note("staff", (await fetch(`${stack.url}/api/finance/audit`, { headers: finance })).headers);

    // Papers: the customer portal of the donor's monthly gift.
    const monthlyGift = await pendingDonation(stack.url, 5000, "month");
    await localStripe(stack.url, "pay", monthlyGift.donationId);
    const manage = await fetch(`${stack.url}/api/me/monthly/${monthlyGift.donationId}/manage`, {
      method: "POST",
      headers: {
        cookie: await sessionCookieFor(donorOfEmail("fatimah@example.com")),
        "sec-fetch-site": "same-origin",
        "content-type": "application/json",
      },
      body: "{}",
    });
    expect(manage.status).toBe(200);
    note("papers", manage.headers);
    const pdf = await fetch(`${stack.url}/api/me/statement/pdf?calendar=gregorian&year=2026`, {
      headers: { cookie: await sessionCookieFor(donorOfEmail("fatimah@example.com")) },
    });
    expect(pdf.status).toBe(200);
    note("papers", pdf.headers);

    // The receipt sequencer runs from the table's stream: the local stack counts its calls the same way.
    await stack.drainStreams();
    for (const action of stack.streamActions("receipts")) used.receipts.add(action);
    // SES's bounce of that receipt's e-mail, through the mail events topic.
    const [paidReceipt] = await stack.table.receiptsOf(paid.donationId);
    for (const action of await stack.publishMailEvent(bounceRecord(`receipt-${paidReceipt?.receiptNumber}`)))
      used.mailEvents.add(action);

    // Finance: a payout of a gift whose webhook never came, imported through the API (the worker is woken
    // by the job's INSERT, and by its schedule, which lists pending jobs), read, resolved and reconciled.
    const gift = await pendingDonation(stack.url);
    await stripeAdmin(stack.url, "pay", { ref: gift.donationId, deliver: false });
    const [payout] = (await stripeAdmin(stack.url, "payouts")).payouts as { id: string }[];
    const financeJson = { ...finance, "content-type": "application/json" };
    const financeCall = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${stack.url}${path}`, {
        method,
        headers: body === undefined ? finance : financeJson,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      note("finance", response.headers);
      return (await response.json()) as Record<string, unknown>;
    };
    const job = await financeCall("POST", "/api/finance/payouts/import", { payoutId: payout?.id });
    await stack.drainStreams();
    await stack.runScheduled("financeImports");
    for (const action of stack.streamActions("financeImports")) used.financeImports.add(action);
    await financeCall("GET", `/api/finance/imports/${String(job.jobId)}`);
    await financeCall("GET", "/api/finance/payouts");
    const detail = await financeCall("GET", `/api/finance/payouts/${payout?.id}`);
    // The gift whose webhook never came is one exception; the rest of this test's activity in the same
    // payout may add others (their exact set is reconciliation-month's subject): resolve them all.
    const exceptions = detail.exceptions as { exceptionId: string; reason: string; status?: string }[];
    expect(exceptions.map((exception) => exception.reason)).toContain("missing_in_ledger");
    for (const exception of exceptions) {
      await financeCall("POST", `/api/finance/exceptions/${exception.exceptionId}/resolve`, {
        note: "checked",
        ...(exception.reason === "missing_in_ledger" ? { action: "record_payment" } : {}),
      });
    }
    expect(await financeCall("POST", `/api/finance/payouts/${payout?.id}/reconcile`)).toMatchObject({
      openExceptions: 0,
    });
    // Exports: a request, the worker building each kind (every read it has), the status, the file.
    const exportJob = await financeCall("POST", "/api/finance/exports", {
      kind: "funds",
      format: "xlsx",
      from: new Date().toISOString().slice(0, 10),
    });
    await stack.drainStreams();
    await stack.runScheduled("financeExports");
    // Payouts (gsi1 PAYOUTS) and donations (the ledger's months, then the donors by BatchGet).
    for (const kind of ["payouts", "donations"])
      await financeCall("POST", "/api/finance/exports", {
        kind,
        format: "csv",
        from: new Date().toISOString().slice(0, 10),
      });
    await stack.drainStreams();
    for (const action of stack.streamActions("financeExports")) used.financeExports.add(action);
    await financeCall("GET", `/api/finance/exports/${String(exportJob.exportId)}`);
    const file = await fetch(`${stack.url}/api/finance/exports/${String(exportJob.exportId)}/download`, {
      headers: finance,
    });
    expect(file.status).toBe(200);
    note("finance", file.headers);
    // Finance's books: fund balances, an offline gift (its ledger transaction), and a cover the paid
    // sponsorship above does not need yet (it reads the cover, the donation and its adoption, then 409).
    const booksCall = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${stack.url}${path}`, {
        method,
        headers: body === undefined ? finance : financeJson,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      note("financeBooks", response.headers);
      return response;
    };
    const today = new Date().toISOString().slice(0, 10);
    expect((await booksCall("GET", `/api/finance/funds?from=${today}&to=${today}`)).status).toBe(200);
    const offline = await booksCall("POST", "/api/finance/gifts", {
      donor: { name: "Hind Saleh", email: "hind@example.com" },
      amount: { value: 50000, currency: "SAR" },
      designation: "sadaqah",
      method: "bank_transfer",
      bankReference: "TG-GRANTS-1",
      receivedAt: today,
      locale: "ar",
    });
    expect(offline.status).toBe(201);
    const cover = await booksCall(
      "POST",
      `/api/finance/sponsorships/${String(adopted.body.adoptionId)}/cover`,
      {
        requestId: "grants-cover-1",
        months: 2,
        note: "not lapsed",
      },
    );
    expect(cover.status).toBe(409);
    // Late payments for units taken (a gsi1 Query of the open ones), and the public names' moderation.
    expect((await booksCall("GET", "/api/finance/unfulfilled")).status).toBe(200);
    const names = `/api/finance/initiatives/${TEN_UNITS}/recognition`;
    expect((await booksCall("GET", names)).status).toBe(200);
    const hidden = await booksCall("POST", `${names}/${String(adopted.body.adoptionId)}`, {
      hidden: true,
      note: "grants",
    });
    expect(hidden.status).toBe(200);
    // The signed-in donor's pages: the dashboard (with a monthly gift to read), history and statement.
    const monthly = await pendingDonation(stack.url, 5000, "month");
    await localStripe(stack.url, "pay", monthly.donationId);
    const donorCookie = await sessionCookieFor(donorOfEmail("fatimah@example.com"));
    for (const path of ["dashboard", "donations?limit=1", "statement?calendar=hijri&year=1448"]) {
      const response = await fetch(`${stack.url}/api/me/${path}`, { headers: { cookie: donorCookie } });
      expect(response.status, path).toBe(200);
      note("account", response.headers);
    }
    // Donor accounts: a link asked for and used, the export, sign-out, then erasure and its worker.
    // The paid donation's donor (the ledger wrote their profile with the payment).
    const donor = donationRequest().donor;
    note("auth", (await requestLink(stack, donor.email)).headers);
    const signedIn = await callback(stack.url, await latestSignInToken(donor.email));
    note("auth", signedIn.headers);
    const cookie = cookieOf(signedIn);
    note("dataRights", (await exportPage(stack.url, cookie)).headers);
    note("auth", (await postWith(stack.url, "/api/auth/signout", { cookie, ...sameOrigin })).headers);
    const erasing = await postWith(stack.url, "/api/me/erasure", {
      cookie: await signIn(stack, donor.email),
      ...sameOrigin,
    });
    expect(erasing.status).toBe(202);
    note("dataRights", erasing.headers);
    await stack.drainStreams();
    await stack.runScheduled("erasure");
    for (const group of ["erasure", "signInMail"] as const)
      for (const action of stack.streamActions(group)) used[group].add(action);

    const actions = (group: HandlerGroup) => [...new Set([...used[group]].map((use) => use.split("@")[0]))];
    const indexes = (group: HandlerGroup) =>
      [...new Set([...used[group]].flatMap((use) => use.split("@").slice(1)))].sort();
    for (const group of Object.keys(HANDLER_GROUPS) as HandlerGroup[]) {
      expect(actions(group).sort(), group).toEqual([...HANDLER_GROUPS[group].tableActions].sort());
      const declared = (HANDLER_GROUPS[group] as HandlerGroupDefinition).tableIndexes ?? [];
      expect(indexes(group), `${group} queries these indexes`).toEqual([...declared].sort());
    }
    recorded = used;
  });

  it("are all allowed by the synthesised stack's policies, as AWS evaluates them (offline IAM simulator)", async () => {
    expect(recorded, "the first test records every call").toBeDefined();
    const policies = groupPolicies(synthesizeAthar({ siteDir: standInSiteDir(), bundle: false }).template);
    const denied: string[] = [];
    let evaluated = 0;
    for (const [group, uses] of Object.entries(recorded ?? {}) as [HandlerGroup, Set<string>][]) {
      for (const use of uses) {
        const [action = "", index] = use.split("@");
        const arn = index ? `${TABLE_ARN}/index/${index}` : TABLE_ARN;
        const decision = await decide(policies.get(group) ?? [], action, arn);
        evaluated += 1;
        if (decision !== "Allowed") denied.push(`${group}: ${action} on ${arn}: ${decision}`);
      }
    }
    expect(denied).toEqual([]);
    expect(evaluated).toBeGreaterThan(50);
  }, 120_000);

  it("would deny what the groups never asked for: another index, a Scan, another table (the simulator is really judging)", async () => {
    const policies = groupPolicies(synthesizeAthar({ siteDir: standInSiteDir(), bundle: false }).template);
    const receipts = policies.get("receipts") ?? [];
    expect(await decide(receipts, "dynamodb:Query", `${TABLE_ARN}/index/gsi2`)).toBe("Allowed");
    expect(await decide(receipts, "dynamodb:Query", `${TABLE_ARN}/index/gsi1`)).toBe("ImplicitlyDenied");
    expect(await decide(receipts, "dynamodb:Scan", TABLE_ARN)).toBe("ImplicitlyDenied");
    const publicGroup = policies.get("public") ?? [];
    expect(await decide(publicGroup, "dynamodb:Query", TABLE_ARN)).toBe("Allowed");
    expect(await decide(publicGroup, "dynamodb:PutItem", TABLE_ARN)).toBe("ImplicitlyDenied");
    expect(await decide(publicGroup, "dynamodb:Query", TABLE_ARN.replace(TABLE_NAME, "Other"))).toBe(
      "ImplicitlyDenied",
    );
  }, 120_000);

  it("maps commands to what IAM authorises: transactions item by item, a Query of an index on the index", () => {
    expect(grantUsesFor("GetCommand", {})).toEqual([{ action: "dynamodb:GetItem" }]);
    expect(grantUsesFor("QueryCommand", {})).toEqual([{ action: "dynamodb:Query" }]);
    expect(grantUsesFor("QueryCommand", { IndexName: "gsi2" })).toEqual([
      { action: "dynamodb:Query", index: "gsi2" },
    ]);
    expect(
      grantUsesFor("TransactWriteCommand", {
        TransactItems: [{ Put: {} }, { ConditionCheck: {} }, { Update: {} }],
      }),
    ).toEqual([
      { action: "dynamodb:PutItem" },
      { action: "dynamodb:ConditionCheckItem" },
      { action: "dynamodb:UpdateItem" },
    ]);
  });
});
