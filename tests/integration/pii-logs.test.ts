/**
 * No personal data in logs: runs a donor's whole story on the local stack (checkout with a phone and a
 * dedication, payment webhook, receipt e-mail, sign-in link and callback, the account pages' reads, export,
 * a refused request, sign-out, erasure and its worker) with every log level on, captures everything the
 * process writes, and looks for the donor's e-mail, name and phone, and the dedication's names and address.
 */
import { randomBytes } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { logger } from "../../functions/http/logger.ts";
import {
  callback,
  cookieOf,
  exportPage,
  latestSignInToken,
  paidGift,
  postWith,
  requestLink,
  sameOrigin,
  signIn,
} from "../support/donor-accounts.ts";
import { withLocalStack } from "../support/local-stack.ts";

const stack = withLocalStack();
const tag = randomBytes(3).toString("hex");
const donor = {
  name: `Quorralyn Pemberwick ${tag}`,
  email: `quorralyn.${tag}@example.org`,
  phone: "+966507772931",
};
const dedication = {
  kind: "honor",
  name: `Thaddeus Vornholt ${tag}`,
  notify: { name: `Ismeralda Crane ${tag}`, email: `ismeralda.${tag}@example.net` },
};
const personalData = [
  donor.name,
  donor.email,
  donor.phone,
  dedication.name,
  dedication.notify.name,
  dedication.notify.email,
];

const captured: string[] = [];
const capture = (stream: NodeJS.WriteStream) => {
  const write = stream.write.bind(stream);
  return vi.spyOn(stream, "write").mockImplementation(((chunk: unknown, ...rest: never[]) => {
    captured.push(String(chunk));
    return write(chunk as string, ...rest);
  }) as typeof stream.write);
};

beforeAll(() => {
  // Everything, DEBUG included: personal data must not hide in any level.
  logger.setLogLevel("DEBUG");
});
afterEach(() => vi.restoreAllMocks());

describe("logs of a donor's whole story", () => {
  it("never contain the donor's e-mail, name or phone, nor a dedication's", async () => {
    capture(process.stdout);
    capture(process.stderr);
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        captured.push(args.map(String).join(" "));
      });
    }

    const { donationId } = await paidGift(stack.url, donor, { dedication, locale: "en" });
    await stack.drainStreams();
    await requestLink(stack, donor.email);
    const cookie = cookieOf(await callback(stack.url, await latestSignInToken(donor.email)));
    expect((await exportPage(stack.url, cookie)).body.donations).toEqual(
      expect.arrayContaining([expect.objectContaining({ donationId })]),
    );
    // The account pages' reads.
    for (const path of ["/api/me/dashboard", "/api/me/donations"]) {
      expect((await fetch(`${stack.url}${path}`, { headers: { cookie } })).status).toBe(200);
    }
    // A refused request (the address typed wrong) is logged too.
    expect((await requestLink(stack, `${donor.email}@`)).status).toBe(400);
    await postWith(stack.url, "/api/auth/signout", { cookie, ...sameOrigin });
    const again = await signIn(stack, donor.email);
    expect((await postWith(stack.url, "/api/me/erasure", { cookie: again, ...sameOrigin })).status).toBe(202);
    await stack.drainStreams();
    vi.restoreAllMocks();

    const log = captured.join("\n");
    // The flow was logged: each step's request line, the receipt and card e-mails and the erasure.
    for (const expected of [
      "POST /api/checkout",
      "POST /api/stripe/webhook",
      "POST /api/auth/link",
      "GET /api/auth/callback",
      "GET /api/me/export",
      "GET /api/me/dashboard",
      "GET /api/me/donations",
      "POST /api/auth/signout",
      "POST /api/me/erasure",
      "outbox: receipt",
      "outbox: dedication",
      "outbox: signin",
      "sign-in link request handled",
      "donor erased",
    ]) {
      expect(log, expected).toContain(expected);
    }
    const lower = log.toLowerCase();
    for (const datum of personalData) expect(lower, datum).not.toContain(datum.toLowerCase());
    // Nor the phone in another spelling, nor the address's local part alone.
    expect(log).not.toContain(donor.phone.slice(4));
    expect(lower).not.toContain(`quorralyn.${tag}`);
  });
});
