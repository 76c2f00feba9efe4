import { describe, expect, it } from "vitest";
import { parseSesEvent } from "../../../functions/adapters/ses-events.ts";
import { bounceRecord, complaintRecord, deliveryRecord, rejectRecord } from "../../support/ses-events.ts";

const parse = (record: object) => parseSesEvent(JSON.stringify(record));

describe("SES's event records", () => {
  it("reads a bounce as the e-mail's kind and id, SES's bounce type and when it bounced, and no address", () => {
    const event = parse(bounceRecord("receipt-2026-000042"));
    expect(event).toEqual({
      kind: "receipt",
      ref: "receipt-2026-000042",
      problem: { type: "bounce", detail: "Permanent/General", at: "2026-10-22T09:01:02.669Z" },
    });
    expect(JSON.stringify(event)).not.toContain("@");
  });

  it("reads transient bounces, complaints and rejections", () => {
    expect(parse(bounceRecord("signin-ab12", "signin", "Transient", "MailboxFull"))?.problem).toEqual({
      type: "bounce",
      detail: "Transient/MailboxFull",
      at: "2026-10-22T09:01:02.669Z",
    });
    expect(parse(complaintRecord("dedication-don_1", "dedication"))).toEqual({
      kind: "dedication",
      ref: "dedication-don_1",
      problem: { type: "complaint", detail: "abuse", at: "2026-10-22T09:05:00.000Z" },
    });
    expect(parse(rejectRecord("receipt-2026-000001"))?.problem).toEqual({
      type: "reject",
      detail: "Bad content",
      at: "2026-10-22T09:00:00.000Z",
    });
  });

  it("ignores other events, unknown kinds and what is not an SES record", () => {
    expect(parse(deliveryRecord("receipt-2026-000042"))).toBeUndefined();
    expect(parse(bounceRecord("receipt-2026-000042", "newsletter"))?.kind).toBeUndefined();
    expect(parseSesEvent("not json")).toBeUndefined();
    expect(parse({ eventType: "Bounce", mail: {} })).toBeUndefined();
    const { tags: _tags, ...untagged } = bounceRecord("x").mail;
    expect(parse({ ...bounceRecord("x"), mail: untagged })).toMatchObject({
      kind: undefined,
      ref: undefined,
    });
  });
});
