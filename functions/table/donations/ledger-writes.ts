import { setTimeout as sleep } from "node:timers/promises";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { movementId, progressDelta, signedAmount } from "../../domain/ledger.ts";
import type { Donation, LedgerWrite } from "../../domain/model.ts";
import type { DonationChange } from "../../domain/ports.ts";
import { ENTITY } from "../entities.ts";
import { keys } from "../keys.ts";
import { markClauses } from "./donation-marks.ts";
import { donorItems, type TransactItem } from "./donor-writes.ts";
import { movementFundUpdates } from "./fund-writes.ts";

/**
 * A transaction holds at most 100 items: each movement takes three (ledger entry, receipt request, the
 * donor's history row) and at most one fund day row, the donation, its totals and the donor's profile a
 * few more (10 movements: at most 40 + 7). The tighter bound is
 * the profile's update expression (4 KB): each movement in another month adds 14 counters to it, so
 * batches stay small. A webhook event carries one or two movements; only long refund lists fill a batch.
 */
const MOVEMENTS_PER_TRANSACTION = 10;
/**
 * Each failed attempt removes at least one duplicate movement or follows a conflict. Concurrent payments
 * share hot rows (the totals, the day's fund row, a donor's profile), so conflicts are retried after a
 * growing, jittered pause rather than at once, which would only collide again.
 */
const MAX_ATTEMPTS = 8;
const conflictPause = (attempt: number) => sleep(Math.random() * 25 * 2 ** Math.min(attempt, 6));

/** Each condition in a cancelled transaction, in item order; "None" where that item's condition held. */
function cancellationCodes(error: unknown): string[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((reason) => reason.Code ?? "None");
}

function fundLabels(donation: Donation) {
  return donation.fund.kind === "initiative"
    ? { fund: "initiative", initiativeId: donation.fund.initiativeId }
    : { fund: "general" };
}

function ledgerEntryPut(tableName: string, donation: Donation, write: LedgerWrite): TransactItem {
  const { movement } = write;
  const id = movementId(movement);
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.ledgerEntry(donation.donationId, id, movement.at),
        entity: ENTITY.ledgerEntry,
        donationId: donation.donationId,
        ...fundLabels(donation),
        designation: donation.designation,
        interval: donation.interval,
        ...movement,
        signedAmount: signedAmount(movement),
      },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

/** What the receipt will state, frozen with the payment so the sequencer needs no other read. */
function receiptRequestPut(
  tableName: string,
  donation: Donation,
  write: LedgerWrite,
  year: number,
): TransactItem {
  const { movement } = write;
  const id = movementId(movement);
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.receiptRequest(year, movement.at, donation.donationId, id),
        entity: ENTITY.receiptRequest,
        year,
        movementId: id,
        movement,
        donation: {
          donationId: donation.donationId,
          ...(donation.donorId ? { donorId: donation.donorId } : {}),
          fund: donation.fund,
          designation: donation.designation,
          interval: donation.interval,
          donor: { name: donation.donor.name, email: donation.donor.email },
          locale: donation.locale,
          ...(donation.feeCover ? { feeCover: donation.feeCover } : {}),
          ...(donation.dedication ? { dedication: donation.dedication } : {}),
        },
      },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

/** Sums the movements per totals row: a transaction may touch each item only once. */
function totalsUpdates(tableName: string, donation: Donation, writes: LedgerWrite[]): TransactItem[] {
  const rows = new Map<
    string,
    { key: { pk: string; sk: string }; labels: Record<string, string>; raised: number; donations: number }
  >();
  const bump = (
    key: { pk: string; sk: string },
    labels: Record<string, string>,
    raised: number,
    count: number,
  ) => {
    const row = rows.get(key.sk) ?? { key, labels, raised: 0, donations: 0 };
    row.raised += raised;
    row.donations += count;
    rows.set(key.sk, row);
  };
  for (const { movement } of writes) {
    const { currency } = movement.amount;
    const raised = signedAmount(movement);
    const count = movement.kind === "payment" ? 1 : 0;
    if (donation.fund.kind === "initiative") {
      const { initiativeId } = donation.fund;
      bump(
        keys.initiativeTotals(initiativeId, currency),
        { entity: ENTITY.initiativeTotals, initiativeId, currency },
        raised,
        count,
      );
    } else {
      bump(keys.generalFundTotals(currency), { entity: ENTITY.generalFundTotals, currency }, raised, count);
    }
    bump(
      keys.designationTotals(donation.designation, currency),
      { entity: ENTITY.designationTotals, designation: donation.designation, currency },
      raised,
      count,
    );
    bump(keys.currencyTotals(currency), { entity: ENTITY.currencyTotals, currency }, raised, count);
  }
  return [...rows.values()].map(({ key, labels, raised, donations }) => {
    const names = Object.keys(labels);
    return {
      Update: {
        TableName: tableName,
        Key: key,
        UpdateExpression: `SET ${names.map((name) => `${name} = :${name}`).join(", ")} ADD raised :raised, donations :donations`,
        ExpressionAttributeValues: {
          ...Object.fromEntries(names.map((name) => [`:${name}`, labels[name]])),
          ":raised": raised,
          ":donations": donations,
        },
      },
    };
  });
}

