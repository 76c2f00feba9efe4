/**
 * `npm run local:stripe -- <command>`: makes Stripe's side of a donation happen in local payment mode
 * (pay, settle, renew, cancel, refund, dispute, payout, expire) against a running `npm start`, and shows
 * the events delivered to Athar's webhook with its HTTP status.
 */
import { parseArgs } from "node:util";
import { formatMoney, parseMajorAmount } from "../contract/money.ts";
import { type CliClient, CliError, createCliClient } from "../local/stripe/cli-client.ts";
import type { SessionSummary } from "../local/stripe/lookup.ts";
import type { Delivery } from "../local/stripe/state.ts";

export const HELP = `Usage: npm run local:stripe -- <command> [options]

<donation> is a donation id (don_…) or a Stripe id (cs_, sub_, pi_, ch_, dp_).

Commands:
  list                                     recent checkout sessions
  pay <donation>                           pay the open checkout session
  settle <donation> --succeed|--fail       settle a delayed payment (bank transfer)
  renew <donation> [--fail]                bill the next month of a subscription (or fail the attempt)
  cancel <donation> [--at-period-end]      cancel the donation's subscription
  refund <donation> [--amount 12.50] [--charge ch_…]
                                           refund the latest charge, all of what is left or --amount
  dispute open <donation> [--charge ch_…]  the donor's bank disputes the latest charge
  dispute close <donation|dp_…> --won|--lost
  payout                                   pay out the available balance (in the settlement currency, SAR)
  fees --percent 3.4 [--fixed 1]           Stripe's processing fee from now on (default 2.9 % + 1.00)
  expire <donation>                        expire the open checkout session now

Options:
  --withhold-webhooks  pay, renew, refund, dispute: it happens at Stripe but no event reaches Athar
                       (a missing webhook; refund: as if made in Stripe's dashboard)
  --url <url>   the running product (default http://localhost:\${PORT:-8787})
  --help        this text`;

const OPTIONS = {
  url: { type: "string" },
  help: { type: "boolean", short: "h" },
  fail: { type: "boolean" },
  succeed: { type: "boolean" },
  won: { type: "boolean" },
  lost: { type: "boolean" },
  "at-period-end": { type: "boolean" },
  amount: { type: "string" },
  charge: { type: "string" },
  "withhold-webhooks": { type: "boolean" },
  percent: { type: "string" },
  fixed: { type: "string" },
} as const;

export type CliOptions = ReturnType<typeof parseCommandLine>["options"];

export function parseCommandLine(argv: string[], env: NodeJS.ProcessEnv = process.env) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  const url = (values.url ?? `http://localhost:${env.PORT ?? 8787}`).replace(/\/$/, "");
  return { command: positionals, options: { ...values, url } };
}

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

const money = (amount: number | null, currency: string | null) =>
  amount === null || !currency ? "-" : formatMoney({ value: amount, currency: currency.toUpperCase() }, "en");

function report(output: CliOutput, done: string, deliveries: Delivery[]) {
  output.out(done);
  if (deliveries.length === 0) output.out("  (no event delivered)");
  for (const delivery of deliveries) {
    const ok = delivery.status >= 200 && delivery.status < 300;
    const answered = delivery.withheld ? "withheld" : delivery.status || "unreachable";
    output.out(
      `  ${delivery.type}  ${delivery.event}  → webhook ${answered}${ok || delivery.withheld ? "" : "  ✗"}`,
    );
  }
}

function listing(sessions: SessionSummary[]): string[] {
  if (sessions.length === 0) return ["No checkout sessions yet."];
  return sessions
    .slice(0, 25)
    .map((session) =>
      [
        (session.donationId ?? "-").padEnd(30),
        session.mode.padEnd(12),
        `${session.status}/${session.paymentStatus}`.padEnd(17),
        money(session.amount, session.currency).padEnd(14),
        session.subscription ? `${session.subscription} (${session.subscriptionStatus})` : "",
      ].join(" "),
    );
}

function need(value: string | undefined, what: string): string {
  if (!value) throw new CliError(`Missing ${what}. See --help.`);
  return value;
}

