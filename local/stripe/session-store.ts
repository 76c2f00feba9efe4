import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type Stripe from "stripe";

/** The emulator's checkout sessions, in memory, optionally saved to a JSON file for `npm start`. */
export interface LocalSession {
  session: Stripe.Checkout.Session;
  /** Line items are not part of Stripe's session object; the hosted page shows the product name. */
  productName: string;
}

export interface SessionStore {
  get(id: string): LocalSession | undefined;
  put(record: LocalSession, idempotencyKey?: string): void;
  byIdempotencyKey(key: string): LocalSession | undefined;
}

export function createSessionStore(file?: string): SessionStore {
  const state: { sessions: Record<string, LocalSession>; keys: Record<string, string> } =
    file && existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : { sessions: {}, keys: {} };
  const save = () => {
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(state));
  };
  return {
    get: (id) => state.sessions[id],
    put(record, idempotencyKey) {
      state.sessions[record.session.id] = record;
      if (idempotencyKey) state.keys[idempotencyKey] = record.session.id;
      save();
    },
    byIdempotencyKey(key) {
      const id = state.keys[key];
      return id ? state.sessions[id] : undefined;
    },
  };
}
