/**
 * Exactly once, as a property: any set of Stripe events for a donation, delivered any number of times, in
 * any order and partly at the same moment, leaves the same ledger, the same donation and the same totals
 * as delivering each once in order; and those equal what the money did. Real DynamoDB Local tables (two
 * fresh ones per case), the real Stripe SDK signing and verifying every delivery; only Stripe's API
 * answers (which donation a payment is, a charge's refunds) come from the scenario.
 */
import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import fc from "fast-check";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDocumentClient } from "../../../functions/adapters/dynamodb.ts";
import { createStripeClient, createStripeGateway } from "../../../functions/adapters/stripe.ts";
import { refundMovement } from "../../../functions/adapters/stripe-events.ts";
import { handlePaymentEvent } from "../../../functions/domain/donations/payment-events.ts";
import { scheduledCancel } from "../../../functions/table/donations/donation-marks.ts";
import { createDonationStore } from "../../../functions/table/donations/donation-store.ts";
import { keys } from "../../../functions/table/keys.ts";
import { ensureTable, localClient } from "../../../local/dynamodb-local.ts";
import { redeliverUntilTaken } from "../../../local/stripe/webhook-sender.ts";
import { buildScenario, type Scenario, scenarioShapes } from "../../support/ledger-scenarios.ts";
import { signedDelivery } from "../../support/stripe-events.ts";

const endpoint = inject("dynamodbEndpoint");
const client = createDocumentClient({ region: "me-central-1", endpoint });
const admin = localClient(endpoint);
const settings = { secretKey: "sk_test_properties", webhookSecret: "whsec_properties" };
const gateway = createStripeGateway(createStripeClient(settings), settings);
let tables = 0;

afterAll(() => {
  client.destroy();
  admin.destroy();
});

async function freshTable(): Promise<string> {
  tables += 1;
  const name = `athar-prop-${process.pid}-${tables}`;
  await ensureTable(endpoint, name);
  return name;
}

/** One table's worth of Athar: the real store and domain, Stripe's API answered from the scenario. */
function applier(table: string, scenario: Scenario) {
  const deps = {
    store: createDonationStore(client, table),
    timeZone: "Asia/Riyadh",
    payments: {
      findDonationOfPayment: async (paymentIntentId: string) => scenario.owners.get(paymentIntentId),
      listRefunds: async (chargeId: string) =>
        (scenario.refundsByCharge.get(chargeId) ?? []).flatMap((refund) => refundMovement(refund) ?? []),
    },
  };
  // Delivered as Stripe delivers: an attempt that fails (a transaction that kept colliding on a busy
  // machine) is delivered again, so the property is about the outcome, not about first attempts.
  return async (index: number) => {
    const { taken, answer } = await redeliverUntilTaken(async () => {
      const delivery = signedDelivery(scenario.events[index] as never, { secret: settings.webhookSecret });
      try {
        await handlePaymentEvent(deps, gateway.parseWebhookEvent(delivery.body, delivery.signature));
        return { taken: true, answer: undefined };
      } catch (error) {
        return { taken: false, answer: error };
      }
    });
    if (!taken) throw answer;
  };
}

/** Everything in a table, in key order, sets as sorted lists: two tables compare as plain data. */
async function contents(table: string) {
  const { Items = [] } = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true }));
  const normal = Items.map((item) =>
    Object.fromEntries(
      Object.entries(item)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => [name, value instanceof Set ? [...value].sort() : value]),
    ),
  );
  return normal.sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
}

/** Every event at least once, some again, shuffled, delivered in groups that run concurrently. */
const deliveries = (count: number) =>
  fc.array(fc.integer({ min: 0, max: count - 1 }), { maxLength: count }).chain((again) => {
    const all = [...Array.from({ length: count }, (_, index) => index), ...again];
    return fc.tuple(
      fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }),
      fc.array(fc.integer({ min: 1, max: 3 }), { minLength: all.length, maxLength: all.length }),
    );
  });

