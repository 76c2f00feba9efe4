import type { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { donorCounterDeltas } from "../../domain/account/donor-totals.ts";
import { movementId, signedAmount } from "../../domain/ledger.ts";
import type { Donation, LedgerWrite } from "../../domain/model.ts";
import { ENTITY } from "../entities.ts";
import { keys } from "../keys.ts";

export type TransactItem = NonNullable<TransactWriteCommand["input"]["TransactItems"]>[number];

/**
 * The profile: latest name and locale, and the counters. Every value it SETs is the same whichever of the
 * donation's events comes first (firstGiftAt is when the first donation that moved money was made), so
 * any delivery order leaves the same item.
 */
function profileUpdate(
  tableName: string,
  donation: Donation,
  donorId: string,
  writes: LedgerWrite[],
): TransactItem {
  const deltas = Object.entries(donorCounterDeltas(donation, writes));
  // Counter names hold `#`, `:` and `-`: always through placeholders.
  const names = Object.fromEntries(deltas.map(([name], index) => [`#c${index}`, name]));
  const values = Object.fromEntries(deltas.map(([, delta], index) => [`:c${index}`, delta]));
  return {
    Update: {
      TableName: tableName,
      Key: keys.donorProfile(donorId),
      UpdateExpression: [
        "SET #entity = :entity, #donorId = :donorId, #name = :name, #locale = :locale,",
        "#firstGiftAt = if_not_exists(#firstGiftAt, :firstGiftAt),",
        // When the donation that makes the profile was started: after any erasure of an earlier profile
        // (erasure unlinks every donation it finds) and before any session of this one (sessions need the
        // profile). Sessions signed before it are another account's (functions/domain/account/session-liveness.ts).
        "#bornAt = if_not_exists(#bornAt, :bornAt)",
        `ADD ${deltas.map((_, index) => `#c${index} :c${index}`).join(", ")}`,
      ].join(" "),
      ExpressionAttributeNames: {
        "#entity": "entity",
        "#donorId": "donorId",
        "#name": "name",
        "#locale": "locale",
        "#firstGiftAt": "firstGiftAt",
        "#bornAt": "bornAt",
        ...names,
      },
      ExpressionAttributeValues: {
        ":entity": ENTITY.donorProfile,
        ":donorId": donorId,
        ":name": donation.donor.name,
        ":locale": donation.locale,
        ":firstGiftAt": donation.createdAt,
        ":bornAt": donation.createdAt,
        ...values,
      },
    },
  };
}

/** One history row per movement; written only with its (new) ledger entry, so never twice. */
function giftPut(tableName: string, donation: Donation, donorId: string, write: LedgerWrite): TransactItem {
  const { movement, place } = write;
  const id = movementId(movement);
  const { adoption, fund } = donation;
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.donorGift(donorId, movement.at, donation.donationId, id),
        entity: ENTITY.donorGift,
        at: movement.at,
        donationId: donation.donationId,
        movementId: id,
        kind: movement.kind,
        amount: movement.amount,
        signedAmount: signedAmount(movement),
        designation: donation.designation,
        interval: donation.interval,
        fund: fund.kind,
        ...(fund.kind === "initiative" ? { initiativeId: fund.initiativeId } : {}),
        ...(adoption
          ? {
              adoption: {
                units: adoption.units,
                ...(adoption.share !== undefined ? { share: adoption.share } : {}),
              },
            }
          : {}),
        gYear: place.gYear,
        hYear: place.hYear,
        hMonth: place.hMonth,
      },
    },
  };
}

/**
 * A monthly gift or sponsorship on the dashboard. Written with every batch of its payments, with values that
 * never change, so whichever payment comes first creates it and the others leave it as it is. Its live state
 * (subscription, paid period, cancellation) stays on the donation item, which the dashboard reads with it.
 */
function monthlyUpdate(tableName: string, donation: Donation, donorId: string): TransactItem {
  const { fund, adoption } = donation;
  const fields: Record<string, unknown> = {
    entity: ENTITY.donorMonthly,
    donationId: donation.donationId,
    kind: adoption ? "adoption" : "donation",
    amount: donation.amount,
    designation: donation.designation,
    startedAt: donation.createdAt,
    ...(fund.kind === "initiative" ? { initiativeId: fund.initiativeId } : {}),
    ...(donation.feeCover ? { feeCover: donation.feeCover } : {}),
    ...(adoption ? { units: adoption.units } : {}),
  };
  const names = Object.keys(fields);
  return {
    Update: {
      TableName: tableName,
      Key: keys.donorMonthly(donorId, donation.donationId),
      UpdateExpression: `SET ${names.map((name) => `#${name} = :${name}`).join(", ")}`,
      ExpressionAttributeNames: Object.fromEntries(names.map((name) => [`#${name}`, name])),
      ExpressionAttributeValues: Object.fromEntries(names.map((name) => [`:${name}`, fields[name]])),
    },
  };
}

/** The donor's rows that go in the ledger transaction: none for donations made before donor accounts. */
export function donorItems(
  tableName: string,
  donation: Donation,
  writes: LedgerWrite[],
): { perMovement: TransactItem[][]; once: TransactItem[] } {
  const { donorId } = donation;
  if (!donorId || writes.length === 0) return { perMovement: writes.map(() => []), once: [] };
  const hasPayment = writes.some(({ movement }) => movement.kind === "payment");
  return {
    perMovement: writes.map((write) => [giftPut(tableName, donation, donorId, write)]),
    once: [
      profileUpdate(tableName, donation, donorId, writes),
      ...(donation.interval === "month" && hasPayment ? [monthlyUpdate(tableName, donation, donorId)] : []),
    ],
  };
}