function donationUpdate(
  tableName: string,
  donation: Donation,
  change: { writes: LedgerWrite[]; marks: DonationChange["marks"] },
): TransactItem {
  const sum = { paid: 0, payments: 0, refunded: 0, disputed: 0 };
  for (const { movement } of change.writes) {
    const delta = progressDelta(movement);
    for (const name of Object.keys(sum) as (keyof typeof sum)[]) sum[name] += delta[name];
  }
  const marks = markClauses(change.marks);
  const add = [...Object.keys(sum).map((name) => `${name} :${name}`), ...marks.add];
  return {
    Update: {
      TableName: tableName,
      Key: keys.donation(donation.donationId),
      ConditionExpression: "attribute_exists(pk)",
      UpdateExpression: `${marks.set.length ? `SET ${marks.set.join(", ")} ` : ""}ADD ${add.join(", ")}`,
      ExpressionAttributeValues: {
        ...Object.fromEntries(Object.entries(sum).map(([name, value]) => [`:${name}`, value])),
        ...marks.values,
      },
    },
  };
}

/**
 * Writes one batch: each movement's ledger entry (conditional on being new) and receipt request, the
 * donation's counters and marks, and the totals, all or nothing. Returns the references of movements
 * that turned out to be recorded already, or undefined when the batch was written.
 */
async function writeBatch(
  client: DynamoDBDocumentClient,
  tableName: string,
  donation: Donation,
  writes: LedgerWrite[],
  marks: DonationChange["marks"],
): Promise<Set<string> | undefined> {
  const owners: (string | undefined)[] = [];
  const items: TransactItem[] = [];
  const donor = donorItems(tableName, donation, writes);
  writes.forEach((write, index) => {
    const id = movementId(write.movement);
    items.push(ledgerEntryPut(tableName, donation, write));
    owners.push(id);
    if (write.receiptYear !== undefined) {
      items.push(receiptRequestPut(tableName, donation, write, write.receiptYear));
      owners.push(id);
    }
    // Unconditional: the ledger entry's condition keeps a movement from being written twice.
    const history = donor.perMovement[index] ?? [];
    items.push(...history);
    owners.push(...history.map(() => undefined));
  });
  items.push(
    donationUpdate(tableName, donation, { writes, marks }),
    ...totalsUpdates(tableName, donation, writes),
    ...movementFundUpdates(tableName, donation, writes),
    ...donor.once,
  );
  try {
    await client.send(new TransactWriteCommand({ TransactItems: items }));
    return undefined;
  } catch (error) {
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    const duplicates = new Set<string>();
    codes.forEach((code, index) => {
      const owner = owners[index];
      if (code === "ConditionalCheckFailed" && owner) duplicates.add(owner);
      else if (code === "ConditionalCheckFailed")
        throw new Error(`Donation ${donation.donationId} vanished`, { cause: error });
    });
    return duplicates;
  }
}

/** Records the movements not recorded before; returns how many were new. */
export async function recordLedgerWrites(
  client: DynamoDBDocumentClient,
  tableName: string,
  donation: Donation,
  change: DonationChange,
): Promise<{ recorded: number }> {
  let recorded = 0;
  for (let start = 0; start < change.movements.length; start += MOVEMENTS_PER_TRANSACTION) {
    let batch = change.movements.slice(start, start + MOVEMENTS_PER_TRANSACTION);
    for (let attempt = 1; batch.length > 0; attempt += 1) {
      const duplicates = await writeBatch(client, tableName, donation, batch, change.marks);
      if (!duplicates) {
        recorded += batch.length;
        break;
      }
      // Another delivery wrote some of these first; a conflict alone (no duplicate) is simply retried.
      const remaining = batch.filter((write) => !duplicates.has(movementId(write.movement)));
      if (attempt >= MAX_ATTEMPTS) throw new Error(`Could not record movements of ${donation.donationId}`);
      if (duplicates.size === 0) await conflictPause(attempt);
      batch = remaining;
    }
  }
  return { recorded };
}
