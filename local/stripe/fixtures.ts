/**
 * Stripe's own example objects (fixtures3.json from stripe/openapi, MIT licence, copied unchanged): the
 * emulator clones one and changes only the fields a flow is about, so our code always parses real shapes.
 */
import { readFileSync } from "node:fs";

const file = new URL("./fixtures3.json", import.meta.url);
let resources: Record<string, unknown> | undefined;

export function stripeFixture<T = Record<string, unknown>>(name: string): T {
  resources ??= (JSON.parse(readFileSync(file, "utf8")) as { resources: Record<string, unknown> }).resources;
  const fixture = resources[name];
  if (!fixture) throw new Error(`No Stripe fixture named ${name}`);
  return structuredClone(fixture) as T;
}
