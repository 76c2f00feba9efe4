/**
 * Signing out on the local stack: every session of the donor ends, on every device; a form gets a redirect;
 * a cross-site request is refused and changes nothing.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { exportPage, paidGift, postWith, sameOrigin, signIn } from "../../support/donor-accounts.ts";
import { withLocalStack } from "../../support/local-stack.ts";

const stack = withLocalStack();
const { table } = stack;
const unique = (name: string) => `${name}.${randomBytes(4).toString("hex")}@example.org`;

describe("signing out", () => {
  it("ends every session of the donor, on every device, and clears the cookie", async () => {
    const donor = { name: "Layla", email: unique("layla") };
    await paidGift(stack.url, donor);
    const [phone, laptop] = [await signIn(stack, donor.email), await signIn(stack, donor.email)];
    expect((await exportPage(stack.url, laptop)).status).toBe(200);
    const out = await postWith(stack.url, "/api/auth/signout", { cookie: phone, ...sameOrigin });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toMatch(/^athar_session=;.*Expires=Thu, 01 Jan 1970/);
    for (const cookie of [phone, laptop]) {
      const page = await exportPage(stack.url, cookie);
      expect(page.status).toBe(401);
      expect(page.body.error).toBe("signin_required");
    }
    // Signing in again works: the new session carries the new epoch.
    expect((await exportPage(stack.url, await signIn(stack, donor.email))).status).toBe(200);
  });

  it("redirects a form sign-out to the account page", async () => {
    const donor = { name: "Faisal", email: unique("faisal") };
    await paidGift(stack.url, donor);
    const cookie = await signIn(stack, donor.email);
    const response = await fetch(`${stack.url}/api/auth/signout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie, ...sameOrigin },
      body: "",
      redirect: "manual",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/en/account/?signedout=1");
    expect((await exportPage(stack.url, cookie)).status).toBe(401);
  });

  it("refuses a cross-site sign-out (403) and changes nothing", async () => {
    const donor = { name: "Aisha", email: unique("aisha") };
    await paidGift(stack.url, donor);
    const cookie = await signIn(stack, donor.email);
    // Receipts of earlier payments are numbered and mailed in the background: let that finish first.
    await stack.drainStreams();
    const before = await table.allItems();
    const attempts: Record<string, string>[] = [
      { cookie, "sec-fetch-site": "cross-site" },
      { cookie, origin: "https://evil.example" },
      { cookie },
    ];
    for (const headers of attempts) {
      const response = await postWith(stack.url, "/api/auth/signout", headers);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: string }).error).toBe("cross_site_request");
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    expect(await table.allItems()).toEqual(before);
    expect((await exportPage(stack.url, cookie)).status).toBe(200);
  });
});
