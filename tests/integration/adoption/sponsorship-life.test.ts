/**
 * A monthly orphan sponsorship's life through the local Stripe emulator (`npm run local:stripe`): paid,
 * renewed, then failing until Athar cancels it after the configured number of failed payments; its units
 * return to the pool only when the period already paid for ends. Also a hold left to expire.
 */
import { describe, expect, it } from "vitest";
import { createDocumentClient } from "../../../functions/adapters/dynamodb.ts";
import { sweepAdoptions } from "../../../functions/domain/adoption/adoption.ts";
import { createInventoryStore } from "../../../functions/table/adoption/inventory-store.ts";
import { keys } from "../../../functions/table/keys.ts";
import {
  adoptionRequest,
  availabilityOf,
  MONTHLY_ORPHANS,
  startAdoption,
  TEN_UNITS,
  unitCountsOf,
} from "../../support/adoptions.ts";
import { sessionIdOf } from "../../support/donations.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import { localStripe as runLocalStripe } from "../../support/local-stripe.ts";

// Athar gives up after two failed payments here (Stripe's own setting, three, would come later).
process.env.ADOPTION_MAX_FAILED_PAYMENTS = "2";
const stack = withLocalStack();
const { table } = stack;

const localStripe = async (...argv: string[]) => (await runLocalStripe(stack.url, ...argv)).output;

const units = (initiativeId: string) => unitCountsOf(stack.url, initiativeId);

describe("a monthly sponsorship", () => {
  it("renews, is cancelled after two failed payments, and returns its units when the paid period ends", async () => {
    const before = await units(MONTHLY_ORPHANS);
    const started = await startAdoption(
      stack.url,
      adoptionRequest({
        initiativeId: MONTHLY_ORPHANS,
        units: 2,
        interval: "month",
        designation: "zakat",
        donor: { name: "Saad Al Qahtani", email: "saad@example.com" },
      }),
    );
    expect(started.status).toBe(201);
    const donationId = String(started.body.adoptionId);
    const sessionId = sessionIdOf(started.body.checkoutUrl);

    await localStripe("pay", donationId);
    expect(await units(MONTHLY_ORPHANS)).toEqual({
      adopted: Number(before.adopted) + 2,
      held: before.held,
      free: Number(before.free) - 2,
    });
    const afterFirst = await fetch(`${stack.url}/api/checkout/${sessionId}`).then((r) => r.json());
    expect(afterFirst).toMatchObject({
      status: "paid",
      interval: "month",
      subscription: { active: true, paidThrough: expect.any(String) },
    });

    await localStripe("renew", donationId);
    const renewed = await fetch(`${stack.url}/api/checkout/${sessionId}`).then((r) => r.json());
    // The sponsor's next charge date moved a month on.
    expect(Date.parse(renewed.subscription.paidThrough)).toBeGreaterThan(
      Date.parse(afterFirst.subscription.paidThrough),
    );
    expect(await table.ledgerEntries(donationId)).toHaveLength(2);

    await localStripe("renew", donationId, "--fail");
    expect((await table.donation(donationId))?.canceledAt).toBeUndefined();
    const second = await localStripe("renew", donationId, "--fail");
    expect(second).toContain("invoice.payment_failed");
    const donation = await table.donation(donationId);
    expect(donation?.canceledAt).toEqual(expect.any(String));

    // Still sponsored until the end of the month already paid for.
    expect(await units(MONTHLY_ORPHANS)).toEqual({
      adopted: Number(before.adopted) + 2,
      held: before.held,
      free: Number(before.free) - 2,
    });
    const adoption = await table.row(keys.adoption(donationId));
    expect(adoption).toMatchObject({ state: "active", endsAt: renewed.subscription.paidThrough });

    // The sweep at that moment gives the units back and takes the name off the page.
    const client = createDocumentClient({ region: "me-central-1", endpoint: process.env.DYNAMODB_ENDPOINT });
    const inventory = createInventoryStore(client, process.env.TABLE_NAME ?? "");
    const justBefore = new Date(Date.parse(String(adoption?.endsAt)) - 1000);
    expect(await sweepAdoptions({ inventory, clock: { now: () => justBefore } })).toMatchObject({ ended: 0 });
    const justAfter = new Date(Date.parse(String(adoption?.endsAt)) + 1000);
    expect(await sweepAdoptions({ inventory, clock: { now: () => justAfter } })).toMatchObject({ ended: 1 });
    client.destroy();
    expect(await units(MONTHLY_ORPHANS)).toEqual(before);
    const names = (
      (await availabilityOf(stack.url, MONTHLY_ORPHANS)).body.recognition as { name: string }[]
    ).map((r) => r.name);
    expect(names).not.toContain("Saad A.");
    expect(await table.row(keys.adoption(donationId))).toMatchObject({ state: "ended" });
  });

  it("cancelled by the donor: the units stay until the paid period ends", async () => {
    const started = await startAdoption(
      stack.url,
      adoptionRequest({ initiativeId: MONTHLY_ORPHANS, interval: "month", designation: "zakat" }),
    );
    const donationId = String(started.body.adoptionId);
    await localStripe("pay", donationId);
    await localStripe("cancel", donationId);
    const status = await fetch(`${stack.url}/api/checkout/${sessionIdOf(started.body.checkoutUrl)}`).then(
      (r) => r.json(),
    );
    expect(status.subscription).toMatchObject({ active: false });
    expect(await table.row(keys.adoption(donationId))).toMatchObject({
      state: "active",
      endsAt: status.subscription.paidThrough,
    });
  });
});

describe("a hold left to expire", () => {
  it("returns its units when the session expires", async () => {
    const before = await units(TEN_UNITS);
    const started = await startAdoption(stack.url, adoptionRequest({ initiativeId: TEN_UNITS, units: 2 }));
    expect(await units(TEN_UNITS)).toEqual({
      adopted: before.adopted,
      held: Number(before.held) + 2,
      free: Number(before.free) - 2,
    });
    expect(await localStripe("expire", String(started.body.adoptionId))).toContain(
      "checkout.session.expired",
    );
    expect(await units(TEN_UNITS)).toEqual(before);
  });
});
