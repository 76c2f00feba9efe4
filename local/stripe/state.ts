import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type Stripe from "stripe";

/** A price Athar sent inline (`price_data`); Stripe keeps no separate object for it in a session. */
export interface LocalLineItem {
  name: string;
  currency: string;
  unitAmount: number;
  quantity: number;
  recurring?: { interval: string; interval_count: number };
}

/** A checkout session and what Stripe remembers beside it (line items, data for the objects it creates). */
export interface LocalSession {
  session: Stripe.Checkout.Session;
  /** Line items are not part of Stripe's session object; the hosted page shows the product name. */
  productName: string;
  lineItems?: LocalLineItem[];
  /** `payment_intent_data.metadata`, given to the PaymentIntent of a payment-mode session. */
  paymentIntentMetadata?: Stripe.Metadata;
  /** `subscription_data.metadata`, given to the Subscription of a subscription-mode session. */
  subscriptionMetadata?: Stripe.Metadata;
}

/** Any Stripe object the emulator created (payment_intent, charge, invoice, ...). */
export type StoredObject = { id: string; object: string; created: number } & Record<string, unknown>;

/** One webhook delivery: which event, and the HTTP status Athar's endpoint answered (0: unreachable). */
export interface Delivery {
  event: string;
  type: string;
  status: number;
  /** Not sent on purpose (`deliver: false`): a webhook that never came. */
  withheld?: true;
}

export interface StoredReply {
  body: string;
  status: number;
  /** The request body the key was first used with; Stripe refuses the key with other parameters. */
  request: string;
}

interface StateData {
  sessions: Record<string, LocalSession>;
  objects: Record<string, StoredObject>;
  replies: Record<string, StoredReply>;
  /** Balance transaction id → the payout that paid it out (Stripe keeps this link internally). */
  paidOut: Record<string, string>;
  deliveries: Delivery[];
}

export type EmulatorState = ReturnType<typeof createEmulatorState>;

/** The emulator's objects, in memory, saved to a JSON file (for `npm start`) when `flush` is called. */
export function createEmulatorState(file?: string) {
  const empty: StateData = { sessions: {}, objects: {}, replies: {}, paidOut: {}, deliveries: [] };
  const saved =
    file && existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Partial<StateData>) : {};
  const data: StateData = { ...empty, ...saved };
  let dirty = false;
  const touch = () => {
    dirty = true;
  };

  return {
    session: (id: string): LocalSession | undefined => data.sessions[id],
    putSession(record: LocalSession) {
      data.sessions[record.session.id] = record;
      touch();
    },
    /** Newest first, as Stripe lists. */
    sessions: (): LocalSession[] => Object.values(data.sessions).reverse(),

    get<T>(id: string, objectName: string): T | undefined {
      const found = data.objects[id];
      return found?.object === objectName ? (found as unknown as T) : undefined;
    },
    /** Any stored object by id, for `expand`. */
    anyObject: (id: string): StoredObject | undefined => data.objects[id],
    put<T extends { id: string; object: string; created: number }>(object: T): T {
      data.objects[object.id] = object as unknown as StoredObject;
      touch();
      return object;
    },
    /** Objects are changed in place by the flows; this records that the file needs writing. */
    changed: touch,
    /** Newest first, as Stripe lists. */
    list<T>(objectName: string): T[] {
      return Object.values(data.objects)
        .filter((object) => object.object === objectName)
        .reverse() as unknown as T[];
    },

    reply: (key: string): StoredReply | undefined => data.replies[key],
    saveReply(key: string, reply: StoredReply) {
      data.replies[key] = reply;
      touch();
    },

    payoutOf: (balanceTransactionId: string): string | undefined => data.paidOut[balanceTransactionId],
    markPaidOut(balanceTransactionId: string, payoutId: string) {
      data.paidOut[balanceTransactionId] = payoutId;
      touch();
    },

    recordDelivery(delivery: Delivery) {
      data.deliveries.push(delivery);
      touch();
    },
    deliveryCount: () => data.deliveries.length,
    deliveriesFrom: (index: number): Delivery[] => data.deliveries.slice(index),

    flush() {
      if (!file || !dirty) return;
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(data));
      dirty = false;
    },
  };
}