const cases = scenarioShapes.chain((shape) => {
  // Each case gets fresh tables, so one donation id serves every case.
  const scenario = buildScenario(shape, "don_01PROPERTYTEST");
  return fc.tuple(fc.constant(scenario), deliveries(scenario.events.length));
});

describe("the ledger under any delivery of Stripe's events", () => {
  it("ends the same as one orderly delivery, and as the money moved", async () => {
    await fc.assert(
      fc.asyncProperty(cases, async ([scenario, [order, groupSizes]]) => {
        const [orderly, shuffled] = [await freshTable(), await freshTable()];
        try {
          for (const table of [orderly, shuffled])
            await createDonationStore(client, table).createPendingDonation(scenario.donation);
          const inOrder = applier(orderly, scenario);
          for (let index = 0; index < scenario.events.length; index += 1) await inOrder(index);
          const anyOrder = applier(shuffled, scenario);
          for (let start = 0, group = 0; start < order.length; start += groupSizes[group] ?? 1, group += 1) {
            await Promise.all(order.slice(start, start + (groupSizes[group] ?? 1)).map(anyOrder));
          }

          expect(await contents(shuffled)).toEqual(await contents(orderly));
          const { donation, expected } = scenario;
          const { Items = [] } = await client.send(
            new ScanCommand({ TableName: shuffled, ConsistentRead: true }),
          );
          const stored = Items.find((item) => item.sk === "DONATION");
          expect(stored).toMatchObject({
            paid: expected.paid,
            payments: expected.payments,
            refunded: expected.refunded,
            disputed: expected.disputed,
          });
          expect(scheduledCancel(stored?.cancelSchedules as Set<string> | undefined)).toBe(expected.cancelAt);
          expect(Items.filter((item) => item.entity === "ledgerEntry")).toHaveLength(expected.entries);
          const ledgerSum = Items.filter((item) => item.entity === "ledgerEntry").reduce(
            (sum, item) => sum + Number(item.signedAmount),
            0,
          );
          expect(ledgerSum).toBe(expected.raised);
          // Every total moved with the ledger: by initiative, by designation and by currency.
          const { currency } = donation.amount;
          const totalKeys = [
            keys.initiativeTotals("orphans-and-productive-families", currency),
            keys.designationTotals(donation.designation, currency),
            keys.currencyTotals(currency),
          ];
          for (const key of totalKeys) {
            const row = Items.find((item) => item.pk === key.pk && item.sk === key.sk);
            expect({ raised: row?.raised, donations: row?.donations }, key.sk).toEqual({
              raised: expected.raised,
              donations: expected.payments,
            });
          }
          // The donor's partition moved with the ledger: counters equal the entries' sum, one history row each.
          const donorId = donation.donorId as string;
          const profile = Items.find(
            (item) => item.pk === keys.donorProfile(donorId).pk && item.sk === "A#PROFILE",
          );
          const byYear = Object.entries(profile ?? {}).filter(([name]) => name.startsWith("c#gy#"));
          expect({
            net: profile?.[`c#all#-#${currency}`] ?? 0,
            payments: profile?.[`n#all#-#${currency}`] ?? 0,
            byYears: byYear.reduce((sum, [, value]) => sum + Number(value), 0),
          }).toEqual({ net: expected.raised, payments: expected.payments, byYears: expected.raised });
          const history = Items.filter((item) => item.entity === "donorGift");
          expect(history).toHaveLength(expected.entries);
          expect(history.reduce((sum, item) => sum + Number(item.signedAmount), 0)).toBe(expected.raised);
          const monthly = Items.filter((item) => item.entity === "donorMonthly");
          expect(monthly).toHaveLength(donation.interval === "month" && expected.payments > 0 ? 1 : 0);
          // One receipt request per payment, never per delivery.
          expect(Items.filter((item) => item.entity === "receiptRequest")).toHaveLength(expected.payments);
        } finally {
          await Promise.all(
            [orderly, shuffled].map((TableName) => admin.send(new DeleteTableCommand({ TableName }))),
          );
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) },
    );
  }, 240_000); // Each case creates and deletes two tables; on a busy 2-core machine 40 cases can take minutes.
});
