import { type AdoptionEventDeps, applyToAdoption } from "../adoption/events.ts";
import type { UnfulfilledAdoptionStore } from "../adoption/unfulfilled.ts";
import { calendarPlace } from "../calendars.ts";
import type { LedgerWrite, Movement, PaymentEvent } from "../model.ts";
import type { ApplyOutcome, Clock, DonationStore, PaymentGateway } from "../ports.ts";

export interface PaymentEventDeps {
  store: DonationStore;
  payments: Pick<PaymentGateway, "findDonationOfPayment" | "listRefunds">;
  /** The council's time zone: a receipt's year is the calendar year there. */
  timeZone: string;
  /** For donations that adopt units; events of plain donations never touch it. */
  adoption?: AdoptionEventDeps;
  /** Where money that came for units no longer free becomes a finance exception (refund or general fund). */
  unfulfilled?: { store: Pick<UnfulfilledAdoptionStore, "record">; clock: Clock };
}

/** True when the event concerns nothing Athar keeps (it is acknowledged and ignored). */
export function isIgnorable(event: PaymentEvent): boolean {
  return event.movements.length === 0 && event.marks.length === 0 && !event.refundsOfCharge;
}

/** The calendar year of an instant in a time zone (a payment at 01:00 on 1 January in Riyadh is next year's). */
export function yearIn(timeZone: string, at: string): number {
  return Number(new Intl.DateTimeFormat("en", { timeZone, year: "numeric" }).format(new Date(at)));
}

/**
 * How a movement goes into the ledger: where it falls in the council's calendars, and for a payment the
 * receipt year that will number it (refunds and disputes are recorded against the receipt already issued).
 */
export function ledgerWrite(movement: Movement, timeZone: string): LedgerWrite {
  const place = calendarPlace(movement.at, timeZone);
  return movement.kind === "payment" ? { movement, place, receiptYear: place.gYear } : { movement, place };
}

/** Applies one authenticated payment event; safe to call any number of times, in any order. */
export async function handlePaymentEvent(deps: PaymentEventDeps, event: PaymentEvent): Promise<ApplyOutcome> {
  if (isIgnorable(event)) return "ignored";
  const donationId =
    event.donationId ??
    (event.paymentIntentId ? await deps.payments.findDonationOfPayment(event.paymentIntentId) : undefined);
  if (!donationId) return "unknown_donation";
  const donation = await deps.store.findDonation(donationId);
  if (!donation) return "unknown_donation";

  const movements = event.refundsOfCharge
    ? [...event.movements, ...(await deps.payments.listRefunds(event.refundsOfCharge))]
    : event.movements;
  // Every payment gets a receipt; refunds and disputes are recorded against the receipt already issued.
  const writes = movements.map((movement) => ledgerWrite(movement, deps.timeZone));
  const { recorded, marked } = await deps.store.apply(donation, { movements: writes, marks: event.marks });
  if (donation.adoption && deps.adoption) {
    const newPayments = recorded > 0 ? movements.filter((movement) => movement.kind === "payment").length : 0;
    const outcome = await applyToAdoption(deps.adoption, donation, {
      movements,
      marks: event.marks,
      newPayments,
    });
    const payment = movements.find((movement) => movement.kind === "payment");
    if (outcome === "unfulfilled" && payment && deps.unfulfilled)
      await deps.unfulfilled.store.record(donation, payment, deps.unfulfilled.clock.now().toISOString());
  }
  return recorded > 0 || marked ? "recorded" : "duplicate";
}
