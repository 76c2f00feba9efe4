import { expect } from "vitest";
import { runCli } from "../../scripts/local-stripe.ts";

/**
 * Runs an `npm run local:stripe` command against a running stack, as a developer would; expects it to
 * succeed and every webhook it triggered to answer 200. Answers the event types delivered and the output.
 */
export async function localStripe(baseUrl: string, ...argv: string[]) {
  const lines: string[] = [];
  const code = await runCli([...argv, "--url", baseUrl], {
    out: (line) => lines.push(line),
    err: (line) => lines.push(line),
  });
  const output = lines.join("\n");
  expect(code, output).toBe(0);
  const statuses = lines.flatMap((line) => /→ webhook (\S+)/.exec(line)?.[1] ?? []);
  expect(
    statuses.every((status) => status === "200"),
    output,
  ).toBe(true);
  const types = lines.flatMap((line) => /^\s+(\S+)\s+evt_/.exec(line)?.[1] ?? []);
  return { types, output };
}