function chargeToRefund(summary: SessionSummary, chargeId: string | undefined) {
  if (chargeId) return chargeId;
  const charge = summary.charges.find(
    (candidate) => candidate.status === "succeeded" && candidate.amountRefunded < candidate.amount,
  );
  if (!charge) throw new CliError(`Nothing to refund for ${summary.donationId ?? summary.sessionId}.`);
  return charge.id;
}

async function run(client: CliClient, command: string[], options: CliOptions, output: CliOutput) {
  const [name, first, second] = command;
  const withheld = options["withhold-webhooks"] ? { deliver: false } : {};
  const act = async (action: string, body: Record<string, unknown>) => {
    const result = await client.act(action, { ...body, ...withheld });
    report(output, result.done, result.deliveries);
  };
  switch (name) {
    case "list":
      for (const line of listing(await client.sessions())) output.out(line);
      return;
    case "pay":
    case "expire":
      return act(name, { ref: need(first, "<donation>") });
    case "settle":
      if (options.succeed === options.fail)
        throw new CliError("settle needs exactly one of --succeed or --fail.");
      return act("settle", { ref: need(first, "<donation>"), outcome: options.succeed ? "succeed" : "fail" });
    case "renew":
      return act("renew", { ref: need(first, "<donation>"), fail: options.fail === true });
    case "payout":
      return act("payouts", {});
    case "fees":
      return act("fees", {
        percent: Number(need(options.percent, "--percent")),
        ...(options.fixed ? { fixedMajorUnits: Number(options.fixed) } : {}),
      });
    case "dispute": {
      const ref = need(second, "<donation>");
      if (first === "open")
        return act("disputes/open", { ref, ...(options.charge ? { charge: options.charge } : {}) });
      if (first !== "close") throw new CliError("dispute needs open or close.");
      if (options.won === options.lost)
        throw new CliError("dispute close needs exactly one of --won or --lost.");
      return act("disputes/close", { ref, outcome: options.won ? "won" : "lost" });
    }
    case "cancel": {
      const summary = await client.find(need(first, "<donation>"));
      const id = summary.subscription;
      if (!id) throw new CliError(`${first} has no subscription.`);
      const { deliveries } = await client.withDeliveries(() =>
        options["at-period-end"]
          ? client.stripe.subscriptions.update(id, { cancel_at_period_end: true })
          : client.stripe.subscriptions.cancel(id),
      );
      return report(
        output,
        options["at-period-end"] ? `${id} ends at the end of its period` : `canceled ${id}`,
        deliveries,
      );
    }
    case "refund": {
      const summary = await client.find(need(first, "<donation>"));
      const charge = chargeToRefund(summary, options.charge);
      const currency = (summary.currency ?? "").toUpperCase();
      const amount = options.amount === undefined ? undefined : parseMajorAmount(options.amount, currency);
      if (options.amount !== undefined && !amount)
        throw new CliError(`--amount ${options.amount} is not an amount in ${currency}.`);
      // Withheld: made "in the dashboard" (the emulator's admin), since an API call cannot mute its events.
      if (options["withhold-webhooks"])
        return act("refunds", { ref: first, charge, ...(amount ? { amount } : {}) });
      const { result, deliveries } = await client.withDeliveries(() =>
        client.stripe.refunds.create({ charge, ...(amount ? { amount } : {}) }),
      );
      return report(
        output,
        `refunded ${money(result.amount, result.currency)} of ${charge} (${result.id})`,
        deliveries,
      );
    }
    default:
      throw new CliError(name ? `Unknown command ${name}. See --help.` : HELP);
  }
}

const consoleOutput: CliOutput = { out: (line) => console.log(line), err: (line) => console.error(line) };

/** Runs one command; answers the exit code (1 with a one-line message on any error). */
export async function runCli(
  argv: string[],
  output: CliOutput = consoleOutput,
  env = process.env,
): Promise<number> {
  try {
    const { command, options } = parseCommandLine(argv, env);
    if (options.help) {
      output.out(HELP);
      return 0;
    }
    await run(createCliClient(options.url), command, options, output);
    return 0;
  } catch (error) {
    if (error instanceof CliError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      output.err(`local:stripe: ${(error as Error).message}`);
      return 1;
    }
    throw error;
  }
}

if (import.meta.main) process.exitCode = await runCli(process.argv.slice(2));
