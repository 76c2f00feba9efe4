import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HELP, parseCommandLine, runCli } from "../../../scripts/local-stripe.ts";
import { createGiftSession, type Harness, startHarness } from "../../support/local-stripe-harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.stop());

/** Runs the CLI against the harness; answers the exit code and what it printed. */
async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...argv, "--url", harness.url], {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("the command line", () => {
  it("parses commands and options, with the product's port as the default URL", () => {
    expect(parseCommandLine(["refund", "don_1", "--amount", "12.50"], { PORT: "9999" })).toEqual({
      command: ["refund", "don_1"],
      options: { amount: "12.50", url: "http://localhost:9999" },
    });
    expect(parseCommandLine(["list"], {}).options.url).toBe("http://localhost:8787");
    expect(parseCommandLine(["pay", "x", "--url", "http://127.0.0.1:1234/"], {}).options.url).toBe(
      "http://127.0.0.1:1234",
    );
    expect(() => parseCommandLine(["pay", "--nope"], {})).toThrow(/nope/);
  });

  it("lists its commands with --help", async () => {
    const help = await cli("--help");
    expect(help).toMatchObject({ code: 0, out: HELP });
    for (const command of [
      "list",
      "pay",
      "settle",
      "renew",
      "cancel",
      "refund",
      "dispute open",
      "dispute close",
      "payout",
      "expire",
    ])
      expect(HELP).toContain(`  ${command}`);
  });
});

describe("a donation's life from the command line", () => {
  it("pays, lists, refunds part in major units and finds the donation by its Stripe ids", async () => {
    const session = await createGiftSession(harness.stripe, { donationId: "don_cli_once", amount: 15000 });
    const paid = await cli("pay", "don_cli_once");
    expect(paid.code).toBe(0);
    expect(paid.out).toMatch(
      new RegExp(`^paid ${session.id}\\n  checkout\\.session\\.completed  evt_local\\w+  → webhook 200$`),
    );
    const listed = await cli("list");
    expect(listed.out).toMatch(/don_cli_once\s+payment\s+complete\/paid\s+SAR\s150\.00/);

    const refunded = await cli("refund", session.id, "--amount", "12.50");
    expect(refunded.code).toBe(0);
    expect(refunded.out).toMatch(/^refunded SAR\s12\.50 of ch_local\w+ \(re_local\w+\)/);
    expect(refunded.out).toContain("charge.refunded");
    expect(refunded.out).toContain("refund.created");
    const [charge] = (await harness.stripe.charges.list({ limit: 100 })).data.filter(
      (candidate) => candidate.metadata.donationId === "don_cli_once",
    );
    expect(charge?.amount_refunded).toBe(1250);

    const rest = await cli("refund", String(charge?.id));
    expect(rest.code).toBe(0);
    const nothing = await cli("refund", "don_cli_once");
    expect(nothing).toMatchObject({ code: 1, err: "local:stripe: Nothing to refund for don_cli_once." });
    harness.take();
  });

  it("renews, disputes, cancels at period end and pays out a monthly gift", async () => {
    await createGiftSession(harness.stripe, { donationId: "don_cli_monthly", mode: "subscription" });
    expect((await cli("pay", "don_cli_monthly")).out).toContain("invoice.paid");
    const renewed = await cli("renew", "don_cli_monthly", "--fail");
    expect(renewed.out).toContain("invoice.payment_failed");
    expect((await cli("renew", "don_cli_monthly")).out).toContain("invoice.paid");
    const opened = await cli("dispute", "open", "don_cli_monthly");
    expect(opened.out).toMatch(/^opened (dp_local\w+) on ch_local\w+\n {2}charge\.dispute\.created/);
    const disputeId = /dp_local\w+/.exec(opened.out)?.[0] ?? "";
    expect((await cli("dispute", "close", disputeId, "--lost")).out).toContain(`${disputeId} lost`);
    const ending = await cli("cancel", "don_cli_monthly", "--at-period-end");
    expect(ending.out).toMatch(/ends at the end of its period\n {2}customer\.subscription\.updated/);
    expect((await cli("renew", "don_cli_monthly")).out).toContain("customer.subscription.deleted");
    const payout = await cli("payout");
    expect(payout.out).toMatch(
      /^paid out SAR\s[\d,.]+ \(po_local\w+\)\n {2}payout\.created .*\n {2}payout\.paid/,
    );
    expect(harness.rejected).toEqual([]);
  });

  it("settles a delayed payment and expires a session", async () => {
    const session = await createGiftSession(harness.stripe, { donationId: "don_cli_transfer" });
    await harness.hostedPage(session.id, "delayed");
    expect((await cli("settle", "don_cli_transfer", "--succeed")).out).toContain(
      "checkout.session.async_payment_succeeded",
    );
    await createGiftSession(harness.stripe, { donationId: "don_cli_abandoned" });
    expect((await cli("expire", "don_cli_abandoned")).out).toContain("checkout.session.expired");
  });
});

describe("errors", () => {
  it("exits 1 with a clear message for an unknown donation, a bad command or bad options", async () => {
    expect(await cli("pay", "don_nobody")).toMatchObject({
      code: 1,
      err: "local:stripe: No checkout session for don_nobody in the local Stripe emulator.",
    });
    expect((await cli("fly")).err).toBe("local:stripe: Unknown command fly. See --help.");
    expect((await cli("settle", "don_x")).code).toBe(1);
    expect((await cli("pay")).err).toBe("local:stripe: Missing <donation>. See --help.");
    expect((await cli("pay", "x", "--bogus")).code).toBe(1);
    await createGiftSession(harness.stripe, { donationId: "don_cli_once_only" });
    expect((await cli("cancel", "don_cli_once_only")).err).toBe(
      "local:stripe: don_cli_once_only has no subscription.",
    );
  });

  it("says so when the product is not running", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const out: string[] = [];
    const code = await runCli(["list", "--url", `http://127.0.0.1:${port}`], {
      out: (line) => out.push(line),
      err: (line) => out.push(line),
    });
    expect(code).toBe(1);
    expect(out).toEqual([
      `local:stripe: Nothing answers at http://127.0.0.1:${port}: is \`npm start\` running in local payment mode (no Stripe keys)?`,
    ]);
  });
});
