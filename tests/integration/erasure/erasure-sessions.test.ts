/**
 * An erased donor's sessions stay ended: after the worker has deleted their profile, and after someone
 * gives again with the same e-mail (a new profile, a new account), no cookie signed before then reads or
 * changes anything, on any of the donor's routes.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { paidGift, postWith, sameOrigin, signIn } from "../../support/donor-accounts.ts";
import { withLocalStack } from "../../support/local-stack.ts";
import { localStripe } from "../../support/local-stripe.ts";
import { pendingDonation } from "../../support/stripe-events.ts";
import { runClockFrom } from "../../support/test-clock.ts";

const stack = withLocalStack();
const tag = randomBytes(3).toString("hex");
const donor = { name: `Maysa Returning ${tag}`, email: `maysa.${tag}@example.org`, phone: "+966551230000" };
const year = () => new Date().getUTCFullYear();

/** Every route a donor's cookie opens, with the status it got. */
async function statusesWith(cookie: string, monthlyId: string) {
  const get = (path: string) => fetch(`${stack.url}${path}`, { headers: { cookie } }).then((r) => r.status);
  return {
    dashboard: await get("/api/me/dashboard"),
    history: await get("/api/me/donations"),
    statement: await get(`/api/me/statement?calendar=gregorian&year=${year()}`),
    pdf: await get(`/api/me/statement/pdf?calendar=gregorian&year=${year()}`),
    export: await get("/api/me/export"),
    portal: (await postWith(stack.url, `/api/me/monthly/${monthlyId}/manage`, { cookie, ...sameOrigin }))
      .status,
  };
}
const all = (status: number) => ({
  dashboard: status,
  history: status,
  statement: status,
  pdf: status,
  export: status,
  portal: status,
});

describe("sessions of an erased donor", () => {
  it("stay ended after the profile is deleted, and never read the account made when the same e-mail gives again", async () => {
    await paidGift(stack.url, donor);
    const monthly = await pendingDonation(stack.url, 5000, "month");
    await localStripe(stack.url, "pay", monthly.donationId);
    await stack.drainStreams();
    const erased = await signIn(stack, donor.email);
    const spare = await signIn(stack, donor.email);
    expect((await postWith(stack.url, "/api/me/erasure", { cookie: erased, ...sameOrigin })).status).toBe(
      202,
    );
    await stack.drainStreams();
    expect(await statusesWith(spare, monthly.donationId)).toEqual(all(401));

    // A minute later, the same e-mail gives again: a new profile, a new account.
    runClockFrom(new Date(Date.now() + 60_000));
    const again = await paidGift(stack.url, { ...donor, name: `Maysa New ${tag}` });
    await stack.drainStreams();
    const profileKey = { pk: `DONOR#${again.donorId}`, sk: "A#PROFILE" };
    const epochBefore = (await stack.table.row(profileKey))?.sessionEpoch;
    for (const cookie of [erased, spare]) {
      expect(await statusesWith(cookie, monthly.donationId)).toEqual(all(401));
      // Neither signs the new account out (its epoch stays) nor erases it.
      expect((await postWith(stack.url, "/api/auth/signout", { cookie, ...sameOrigin })).status).toBeLessThan(
        500,
      );
      expect((await postWith(stack.url, "/api/me/erasure", { cookie, ...sameOrigin })).status).toBe(401);
    }
    expect((await stack.table.row(profileKey))?.sessionEpoch).toBe(epochBefore);
    const profile = await stack.table.row(profileKey);
    expect(profile).toMatchObject({ name: `Maysa New ${tag}` });
    expect(
      (await stack.table.allItems()).filter(
        (item) => item.entity === "erasureRequest" && item.donorId === again.donorId,
      ),
    ).toMatchObject([{ status: "done" }]);

    // The donor signing in now reads the new account, and only it.
    const fresh = await signIn(stack, donor.email);
    const dashboard = await fetch(`${stack.url}/api/me/dashboard`, { headers: { cookie: fresh } });
    expect(dashboard.status).toBe(200);
    const exported = await fetch(`${stack.url}/api/me/export`, { headers: { cookie: fresh } }).then((r) =>
      r.json(),
    );
    expect(exported.donor).toMatchObject({ name: `Maysa New ${tag}` });
    expect(exported.gifts).toHaveLength(1);
    expect(JSON.stringify(exported)).not.toContain(monthly.donationId);
  });
});
