import { describe, expect, it } from "vitest";
import { iamActionsFor } from "../../functions/adapters/call-counter.ts";
import { HANDLER_GROUPS, type HandlerGroup } from "../../functions/routes.ts";
import { withLocalStack } from "../support/local-stack.ts";
import {
  completedEvent,
  expiredEvent,
  pendingDonation,
  postWebhook,
  signedDelivery,
} from "../support/stripe-events.ts";

const stack = withLocalStack();

/** The IAM actions a response says its request needed (local diagnostics header). */
const actionsOf = (headers: Headers) =>
  (headers.get("x-athar-dynamodb-actions") ?? "").split(" ").filter(Boolean);

describe("the table actions each handler group declares (and the CDK stack grants)", () => {
  it("are exactly what a full donation's requests use, group by group", async () => {
    const used: Record<HandlerGroup, Set<string>> = {
      public: new Set(),
      donations: new Set(),
      stripeWebhook: new Set(),
      receipts: new Set(),
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
    // The receipt sequencer runs from the table's stream: the local stack counts its calls the same way.
    await stack.drainStreams();
    for (const action of stack.streamActions("receipts")) used.receipts.add(action);

    for (const group of Object.keys(HANDLER_GROUPS) as HandlerGroup[]) {
      expect([...used[group]].sort(), group).toEqual([...HANDLER_GROUPS[group].tableActions].sort());
    }
  });

  it("maps commands to IAM actions, transactions item by item", () => {
    expect(iamActionsFor("GetCommand", {})).toEqual(["dynamodb:GetItem"]);
    expect(iamActionsFor("QueryCommand", {})).toEqual(["dynamodb:Query"]);
    expect(
      iamActionsFor("TransactWriteCommand", {
        TransactItems: [{ Put: {} }, { ConditionCheck: {} }, { Update: {} }],
      }),
    ).toEqual(["dynamodb:PutItem", "dynamodb:ConditionCheckItem", "dynamodb:UpdateItem"]);
  });
});
